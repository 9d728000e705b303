"""Export on OpenVINO (integration tier): the OpenVINO IR only.

`format="openvino"` traces the model's inference call into an
`openvino.Model` (as `predict` does, `trainer.trace_model`), which
`export/openvino_lib.py` saves. The other formats need a framework
program (TensorFlow, torch) that this backend does not build.
"""

from __future__ import annotations

from typing import Any

from cornu.src import tree
from cornu.src.export import export_utils

_ROUTE = (
    "the openvino backend builds OpenVINO graphs only. Save the model with "
    "`model.save('model.cornu')`, load it under {env} and call "
    "`model.export(...)` there."
)

UNSUPPORTED_FORMATS = {
    "tf_saved_model": _ROUTE.format(env="CORNU_BACKEND=jax"),
    "onnx": _ROUTE.format(env="CORNU_BACKEND=torch"),
    "litert": _ROUTE.format(env="CORNU_BACKEND=jax"),
    "torch": _ROUTE.format(env="CORNU_BACKEND=torch"),
}

# Formats written with fixed input shapes only: the trace of cornu's ops
# reads static sizes (reshapes, slices and paddings use them).
STATIC_SHAPES_ONLY = {
    "openvino": (
        "cornu's openvino backend traces the model with static shapes; "
        "export from the torch backend for a dynamic batch size."
    ),
}


def convert_to_openvino(
    model: Any, input_signature: list, **kwargs: Any
) -> Any:
    """An `openvino.Model` of `model`'s inference call, traced with the
    fixed shapes of `input_signature`.

    Raises:
        ValueError: an unknown option, or a signature with a `None` axis.
    """
    from cornu.src.backend.openvino.trainer import trace_model

    if kwargs:
        raise ValueError(
            f"Unknown export options {sorted(kwargs)} for OpenVINO export "
            "on the openvino backend. It accepts none."
        )
    if export_utils.has_dynamic_axes(input_signature):
        shapes = [s.shape for s in export_utils.flat_specs(input_signature)]
        raise ValueError(
            "OpenVINO export on the openvino backend needs fixed input "
            "shapes (the trace reads static sizes). Received a signature "
            f"with `None` axes: {shapes}. Pass e.g. `input_signature=["
            "cornu.InputSpec(shape=(8, 5), dtype='float32')]`, or export "
            "from the torch backend."
        )
    specs = [
        (list(s.shape), s.dtype)
        for s in export_utils.flat_specs(input_signature)
    ]
    structure = tree.map_structure(lambda s: s, input_signature)
    if len(structure) == 1:
        structure = structure[0]
    ov_model, _, _ = trace_model(
        model, structure, specs, float64_boundary=False
    )
    for port, name in zip(
        ov_model.inputs, export_utils.input_names(input_signature), strict=True
    ):
        port.get_node().set_friendly_name(name)
        port.tensor.set_names({name})
    return ov_model
