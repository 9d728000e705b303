"""`export_openvino`: the model's forward pass as an OpenVINO IR.

The IR is two files, `<name>.xml` (the graph) and `<name>.bin` (the
weights), and runs with `openvino.Core().compile_model` without cornu.
The backend builds the `openvino.Model` (`backend/<name>/export.py`).
"""

from __future__ import annotations

import os
from typing import Any

from cornu.src.export import export_utils


def export_openvino(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports `model`'s inference call as an OpenVINO IR.

    Args:
        model: A built model.
        filepath: The `.xml` file to write (the `.bin` goes beside it).
        verbose: Print a message after writing (default `True`).
        input_signature: Shapes and dtypes of the inputs; inferred from
            the model when `None`.
        **kwargs: Backend options.
    """
    path = os.fspath(filepath)
    if not path.endswith(".xml"):
        raise ValueError(
            "The OpenVINO export requires the filepath to end with '.xml'. "
            f"Received: filepath={path!r}. Pass e.g. 'model.xml' (the "
            "weights are written to 'model.bin' beside it)."
        )
    module = export_utils.backend_export_module("openvino")
    ov = export_utils.optional_module(
        "openvino", "openvino", "Exporting to OpenVINO"
    )
    if input_signature is None:
        input_signature = export_utils.get_input_signature(model)
    specs = export_utils.standardize_signature(input_signature)
    ov_model = module.convert_to_openvino(model, specs, **kwargs)
    ov.save_model(ov_model, path, compress_to_fp16=False)
    if verbose is None or verbose:
        export_utils.print_saved(filepath, "OpenVINO IR")
