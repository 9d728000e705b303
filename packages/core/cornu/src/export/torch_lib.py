"""`export_torch`: the model's forward pass as a `torch.export` program.

The `.pt2` file loads with `torch.export.load(path).module()` and runs in
PyTorch (and ExecuTorch / AOTInductor pipelines) without cornu. Needs the
torch backend.
"""

from __future__ import annotations

from typing import Any

from cornu.src.export import export_utils


def export_torch(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports `model`'s inference call as a `.pt2` program.

    Args:
        model: A built model.
        filepath: The `.pt2` file to write.
        verbose: Print a message after writing (default `True`).
        input_signature: Shapes and dtypes of the inputs; inferred from
            the model when `None`.
        **kwargs: Passed to `torch.export.export` (e.g. `strict`).
    """
    module = export_utils.backend_export_module("torch")
    if input_signature is None:
        input_signature = export_utils.get_input_signature(model)
    specs = export_utils.standardize_signature(input_signature)
    module.export_torch(model, filepath, specs, **kwargs)
    if verbose is None or verbose:
        export_utils.print_saved(filepath)
