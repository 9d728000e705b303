"""Framework-model wrappers on OpenVINO (integration tier): none.

`JaxLayer`/`FlaxLayer` need the jax backend and `TorchModuleWrapper` the
torch backend; asking for them here raises an error saying so.
"""

from __future__ import annotations

from typing import Any

from cornu.src.backend.common.capabilities import unsupported

NAME = "openvino"


def jax_support(owner: str) -> Any:
    """Raises: JAX functions run as layers only on the jax backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs JAX functions, which needs the jax backend. Set "
        "CORNU_BACKEND=jax before the first `import cornu`.",
    )


def torch_support(owner: str) -> Any:
    """Raises: torch modules run as layers only on the torch backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs a `torch.nn.Module`, which needs the torch backend. Set "
        "CORNU_BACKEND=torch before the first `import cornu`.",
    )
