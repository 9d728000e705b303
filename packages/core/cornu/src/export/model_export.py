"""`export_model`: what `Model.export` does, one format per module."""

from __future__ import annotations

from typing import Any

from cornu.src.export import export_utils
from cornu.src.export import litert_lib
from cornu.src.export import onnx_lib
from cornu.src.export import openvino_lib
from cornu.src.export import saved_model
from cornu.src.export import torch_lib

_EXPORTERS = {
    "tf_saved_model": saved_model.export_saved_model,
    "onnx": onnx_lib.export_onnx,
    "openvino": openvino_lib.export_openvino,
    "litert": litert_lib.export_litert,
    "torch": torch_lib.export_torch,
}


def export_model(
    model: Any,
    filepath: Any,
    format: str = "tf_saved_model",
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports `model` in `format` (see `Model.export`)."""
    if format not in _EXPORTERS:
        raise ValueError(
            f"Unrecognized format={format!r}. Supported formats are: "
            f"{list(export_utils.FORMATS)}."
        )
    _EXPORTERS[format](
        model,
        filepath,
        verbose=verbose,
        input_signature=input_signature,
        **kwargs,
    )
