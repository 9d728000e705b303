"""`export_litert`: the model's forward pass as a LiteRT (TFLite) file.

LiteRT is TensorFlow's on-device runtime (Android, iOS, microcontrollers).
The model is first exported as a SavedModel, then converted with
`tf.lite.TFLiteConverter` (`convert_saved_model`, through the backend's
`litert_model_bytes`); so it needs TensorFlow and a backend that writes
SavedModels.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from cornu.src.export import export_utils
from cornu.src.export import saved_model


def export_litert(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> str:
    """Exports `model`'s inference call as a `.tflite` file.

    Args:
        model: A built model.
        filepath: The file to write (`.tflite` is appended if missing).
        verbose: Print a message after writing (default `True`).
        input_signature: Shapes and dtypes of the inputs; inferred from
            the model when `None`.
        **kwargs: Options set on the `tf.lite.TFLiteConverter` (e.g.
            `optimizations`).

    Returns:
        The path written.
    """
    module = export_utils.backend_export_module("litert")
    path = os.fspath(filepath)
    if not path.endswith(".tflite"):
        path += ".tflite"
    if input_signature is None:
        input_signature = export_utils.get_input_signature(model)
    with tempfile.TemporaryDirectory() as tmp:
        saved_model.export_saved_model(
            model, tmp, verbose=False, input_signature=input_signature
        )
        flatbuffer = module.litert_model_bytes(tmp, **kwargs)
    with open(path, "wb") as f:
        f.write(flatbuffer)
    if verbose is None or verbose:
        export_utils.print_saved(path, "LiteRT model")
    return path


def convert_saved_model(saved_model_dir: str, **kwargs: Any) -> bytes:
    """A LiteRT flatbuffer converted from the SavedModel in
    `saved_model_dir` by `tf.lite.TFLiteConverter.from_saved_model`.

    Args:
        saved_model_dir: A SavedModel written by `export_saved_model`.
        **kwargs: Attributes set on the converter (e.g. `optimizations`).

    Returns:
        The `.tflite` file's bytes.

    Raises:
        ValueError: a keyword is not a converter attribute.
    """
    tf = export_utils.optional_module(
        "tensorflow", "tensorflow", "Exporting to LiteRT"
    )
    converter = tf.lite.TFLiteConverter.from_saved_model(saved_model_dir)
    for key, value in kwargs.items():
        if not hasattr(converter, key):
            raise ValueError(
                f"Unknown LiteRT converter option {key!r}. Options are the "
                "attributes of `tf.lite.TFLiteConverter` (e.g. "
                "`optimizations`, `target_spec`)."
            )
        setattr(converter, key, value)
    return converter.convert()
