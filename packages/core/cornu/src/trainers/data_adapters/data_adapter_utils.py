"""Helpers shared by the data adapters: batch packing, array conversion,
cardinality checks, class weights and the validation split.

Nothing here imports a framework: torch, TensorFlow and pandas objects
are recognised by their class names and converted through their own
NumPy interfaces (`__array__`, `to_numpy`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import ops
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend import config

_BATCH_FORMS = "`(x,)`, `(x, y)` or `(x, y, sample_weight)`"
_NUMBER_TYPES = (bool, int, float, complex, np.generic)


@cornu_export("cornu.utils.unpack_x_y_sample_weight")
def unpack_x_y_sample_weight(data: Any) -> tuple:
    """Unpacks a batch into `(x, y, sample_weight)`.

    A convenience for overriding `Model.train_step`, `test_step` or
    `predict_step`: it accepts data of the form `x`, `(x,)`, `(x, y)` or
    `(x, y, sample_weight)` and fills the missing parts with `None`. A
    list is read as a tuple.

    Args:
        data: A tuple of one to three items, or a single `x`.

    Returns:
        The tuple `(x, y, sample_weight)`, with `None` for what `data`
        does not hold.

    Raises:
        ValueError: If `data` is a tuple or list of more than three items.

    Example:

    >>> x = cornu.ops.ones((10, 5))
    >>> y = cornu.ops.zeros((10, 1))
    >>> x_out, y_out, sw = cornu.utils.unpack_x_y_sample_weight((x, y))
    >>> tuple(x_out.shape), tuple(y_out.shape), sw is None
    ((10, 5), (10, 1), True)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return (data, None, None)
    if len(data) == 1:
        return (data[0], None, None)
    if len(data) == 2:
        return (data[0], data[1], None)
    if len(data) == 3:
        return (data[0], data[1], data[2])
    raise ValueError(
        "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or "
        f"`(x, y, sample_weight)`. Received a {type(data).__name__} of "
        f"{len(data)} items: {_short(data)}. Group several inputs (or "
        "outputs) in one list or dict, e.g. `([x1, x2], y)`."
    )


@cornu_export("cornu.utils.pack_x_y_sample_weight")
def pack_x_y_sample_weight(
    x: Any, y: Any = None, sample_weight: Any = None
) -> Any:
    """Packs `x`, `y` and `sample_weight` into the tuple `fit()` uses.

    `y=None` gives `x` itself, or `(x,)` when `x` is a list or tuple (so
    that several inputs are not mistaken for `(x, y)`).

    Args:
        x: Features to pass to the model.
        y: Ground-truth targets, or `None`.
        sample_weight: Per-sample weights, or `None`.

    Returns:
        `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`.

    Example:

    >>> x = cornu.ops.ones((10, 1))
    >>> data = cornu.utils.pack_x_y_sample_weight(x)
    >>> data is x
    True
    >>> data = cornu.utils.pack_x_y_sample_weight(x, x)
    >>> isinstance(data, tuple), len(data)
    (True, 2)
    """
    if y is None:
        if isinstance(x, (list, tuple)):
            return (x,)
        return x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


# -- recognising inputs -------------------------------------------------


def _class_names(x: Any) -> list[tuple[str, str]]:
    return [(c.__name__, c.__module__ or "") for c in type(x).__mro__]


def is_pandas_dataframe(x: Any) -> bool:
    """Whether `x` is a `pandas.DataFrame` (pandas is not imported)."""
    return any(
        n == "DataFrame" and m.startswith("pandas") for n, m in _class_names(x)
    )


def is_pandas_series(x: Any) -> bool:
    """Whether `x` is a `pandas.Series` (pandas is not imported)."""
    return any(
        n == "Series" and m.startswith("pandas") for n, m in _class_names(x)
    )


def is_tf_dataset(x: Any) -> bool:
    """Whether `x` is a `tf.data.Dataset` (TensorFlow is not imported)."""
    names = (
        "DatasetV2",
        "DistributedDataset",
        "DistributedDatasetsFromFunction",
    )
    return any(
        n in names and m.startswith("tensorflow.") for n, m in _class_names(x)
    )


def is_torch_dataloader(x: Any) -> bool:
    """Whether `x` is a `torch.utils.data.DataLoader` (torch not imported)."""
    return any(
        n == "DataLoader" and m.startswith("torch.utils.data")
        for n, m in _class_names(x)
    )


