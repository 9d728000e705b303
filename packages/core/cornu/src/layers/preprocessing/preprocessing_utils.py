"""Helpers shared by the feature and text preprocessing layers.

String and lookup work runs in plain Python/NumPy (so it runs in any
data pipeline, on any backend, without TensorFlow); numeric encodings
run with `cornu.ops`. `StringInputLayer` is the base of the layers that
accept strings: it leaves its inputs as given (lists, NumPy arrays of
`str`/`bytes`/objects, backend tensors) instead of converting them to
tensors, which strings cannot be on most backends.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.layers.layer import Layer
from cornu.src.ops.keras_tensor import KerasTensor

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count", "tf_idf")


class StringInputLayer(Layer):
    """A layer whose `call` receives its inputs unconverted (strings stay
    NumPy arrays or lists; see the module docstring)."""

    def _convert_inputs(self, args: tuple, kwargs: dict) -> tuple:
        return args, kwargs


def is_symbolic(x: Any) -> bool:
    return isinstance(x, KerasTensor)


def to_numpy(x: Any) -> np.ndarray:
    """A NumPy array of `x` (a tensor, list, tuple, scalar or array);
    strings become an object array of Python `str`/`bytes`."""
    if isinstance(x, np.ndarray):
        return x
    if ops.is_tensor(x) or hasattr(x, "numpy"):
        return np.asarray(ops.convert_to_numpy(x))
    array = np.asarray(x)
    if array.dtype.kind == "U":
        return array.astype(object)
    return array


def to_text(x: Any, encoding: str = "utf-8") -> np.ndarray:
    """An object array of Python `str` from strings or bytes."""
    array = to_numpy(x)
    if array.dtype.kind not in "USO":
        raise TypeError(
            "Expected string inputs (a list or NumPy array of `str` or "
            f"`bytes`). Received an array of dtype {array.dtype} and shape "
            f"{array.shape}. Pass text, e.g. `np.array(['a b', 'c'])`."
        )
    out = np.empty(array.shape, dtype=object)
    flat_in = array.reshape(-1)
    flat_out = out.reshape(-1)
    for i, value in enumerate(flat_in):
        flat_out[i] = (
            value.decode(encoding) if isinstance(value, bytes) else str(value)
        )
    return out


def is_string_array(array: np.ndarray) -> bool:
    if array.dtype.kind in "US":
        return True
    if array.dtype.kind == "O" and array.size:
        return isinstance(array.reshape(-1)[0], (str, bytes))
    return False


def check_output_mode(owner: str, output_mode: str, allowed: tuple) -> str:
    """Validates `output_mode` (Keras's aliases `binary` and `tf-idf`
    accepted) and returns its canonical name."""
    aliases = {"binary": "multi_hot", "tf-idf": "tf_idf"}
    mode = aliases.get(output_mode, output_mode)
    if mode not in allowed:
        raise ValueError(
            f"{owner}: unknown `output_mode`. Received: "
            f"output_mode={output_mode!r}. Expected one of {allowed}."
        )
    return mode


def encode_categorical(
    indices: Any,
    output_mode: str,
    depth: int,
    dtype: Any,
    count_weights: Any = None,
) -> Any:
    """Keras's categorical encoding of integer `indices` (a tensor).

    `int` casts; `one_hot` adds a `depth` axis (replacing a trailing axis
    of size 1); `multi_hot` and `count` reduce axis 1 of a 2-D input (or
    the only axis of a 1-D input) into a `depth` axis. A scalar input is
    treated as a 1-D input of one value.
    """
    if output_mode == "int":
        return ops.cast(indices, dtype)
    shape = tuple(ops.shape(indices))
    if not shape:
        indices = ops.expand_dims(indices, -1)
        shape = (1,)
    if output_mode == "multi_hot":
        return ops.multi_hot(indices, depth, dtype=dtype)
    if output_mode == "one_hot":
        if len(shape) > 1 and shape[-1] == 1:
            indices = ops.squeeze(indices, axis=-1)
        return ops.one_hot(indices, depth, dtype=dtype)
    # count
    axis = 1 if len(shape) > 1 else 0
    weights_dtype = dtype if count_weights is None else count_weights.dtype
    encoded = ops.one_hot(indices, depth, dtype=weights_dtype)
    if count_weights is not None:
        encoded = encoded * ops.expand_dims(count_weights, -1)
    return ops.sum(encoded, axis=axis)


def encoded_shape(input_shape: tuple, output_mode: str, depth: Any) -> tuple:
    """The output shape of `encode_categorical` for `input_shape`."""
    input_shape = tuple(input_shape)
    if output_mode == "int":
        return input_shape
    if not input_shape:
        return (depth,)
    if output_mode == "one_hot":
        if len(input_shape) > 1 and input_shape[-1] == 1:
            return input_shape[:-1] + (depth,)
        return input_shape + (depth,)
    return input_shape[:-1] + (depth,)


def iterate_batches(
    data: Any, steps: int | None = None, lists_are_batches: bool = False
):
    """Yields the batches `adapt` learns from: the whole array (or
    tensor, or list of values) at once, or each batch of a generator,
    iterator, `PyDataset` or other iterable (the first element of
    `(x, y)` tuples), stopping after `steps` batches when given. With
    `lists_are_batches`, a list or tuple is a sequence of batches (as
    Keras 3's `Normalization.adapt` reads it)."""
    single = (np.ndarray, str, bytes)
    if not lists_are_batches:
        single += (list, tuple)
    if isinstance(data, single) or ops.is_tensor(data):
        yield data
        return
    num_batches = None
    if isinstance(data, (list, tuple)):
        num_batches = len(data)
    elif hasattr(data, "__getitem__") and hasattr(data, "__len__"):
        num_batches = len(data)  # a PyDataset or other sequence
    elif hasattr(data, "__getitem__") and hasattr(data, "num_batches"):
        num_batches = data.num_batches
    if num_batches is not None:
        iterator = (data[i] for i in range(num_batches))
    elif hasattr(data, "__iter__"):
        iterator = iter(data)
    else:
        yield data
        return
    for i, batch in enumerate(iterator):
        if steps is not None and i >= steps:
            return
        if isinstance(batch, tuple):
            batch = batch[0]
        yield batch
