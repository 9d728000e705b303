"""Export on NumPy (integration tier): none of the formats.

Every format converts a traced program (jax2tf, `torch.export`, a
`tf.function`); NumPy runs eagerly and records nothing to convert, so each
format is declared unsupported with the route that works: save the model,
load it under a backend that exports it, and export there.
"""

from __future__ import annotations

_ROUTE = (
    "the numpy backend runs eagerly and has no traced program to convert. "
    "Save the model with `model.save('model.cornu')`, load it under {env} "
    "and call `model.export(...)` there."
)

UNSUPPORTED_FORMATS = {
    "tf_saved_model": _ROUTE.format(env="CORNU_BACKEND=jax"),
    "onnx": _ROUTE.format(env="CORNU_BACKEND=torch"),
    "openvino": _ROUTE.format(env="CORNU_BACKEND=jax or torch"),
    "litert": _ROUTE.format(env="CORNU_BACKEND=jax"),
    "torch": _ROUTE.format(env="CORNU_BACKEND=torch"),
}

# Formats written with fixed input shapes only (none here).
STATIC_SHAPES_ONLY: dict[str, str] = {}