def is_torch_dataset(x: Any) -> bool:
    """Whether `x` is a `torch.utils.data.Dataset` (torch not imported)."""
    return any(
        n == "Dataset" and m.startswith("torch.") for n, m in _class_names(x)
    )


def is_scipy_sparse(x: Any) -> bool:
    """Whether `x` is a SciPy sparse matrix/array (SciPy not imported)."""
    return (type(x).__module__ or "").startswith("scipy.sparse") and hasattr(
        x, "toarray"
    )


def is_array_leaf(x: Any) -> bool:
    """Whether `x` is one array: NumPy, any framework's tensor, pandas,
    SciPy sparse."""
    return (
        isinstance(x, np.ndarray)
        or hasattr(x, "__array__")
        or is_scipy_sparse(x)
        or isinstance(x, backend.Variable)
        or backend.core.is_tensor(x)
    )


def is_number_nest(x: Any) -> bool:
    """A non-empty list/tuple nest whose leaves are all Python numbers."""
    if isinstance(x, _NUMBER_TYPES):
        return True
    if isinstance(x, (list, tuple)) and len(x) > 0:
        return all(is_number_nest(item) for item in x)
    return False


def to_numpy(x: Any) -> np.ndarray:
    """One array-like leaf as a NumPy array (no copy where possible)."""
    if isinstance(x, np.ndarray):
        return x
    if is_pandas_dataframe(x):
        return x.to_numpy()
    if is_pandas_series(x):
        return x.to_numpy()[:, None]  # one feature column, as in Keras
    if is_scipy_sparse(x):
        return x.toarray()  # densified: cornu's array batches are dense
    if isinstance(x, backend.Variable) or backend.core.is_tensor(x):
        return ops.convert_to_numpy(x)
    try:
        return np.asarray(x)
    except (RuntimeError, TypeError):
        # A foreign framework's tensor that refuses `__array__` because it
        # requires grad or lives on an accelerator (torch does both).
        if hasattr(x, "detach") and hasattr(x, "cpu"):
            return np.asarray(x.detach().cpu())
        raise


def batch_leaf_to_array(x: Any) -> Any:
    """A leaf of a batch from a generator or loader: kept if it is a NumPy
    array or a tensor of the active backend, else converted to NumPy."""
    if x is None or isinstance(x, np.ndarray) or backend.core.is_tensor(x):
        return x
    if is_array_leaf(x):
        return to_numpy(x)
    return x


def batch_to_arrays(batch: tuple) -> tuple:
    """`batch_leaf_to_array` on every leaf of a batch."""
    return tree.map_structure(batch_leaf_to_array, batch, none_is_leaf=False)


def convert_arrays(data: Any, cast_floats: bool = True) -> Any:
    """`data` (nested lists/tuples/dicts of array-likes, or a nest of
    Python numbers) with every leaf a NumPy array of at least rank 1.

    Float arrays are cast to `floatx()` when `cast_floats` (as Keras does
    for array inputs). A leaf that is not array-like raises a ValueError.
    """
    if data is None:
        return None
    if is_number_nest(data):
        return _checked_leaf(np.asarray(data), cast_floats)
    if isinstance(data, dict):
        return type(data)(
            (k, convert_arrays(v, cast_floats)) for k, v in data.items()
        )
    if isinstance(data, (list, tuple)):
        items = [convert_arrays(v, cast_floats) for v in data]
        if hasattr(data, "_fields"):  # namedtuple
            return type(data)(*items)
        return type(data)(items)
    if not is_array_leaf(data):
        raise ValueError(
            "Expected array-like data: NumPy arrays, tensors, pandas "
            "DataFrames/Series or lists of numbers, possibly nested in "
            f"lists, tuples or dicts. Received: {_short(data)} of type "
            f"{type(data).__name__}."
        )
    return _checked_leaf(to_numpy(data), cast_floats)


def _checked_leaf(array: np.ndarray, cast_floats: bool) -> np.ndarray:
    if array.ndim == 0:
        raise ValueError(
            "Each input array must have a leading sample axis (rank >= 1). "
            f"Received a scalar: {array!r}. Pass one value per sample, "
            "e.g. `np.array([value] * num_samples)`."
        )
    floatx = config.floatx()
    if (
        cast_floats
        and np.issubdtype(array.dtype, np.floating)
        and array.dtype.name != floatx
    ):
        try:
            array = array.astype(floatx)
        except TypeError:  # a floatx NumPy has no name for (bfloat16)
            pass
    return array


