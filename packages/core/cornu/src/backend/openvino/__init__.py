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
CAPABILITIES = Capabilities(training=False, jit=False, complex_dtypes=False)
_NOT_YET = (
    "not implemented yet in cornu's openvino backend (OpenVINO could "
    "express it with its opset). Use the numpy, jax, torch or tensorflow "
    "backend for this op."
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
    "image.affine_transform": _NOT_YET,
    "image.crop_images": _NOT_YET,
    "image.elastic_transform": _NOT_YET,
    "image.extract_patches": _NOT_YET,
    "image.extract_patches_3d": _NOT_YET,
    "image.gaussian_blur": _NOT_YET,
    "image.hsv_to_rgb": _NOT_YET,
    "image.map_coordinates": _NOT_YET,
    "image.pad_images": _NOT_YET,
    "image.perspective_transform": _NOT_YET,
    "image.reconstruct_patches": _NOT_YET,
    "image.reconstruct_patches_3d": _NOT_YET,
    "image.rgb_to_grayscale": _NOT_YET,
    "image.rgb_to_hsv": _NOT_YET,
    "image.scale_and_translate": _NOT_YET,
    "image.sobel_edges": _NOT_YET,
    "image.ssim": _NOT_YET,
    "linalg.cholesky": _NOT_YET,
    "linalg.cholesky_inverse": _NOT_YET,
    "linalg.det": _NOT_YET,
    "linalg.eig": _NOT_YET,
    "linalg.eigh": _NOT_YET,
    "linalg.jvp": _NO_AUTODIFF,
    "linalg.lstsq": _NOT_YET,
    "linalg.lu_factor": _NOT_YET,
    "linalg.matrix_rank": _NOT_YET,
    "linalg.pinv": _NOT_YET,
    "linalg.solve": _NOT_YET,
    "linalg.solve_triangular": _NOT_YET,
    "linalg.svd": _NOT_YET,
    "math.erfinv": _NOT_YET,
    "math.extract_sequences": _NOT_YET,
    "math.fft": _NO_COMPLEX,
    "math.fft2": _NO_COMPLEX,
    "math.ifft2": _NO_COMPLEX,
    "math.in_top_k": _NOT_YET,
    "math.irfft": _NO_COMPLEX,
    "math.istft": _NO_COMPLEX,
    "math.logdet": _NOT_YET,
    "math.rfft": _NO_COMPLEX,
    "math.segment_max": _NOT_YET,
    "math.segment_sum": _NOT_YET,
    "math.stft": _NO_COMPLEX,
    "math.view_as_complex": _NO_COMPLEX,
    "math.view_as_real": _NO_COMPLEX,
    "nn.ctc_decode": _NOT_YET,
    "nn.ctc_loss": _NOT_YET,
    "nn.polar": _NO_COMPLEX,
    "nn.psnr": _NOT_YET,
    "nn.sparsemax": _NOT_YET,
    "nn.unfold": _NOT_YET,
    "numpy.angle": _NO_COMPLEX,
    "numpy.argpartition": _NOT_YET,
    "numpy.bincount": _NOT_YET,
    "numpy.cdist": _NOT_YET,
    "numpy.conj": _NO_COMPLEX,
    "numpy.conjugate": _NO_COMPLEX,
    "numpy.corrcoef": _NOT_YET,
    "numpy.correlate": _NOT_YET,
    "numpy.cross": _NOT_YET,
    "numpy.cumprod": _NOT_YET,
    "numpy.digitize": _NOT_YET,
    "numpy.dstack": _NOT_YET,
    "numpy.fliplr": _NOT_YET,
    "numpy.flipud": _NOT_YET,
    "numpy.gcd": _NOT_YET,
    "numpy.histogram": _NOT_YET,
    "numpy.i0": _NOT_YET,
    "numpy.imag": _NO_COMPLEX,
    "numpy.isin": _NOT_YET,
    "numpy.isreal": _NO_COMPLEX,
    "numpy.kron": _NOT_YET,
    "numpy.lcm": _NOT_YET,
    "numpy.ldexp": _NOT_YET,
    "numpy.logaddexp2": _NOT_YET,
    "numpy.nancumprod": _NOT_YET,
    "numpy.nanmedian": _NOT_YET,
    "numpy.nanpercentile": _NOT_YET,
    "numpy.nanquantile": _NOT_YET,
    "numpy.nextafter": _NOT_YET,
    "numpy.real": _NO_COMPLEX,
    "numpy.rot90": _NOT_YET,
    "numpy.searchsorted": _NOT_YET,
    "numpy.select": _NOT_YET,
    "numpy.signbit": _NOT_YET,
    "numpy.sinc": _NOT_YET,
    "numpy.slogdet": _NOT_YET,
    "numpy.trace": _NOT_YET,
    "numpy.trapezoid": _NOT_YET,
    "numpy.unique": _NOT_YET,
    "numpy.unravel_index": _NOT_YET,
    "numpy.vectorize": _NOT_YET,
    "numpy.view": _NOT_YET,
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
