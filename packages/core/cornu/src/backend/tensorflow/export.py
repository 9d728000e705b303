"""Export on TensorFlow (integration tier).

Not written yet: the tensorflow backend is new, and its SavedModel
(`tf.function` + `tf.saved_model.save`), ONNX (tf2onnx), OpenVINO and
LiteRT routes come next. Until then each format is declared unsupported
with the route that works today.
"""

from __future__ import annotations

_ROUTE = (
    "cornu's tensorflow backend does not export yet. Save the model with "
    "`model.save('model.cornu')`, load it under {env} and call "
    "`model.export(...)` there."
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