def can_convert_arrays(data: Any) -> bool:
    """Whether `convert_arrays(data)` will succeed on the leaves' types."""
    if data is None or is_number_nest(data):
        return True
    if isinstance(data, dict):
        return all(can_convert_arrays(v) for v in data.values())
    if isinstance(data, (list, tuple)):
        return all(can_convert_arrays(v) for v in data)
    return is_array_leaf(data)


# -- checks ---------------------------------------------------------------


def _num_rows(x: Any) -> int:
    return int(x.shape[0])


def check_data_cardinality(data: Any) -> int:
    """Checks that every array in `data` has the same number of samples.

    Args:
        data: `(x,)`, `(x, y)` or `(x, y, sample_weight)` of NumPy arrays
            (nested structures allowed, `None` skipped).

    Returns:
        The common number of samples.

    Raises:
        ValueError: If the arrays disagree ("Data cardinality is
            ambiguous", listing every input's size), or hold no sample.
    """
    parts = data if isinstance(data, tuple) else (data,)
    sizes = [
        [_num_rows(a) for a in tree.flatten(part) if a is not None]
        for part in parts
    ]
    distinct = {n for part in sizes for n in part}
    if len(distinct) > 1:
        msg = (
            "Data cardinality is ambiguous. Make sure all arrays contain "
            "the same number of samples.\n"
        )
        for label, part in zip(
            ("x", "y", "sample_weight"), sizes, strict=False
        ):
            msg += f"'{label}' sizes: {', '.join(str(n) for n in part)}\n"
        raise ValueError(msg)
    if not distinct or distinct == {0}:
        raise ValueError(
            "The data holds no samples: every array is empty or `x` is "
            f"None (sizes: {sizes}). Pass at least one sample, e.g. "
            "`fit(x=np.zeros((8, 3)), y=np.zeros((8, 1)))`."
        )
    return distinct.pop()


def class_weight_to_sample_weights(y: Any, class_weight: Any) -> np.ndarray:
    """Per-sample weights looked up from the class of each target.

    The class of a sample is `y` itself for integer labels of shape
    `(n,)` or `(n, 1)`, and `argmax(y, axis=-1)` for one-hot (or
    probability) targets of shape `(n, num_classes)`, rounded to an int as
    in Keras. Classes missing from `class_weight` get weight 1.

    Args:
        y: Targets: an array, tensor or list of numbers.
        class_weight: Dict mapping class index (int, or a string of one)
            to weight.

    Returns:
        A `floatx()` NumPy array of shape `(n,)`.

    Raises:
        ValueError: If `class_weight` is not a dict of int keys.
    """
    if not hasattr(class_weight, "items") or not hasattr(class_weight, "get"):
        raise ValueError(
            "`class_weight` must be a dict mapping class indices to "
            f"weights. Received: class_weight={_short(class_weight)} of "
            f"type {type(class_weight).__name__}. Pass e.g. "
            "`class_weight={0: 1.0, 1: 5.0}`."
        )
    weights = {}
    for key, value in class_weight.items():
        try:
            weights[int(key)] = float(value)
        except (TypeError, ValueError):
            raise ValueError(
                "`class_weight` must be a dict with integer keys (class "
                "indices) and number values. Received the item "
                f"{key!r}: {value!r}. Use e.g. `{{0: 1.0, 1: 5.0}}`."
            ) from None
    labels = to_numpy(y) if not isinstance(y, list) else np.asarray(y)
    if labels.ndim > 1:
        if labels.shape[-1] != 1:
            labels = np.argmax(labels, axis=-1)
        else:
            labels = np.squeeze(labels, axis=-1)
    labels = np.round(labels).astype("int64").reshape(-1)
    classes, inverse = np.unique(labels, return_inverse=True)
    table = np.array([weights.get(int(c), 1.0) for c in classes])
    return table[inverse].astype(config.floatx())


