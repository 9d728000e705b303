"""Export on PyTorch (integration tier): ONNX, OpenVINO and `torch.export`
programs, all from one `torch.export.ExportedProgram`.

The model is wrapped in a module whose `forward` takes the flat inputs
and calls the model with `training=False`; `torch.export.export` (non
strict) traces it, with a `torch.export.Dim` for every `None` axis of the
signature. ONNX comes from `torch.onnx.export` of that program (the
dynamo exporter, onnxscript), OpenVINO from `openvino.convert_model`.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

import torch

from cornu.src import tree
from cornu.src.export import export_utils

UNSUPPORTED_FORMATS = {
    "tf_saved_model": (
        "writing a TensorFlow SavedModel from PyTorch needs torch_xla's "
        "StableHLO bridge, which cornu does not use. Export with "
        "format='onnx' (onnxruntime, or `onnx-tf` for TensorFlow), or save "
        "the model with `model.save('model.cornu')`, load it under "
        "CORNU_BACKEND=jax and export the SavedModel there."
    ),
    "litert": (
        "LiteRT export is converted from a TensorFlow SavedModel, which the "
        "torch backend cannot write. Save the model with "
        "`model.save('model.cornu')`, load it under CORNU_BACKEND=jax and "
        "export it there with format='litert'."
    ),
}

# Formats written with fixed input shapes only (none here).
STATIC_SHAPES_ONLY: dict[str, str] = {}

_MSG_SPECIALIZED = (
    "the model's code reads the size of an axis that the signature leaves "
    "dynamic (`None`) as a Python int, so torch.export fixed it. Pass an "
    "`input_signature` with fixed sizes, e.g. "
    "`input_signature=[cornu.InputSpec(shape=(8, 5), dtype='float32')]`, "
    "and call the artifact with that batch size."
)


class _FlatInputs(torch.nn.Module):
    """Calls `model` in inference mode on flat positional inputs."""

    def __init__(self, model: Any, input_signature: list) -> None:
        super().__init__()
        self.model = model
        self._signature = input_signature

    def forward(self, *flat: Any) -> Any:
        args = tree.pack_sequence_as(self._signature, list(flat))
        return self.model(*args, training=False)


def _dynamic_shapes(input_signature: list) -> Any:
    """`dynamic_shapes` for `_FlatInputs.forward(*flat)`: a shared "batch"
    dim for every `None` axis 0, its own dim for any other `None` axis."""
    if not export_utils.has_dynamic_axes(input_signature):
        return None
    batch = torch.export.Dim("batch")
    per_input = []
    for i, spec in enumerate(export_utils.flat_specs(input_signature)):
        dims = {}
        for axis, size in enumerate(spec.shape):
            if size is None:
                dims[axis] = (
                    batch if axis == 0 else torch.export.Dim(f"dim_{i}_{axis}")
                )
        per_input.append(dims or None)
    return (tuple(per_input),)


def exported_program(model: Any, input_signature: list, **kwargs: Any) -> Any:
    """`torch.export.export` of `model`'s inference call.

    Args:
        model: A built model.
        input_signature: Standardized list of `InputSpec` structures.
        **kwargs: Passed to `torch.export.export` (e.g. `strict`).

    Returns:
        A `torch.export.ExportedProgram` with flat inputs.

    Raises:
        ValueError: a `None` axis could not stay dynamic.
    """
    was_training = model.training
    try:
        return _trace(model, input_signature, kwargs)
    finally:
        model.train(was_training)  # `.eval()` below must not leak


def _trace(model: Any, input_signature: list, kwargs: dict) -> Any:
    wrapper = _FlatInputs(model, input_signature).eval()
    samples = tuple(
        torch.from_numpy(x) for x in export_utils.sample_arrays(input_signature)
    )
    dynamic_shapes = _dynamic_shapes(input_signature)
    if "strict" in kwargs:
        return _export(wrapper, samples, dynamic_shapes, **kwargs)
    # Non-strict tracing runs cornu's Python as is: fast and general, but
    # cornu's shape checks call `int()` on sizes, which fixes dynamic
    # axes; it also re-creates some sub-layers as proxies by assigning
    # `__dict__`, which `Layer.__setattr__` does not expect. Dynamo
    # (strict) tracing keeps such sizes symbolic; it is tried second.
    try:
        return _export(wrapper, samples, dynamic_shapes, strict=False, **kwargs)
    except AttributeError:
        return _export(wrapper, samples, dynamic_shapes, strict=True, **kwargs)
    except TypeError:
        raise  # an unknown option: `torch.export.export` names it
    except Exception as e:
        if not _is_specialization(e):
            raise
        try:
            return _export(
                wrapper, samples, dynamic_shapes, strict=True, **kwargs
            )
        except Exception:
            raise ValueError(
                f"Export of a dynamic input shape failed: {_MSG_SPECIALIZED}"
            ) from e


def _is_specialization(error: Exception) -> bool:
    text = str(error)
    return "specialized" in text or "Constraints violated" in text


def _export(
    wrapper: Any, samples: tuple, dynamic_shapes: Any, **kwargs: Any
) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.export.export(
            wrapper, samples, dynamic_shapes=dynamic_shapes, **kwargs
        )


def export_onnx(
    model: Any,
    filepath: Any,
    input_signature: list,
    opset_version: int | None = None,
    verbose: bool = False,
    **kwargs: Any,
) -> None:
    """Writes `model`'s inference call as an ONNX file.

    Args:
        model: A built model.
        filepath: The `.onnx` file to write.
        input_signature: Standardized list of `InputSpec` structures.
        opset_version: ONNX opset, or `None` for the exporter's default.
        verbose: Passed to `torch.onnx.export`.
        **kwargs: Passed to `torch.export.export`.
    """
    program = exported_program(model, input_signature, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        onnx_program = torch.onnx.export(
            program,
            (),
            dynamo=True,
            input_names=export_utils.input_names(input_signature),
            opset_version=opset_version,
            verbose=verbose,
            external_data=False,
        )
        onnx_program.save(os.fspath(filepath), external_data=False)


def convert_to_openvino(
    model: Any, input_signature: list, **kwargs: Any
) -> Any:
    """An `openvino.Model` of `model`'s inference call (converted from its
    `torch.export` program; `None` axes stay dynamic)."""
    ov = export_utils.optional_module(
        "openvino", "openvino", "Exporting to OpenVINO"
    )
    program = exported_program(model, input_signature, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ov_model = ov.convert_model(program)
    for port, name in zip(
        ov_model.inputs, export_utils.input_names(input_signature), strict=True
    ):
        port.get_node().set_friendly_name(name)
        port.tensor.set_names({name})
    return ov_model


def export_torch(
    model: Any, filepath: Any, input_signature: list, **kwargs: Any
) -> None:
    """Writes `model`'s inference call as a `torch.export` program
    (`.pt2`), loadable with `torch.export.load(filepath).module()`."""
    program = exported_program(model, input_signature, **kwargs)
    torch.export.save(program, os.fspath(filepath))
