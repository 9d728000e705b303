"""`HashedCrossing`: hashes the combination of several categorical
features into one of a fixed number of bins."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing import hash_utils
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.ops.keras_tensor import KerasTensor


@cornu_export("cornu.layers.HashedCrossing")
class HashedCrossing(preprocessing_utils.StringInputLayer):
    """Crosses categorical features: each row's tuple of values (strings
    or integers) is hashed into one of `num_bins` bins, with the hash of
    TensorFlow's `tf.sparse.cross_hashed`, so the bins equal Keras 3's.

    Args:
        num_bins: The number of bins.
        output_mode: `"int"` (default): the bin; `"one_hot"`: a one-hot
            vector of length `num_bins`.
        sparse: Only `False` is supported.
        name: The layer's name.
        dtype: The output dtype. Defaults to `"int64"` in `"int"` mode.
        **kwargs: Other base layer arguments.

    Call arguments:
        inputs: A list or tuple of at least two equally shaped features,
            each of shape `()`, `(batch,)` or `(batch, 1)`.

    Example:

    >>> import numpy as np
    >>> layer = cornu.layers.HashedCrossing(num_bins=5)
    >>> y = layer((np.array(["A", "B", "A", "B", "A"]),
    ...            np.array([101, 101, 101, 102, 102])))
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [1, 4, 1, 1, 3]
    """

    def __init__(
        self,
        num_bins: int,
        output_mode: str = "int",
        sparse: bool = False,
        name: str | None = None,
        dtype: Any = None,
        **kwargs: Any,
    ) -> None:
        if output_mode == "int" and dtype is None:
            dtype = "int64"
        super().__init__(name=name, dtype=dtype, **kwargs)
        if sparse:
            raise ValueError(
                "HashedCrossing: sparse outputs are not supported. "
                "Received: sparse=True. Use `sparse=False`."
            )
        self.output_mode = preprocessing_utils.check_output_mode(
            "HashedCrossing", output_mode, ("int", "one_hot")
        )
        self.num_bins = num_bins
        self.sparse = sparse
        self.built = True

    def call(self, inputs: Any) -> Any:
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                "`HashedCrossing` should be called on a list or tuple of "
                f"inputs. Received: inputs of type {type(inputs).__name__}."
            )
        if len(inputs) < 2:
            raise ValueError(
                "`HashedCrossing` should be called on at least two inputs. "
                f"Received: {len(inputs)} input(s)."
            )
        columns = [preprocessing_utils.to_numpy(x) for x in inputs]
        first_shape = columns[0].shape
        if len(first_shape) > 2 or (
            len(first_shape) == 2 and first_shape[-1] != 1
        ):
            raise ValueError(
                "All `HashedCrossing` inputs should have shape `()`, "
                "`(batch_size)` or `(batch_size, 1)`. Received shapes "
                f"{[c.shape for c in columns]}."
            )
        if any(c.shape != first_shape for c in columns[1:]):
            raise ValueError(
                "All `HashedCrossing` inputs should have equal shape. "
                f"Received shapes {[c.shape for c in columns]}."
            )
        flat = []
        for column in columns:
            if preprocessing_utils.is_string_array(column):
                column = preprocessing_utils.to_text(column)
            elif column.dtype.kind not in "iu":
                raise ValueError(
                    "All `HashedCrossing` inputs should have an integer or "
                    f"string dtype. Received dtypes "
                    f"{[str(c.dtype) for c in columns]}."
                )
            flat.append(column.reshape(-1))
        bins = hash_utils.cross_hash(flat, self.num_bins)
        bins = ops.convert_to_tensor(np.reshape(bins, first_shape))
        return preprocessing_utils.encode_categorical(
            bins, self.output_mode, self.num_bins, self.compute_dtype
        )

    def compute_output_shape(self, input_shape: Any) -> tuple:
        if (
            not isinstance(input_shape, (list, tuple))
            or len(input_shape) != 2
            or not all(isinstance(s, (list, tuple)) for s in input_shape)
        ):
            raise ValueError(
                "HashedCrossing expects a list/tuple of 2 input shapes. "
                f"Received: input_shape={input_shape}."
            )
        first = tuple(input_shape[0])
        if first and tuple(input_shape[1])[-1:] != first[-1:]:
            raise ValueError(
                "HashedCrossing expects the two inputs to have identical "
                f"shapes. Received: input_shape={input_shape}."
            )
        return preprocessing_utils.encoded_shape(
            first, self.output_mode, self.num_bins
        )

    def compute_output_spec(self, inputs: Any) -> KerasTensor:
        shape = self.compute_output_shape([tuple(x.shape) for x in inputs])
        return KerasTensor(shape, dtype=self.compute_dtype)

    def get_config(self) -> dict:
        return {
            "num_bins": self.num_bins,
            "output_mode": self.output_mode,
            "sparse": self.sparse,
            "name": self.name,
            "dtype": self.dtype,
        }
