"""Framework-model wrappers on JAX (integration tier).

`jax_support` gives `JaxLayer`/`FlaxLayer` JAX's pytree functions and
Flax (when installed); `TorchModuleWrapper` needs the torch backend and
raises here.
"""

from __future__ import annotations

import importlib
import types
from typing import Any

import jax

from cornu.src.backend.common.capabilities import unsupported

NAME = "jax"


def _flax_linen(owner: str) -> Any:
    try:
        return importlib.import_module("flax.linen")
    except ImportError as e:
        raise ImportError(
            f"{owner} wraps a Flax module and needs the optional package "
            "'flax', which is not installed. Install it with `pip install "
            "flax`, or wrap a plain JAX function with "
            "`cornu.layers.JaxLayer`."
        ) from e


def jax_support(owner: str) -> Any:
    """JAX's pytree functions, `eval_shape` (and Flax) for `owner`."""
    return types.SimpleNamespace(
        tree_map=jax.tree_util.tree_map,
        tree_leaves=jax.tree_util.tree_leaves,
        is_array=lambda x: isinstance(x, jax.Array),
        eval_shape=jax.eval_shape,
        shape_dtype=jax.ShapeDtypeStruct,
        flax_linen=lambda: _flax_linen(owner),
    )


def torch_support(owner: str) -> Any:
    """Raises: torch modules run as layers only on the torch backend."""
    raise unsupported(
        NAME,
        owner,
        "it runs a `torch.nn.Module`, which needs the torch backend. Set "
        "CORNU_BACKEND=torch before the first `import cornu`.",
    )
