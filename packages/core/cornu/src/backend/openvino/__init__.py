"""The OpenVINO backend: inference only, compiled by OpenVINO's runtime.

Ops build OpenVINO graph nodes (`openvino.opset15`); eager calls run at
once (see `core.py`), `predict` compiles the whole model once per input
signature (see `trainer.py`). Ops not listed below run; those in
`UNSUPPORTED` raise `BackendNotSupportedError` with the reason and an
alternative.
"""

import os
import sys


def _import_openvino():
    """`import openvino`, without writing to the home folder.

    Importing OpenVINO initializes its telemetry, which writes
    `~/intel/openvino_ga_cid` (and sends an "import" event) unless it
    runs in CI. Importing cornu must not write to the home folder
    (`config.py`), so, unless OpenVINO is already loaded or the user set
    `CI` themselves, the import runs with `CI=true`, which OpenVINO's
    telemetry treats as opted out.
    """
    if "openvino" in sys.modules or "CI" in os.environ:
        import openvino

        return openvino
    os.environ["CI"] = "true"
    try:
        import openvino
    finally:
        del os.environ["CI"]
    return openvino


_import_openvino()

from cornu.src.backend.common.capabilities import Capabilities  # noqa: E402
from cornu.src.backend.openvino import core  # noqa: E402
from cornu.src.backend.openvino import image  # noqa: E402
from cornu.src.backend.openvino import linalg  # noqa: E402
from cornu.src.backend.openvino import math  # noqa: E402
from cornu.src.backend.openvino import nn  # noqa: E402
from cornu.src.backend.openvino import numpy  # noqa: E402
from cornu.src.backend.openvino import random  # noqa: E402
from cornu.src.backend.openvino import rnn  # noqa: E402

core.bind_operators(numpy)

NAME = "openvino"
CAPABILITIES = Capabilities(
    training=False,
    jit=False,
    complex_dtypes=False,
    float64_precision=False,
)
_NO_COMPLEX = (
    "cornu's openvino backend has no complex dtypes yet (OpenVINO keeps "
    "complex values as a trailing pair of reals, which cornu does not map "
    "yet). Use the numpy, jax, torch or tensorflow backend for this op."
)
_NO_AUTODIFF = (
    "OpenVINO runs inference only and has no automatic differentiation. "
    "Use the jax, torch or tensorflow backend for Jacobian-vector products."
)
# op name -> why it does not run here, and what to use instead.
UNSUPPORTED: dict[str, str] = {
    "linalg.eig": (
        "OpenVINO has no eigendecomposition op, and the eigenvalues of "
        "a general matrix are complex, which cornu's openvino backend "
        "cannot hold (no complex dtypes). Use the numpy, jax, torch or "
        "tensorflow backend for it."
    ),
    "linalg.jvp": _NO_AUTODIFF,
    "math.view_as_complex": _NO_COMPLEX,
    "math.view_as_real": _NO_COMPLEX,
    "nn.polar": _NO_COMPLEX,
}


def _install_raisers() -> None:
    """Each op in `UNSUPPORTED` that has no implementation raises
    `BackendNotSupportedError` with its reason when called."""
    from types import ModuleType

    from cornu.src.backend.common.capabilities import unsupported

    namespaces = {
        "numpy": numpy,
        "nn": nn,
        "math": math,
        "linalg": linalg,
        "image": image,
    }
    for op, reason in UNSUPPORTED.items():
        family, name = op.split(".")
        module = namespaces[family]
        current = getattr(module, name, None)
        if callable(current) and not isinstance(current, ModuleType):
            continue

        def raiser(*args, _op=op, _reason=reason, **kwargs):
            raise unsupported(NAME, _op, _reason)

        raiser.__name__ = name
        raiser.__module__ = __name__
        setattr(module, name, raiser)


_install_raisers()