def standardize_batch(batch: Any, source: str) -> tuple:
    """A batch from a Python source as `(x,)`, `(x, y)` or `(x, y, sw)`.

    A tuple (or list) of one to three items is kept; a single array or a
    dict is `(batch,)`. `source` names where the batch came from, for the
    error message.
    """
    if isinstance(batch, list):
        batch = tuple(batch)
    if not isinstance(batch, tuple):
        if isinstance(batch, dict) or is_array_leaf(batch):
            return (batch,)
        raise ValueError(
            f"{source} must give batches of the form {_BATCH_FORMS} (or a "
            f"single array or dict, read as `(x,)`). Received: "
            f"{_short(batch)} of type {type(batch).__name__}."
        )
    if not 1 <= len(batch) <= 3:
        raise ValueError(
            f"{source} must give batches of the form {_BATCH_FORMS}. "
            f"Received a tuple of {len(batch)} items: {_short(batch)}. "
            "Group several inputs (or outputs) in one list or dict, e.g. "
            "`((x1, x2), y)`."
        )
    return batch


def add_class_weights(batch: tuple, class_weight: Any, source: str) -> tuple:
    """`(x, y)` batch -> `(x, y, sample_weight)` from `class_weight`."""
    if class_weight is None or len(batch) == 1:
        return batch
    if len(batch) == 3:
        raise ValueError(
            f"{source} gave a batch with sample weights, and `class_weight` "
            "was passed too. Use one of them: drop `class_weight`, or "
            "fold the class weights into the sample weights you return."
        )
    check_single_output_for_class_weight(batch[1])
    return batch + (class_weight_to_sample_weights(batch[1], class_weight),)


def check_single_output_for_class_weight(y: Any) -> None:
    """Raises for multi-output targets: `class_weight` needs one output."""
    if tree.is_nested(y) and not is_number_nest(y):
        raise ValueError(
            "`class_weight` is only supported for models with a single "
            f"output. Received targets with {len(tree.flatten(y))} "
            "outputs. Pass `sample_weight` per output instead, e.g. "
            "`sample_weight={'out_a': w_a, 'out_b': w_b}`."
        )


def train_validation_split(arrays: Any, validation_split: float) -> tuple:
    """Splits arrays into train and validation parts, in order.

    The last `validation_split` fraction of the samples (before any
    shuffling) becomes the validation data, as in Keras.

    Args:
        arrays: A nested structure of arrays, e.g. `(x, y, sample_weight)`
            (`None` entries stay `None`). Leaves are converted to NumPy.
        validation_split: Float in `(0, 1)`.

    Returns:
        `(train_arrays, validation_arrays)`, each of `arrays`' structure.

    Raises:
        ValueError: For non-array data, a fraction outside `(0, 1)`, or
            too few samples to leave both parts non-empty.
    """
    if (
        isinstance(validation_split, bool)
        or not isinstance(validation_split, (int, float))
        or not 0.0 < validation_split < 1.0
    ):
        raise ValueError(
            "`validation_split` must be a float in (0, 1): the fraction "
            "of the samples kept for validation. Received: "
            f"validation_split={validation_split!r}. Use e.g. 0.2."
        )
    if not can_convert_arrays(arrays):
        bad = sorted(
            {
                type(t).__name__
                for t in tree.flatten(arrays)
                if t is not None
                and not is_array_leaf(t)
                and not isinstance(t, _NUMBER_TYPES)
            }
        )
        raise ValueError(
            "Argument `validation_split` is only supported for tensors, "
            "NumPy arrays and pandas objects. Found incompatible types "
            f"in the input: {bad}. For a generator, PyDataset or "
            "dataset, pass `validation_data=` instead."
        )
    if isinstance(arrays, tuple):  # `(x, y, sample_weight)`: each alone
        arrays = tuple(convert_arrays(a) for a in arrays)
    else:
        arrays = convert_arrays(arrays)
    leaves = [t for t in tree.flatten(arrays) if t is not None]
    if not leaves:
        return arrays, arrays
    num_samples = check_data_cardinality(arrays)
    split_at = int(math.floor(num_samples * (1.0 - validation_split)))
    if split_at == 0 or split_at == num_samples:
        raise ValueError(
            f"Training data contains {num_samples} samples, which is not "
            "sufficient to split it into a validation and training set as "
            f"specified by `validation_split={validation_split}`. Either "
            "provide more data, or a different value for the "
            "`validation_split` argument."
        )
    train = tree.map_structure(
        lambda t: t[:split_at], arrays, none_is_leaf=False
    )
    val = tree.map_structure(lambda t: t[split_at:], arrays, none_is_leaf=False)
    return train, val


def _short(x: Any, limit: int = 100) -> str:
    text = repr(x)
    return text if len(text) <= limit else text[: limit - 3] + "..."
