"""`export_onnx`: the model's forward pass as an ONNX file.

ONNX files run in onnxruntime (servers, phones through ONNX Runtime
Mobile, browsers through onnxruntime-web, the JVM) without cornu. The
backend does the conversion (`backend/<name>/export.py`): torch through
`torch.onnx.export`; backends with no converter say which to use.
"""

from __future__ import annotations

from typing import Any

from cornu.src.export import export_utils


def export_onnx(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    opset_version: int | None = None,
    **kwargs: Any,
) -> None:
    """Exports `model`'s inference call as an ONNX file.

    Inputs are named after the signature's specs (`InputSpec.name`, the
    `Input`'s name) or `input_<i>`; `None` axes stay dynamic.

    Args:
        model: A built model.
        filepath: The `.onnx` file to write.
        verbose: Print a message after writing (default `True`).
        input_signature: Shapes and dtypes of the inputs; inferred from
            the model when `None`.
        opset_version: ONNX opset, or `None` for the converter's default.
        **kwargs: Backend options (torch: passed to `torch.export.export`).
    """
    module = export_utils.backend_export_module("onnx")
    if input_signature is None:
        input_signature = export_utils.get_input_signature(model)
    specs = export_utils.standardize_signature(input_signature)
    module.export_onnx(
        model,
        filepath,
        specs,
        opset_version=opset_version,
        verbose=bool(verbose),
        **kwargs,
    )
    if verbose is None or verbose:
        export_utils.print_saved(filepath)
