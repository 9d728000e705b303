"""`IndexLookup`: the vocabulary machinery of `StringLookup` and
`IntegerLookup` (not public, as in Keras 3).

The vocabulary is a Python dict from token to index, built from a given
list (or file) or by `adapt`, which counts tokens and keeps the most
frequent ones (ties broken by the larger token first, as Keras 3 does).
Index layout: `[mask][oov indices][tokens...]`: the mask token takes
index 0 in `"int"` mode when set, then `num_oov_indices` slots for
out-of-vocabulary values, then the tokens. Lookups run in Python/NumPy;
the result is a backend tensor.
"""

from __future__ import annotations

import collections
import os
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.backend import config
from cornu.src.layers.preprocessing import hash_utils
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib

VOCABULARY_FILENAME = "vocabulary.txt"  # the asset name Keras 3 writes


class IndexLookup(preprocessing_utils.StringInputLayer):
    """Maps tokens to indices (or back, with `invert=True`); see
    `StringLookup` for the arguments."""

    def __init__(
        self,
        max_tokens: int | None,
        num_oov_indices: int,
        mask_token: Any,
        oov_token: Any,
        vocabulary_dtype: str,
        vocabulary: Any = None,
        idf_weights: Any = None,
        invert: bool = False,
        output_mode: str = "int",
        sparse: bool = False,
        pad_to_max_tokens: bool = False,
        oov_method: str = "floormod",
        name: str | None = None,
        salt: Any = None,
        **kwargs: Any,
    ) -> None:
        owner = type(self).__name__
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                f"{owner}: if set, `max_tokens` must be greater than 1. "
                f"Received: max_tokens={max_tokens}."
            )
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(
                f"{owner}: `pad_to_max_tokens=True` needs `max_tokens`. "
                f"Received: max_tokens={max_tokens}."
            )
        if num_oov_indices < 0:
            raise ValueError(
                f"{owner}: `num_oov_indices` must be >= 0. Received: "
                f"num_oov_indices={num_oov_indices}."
            )
        if oov_method not in ("floormod", "farmhash"):
            raise ValueError(
                f"{owner}: `oov_method` must be 'floormod' or 'farmhash'. "
                f"Received: oov_method={oov_method!r}."
            )
        if salt is not None:
            if vocabulary_dtype != "string" and oov_method != "farmhash":
                raise ValueError(
                    f"{owner}: `salt` can only be used when "
                    f"`oov_method='farmhash'`. Received: "
                    f"oov_method={oov_method!r}."
                )
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                salt = list(salt)
            elif isinstance(salt, int):
                salt = [salt, salt]
            else:
                raise ValueError(
                    f"{owner}: `salt` must be an int or a pair of ints. "
                    f"Received: salt={salt}."
                )
        output_mode = preprocessing_utils.check_output_mode(
            owner, output_mode, preprocessing_utils.OUTPUT_MODES
        )
        if invert and output_mode != "int":
            raise ValueError(
                f"{owner}: `output_mode` must be 'int' when `invert=True`. "
                f"Received: output_mode={output_mode!r}."
            )
        if sparse:
            raise ValueError(
                f"{owner}: sparse outputs are not supported. Received: "
                "sparse=True. Use `sparse=False`."
            )
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(
                f"{owner}: `idf_weights` should only be set when "
                f"`output_mode='tf_idf'`. Received: output_mode="
                f"{output_mode!r} with idf_weights."
            )
        frozen_size = kwargs.pop("vocabulary_size", None)
        has_input_vocabulary = kwargs.pop(
            "has_input_vocabulary", vocabulary is not None
        )
        kwargs.pop("trainable", None)
        kwargs.pop("dtype", None)
        if kwargs:
            raise ValueError(
                f"{owner}: unrecognized keyword argument(s): {kwargs}."
            )
        super().__init__(name=name)
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self.oov_method = oov_method
        self.salt = salt
        self._frozen_vocab_size = frozen_size
        self.input_vocabulary = (
            vocabulary if not isinstance(vocabulary, str) else None
        )
        self.input_idf_weights = idf_weights
        self._has_input_vocabulary = has_input_vocabulary
        self._tokens: list = []
        self._table: dict = {}
        self.idf_weights = None
        self.reset_state()
        if output_mode == "tf_idf":
            if has_input_vocabulary and idf_weights is None:
                raise ValueError(
                    f"{owner}: with a `vocabulary` in 'tf_idf' output mode, "
                    "`idf_weights` must be given too."
                )
            if idf_weights is not None:
                self.idf_weights = np.asarray(
                    idf_weights, dtype=config.floatx()
                )
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)
        self.built = True

    # ------------------------------------------------------------ indices
    def _oov_start_index(self) -> int:
        if self.mask_token is not None and self.output_mode == "int":
            return 1
        return 0

    def _token_start_index(self) -> int:
        return self._oov_start_index() + self.num_oov_indices

    def _standardize_tokens(self, values: Any) -> np.ndarray:
        """A NumPy array of lookup keys (Python `str` or ints)."""
        array = preprocessing_utils.to_numpy(values)
        if self.vocabulary_dtype == "string":
            return preprocessing_utils.to_text(array, self._encoding())
        return array.astype("int64")

    def _encoding(self) -> str:
        return "utf-8"

    def _as_key(self, token: Any) -> Any:
        if self.vocabulary_dtype == "string":
            if isinstance(token, bytes):
                return token.decode(self._encoding())
            return str(token)
        return int(token)

    # --------------------------------------------------------- vocabulary
    def vocabulary_size(self) -> int:
        """The number of indices: tokens plus mask and OOV slots."""
        return len(self._tokens) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        """The vocabulary, in index order.

        Args:
            include_special_tokens: Whether to include the mask and OOV
                tokens at the front (every OOV slot shows `oov_token`).

        Returns:
            A list of tokens (`str` for `StringLookup`).
        """
        vocab = [self.oov_token] * self._token_start_index() + list(
            self._tokens
        )
        if self.mask_token is not None and self.output_mode == "int":
            vocab[0] = self.mask_token
        if not include_special_tokens:
            vocab = vocab[self._token_start_index() :]
        return vocab

    def set_vocabulary(self, vocabulary: Any, idf_weights: Any = None) -> None:
        """Sets the vocabulary (and, in `"tf_idf"` mode, the IDF weights).

        Args:
            vocabulary: A list or array of unique tokens, optionally led by
                the mask and OOV tokens in index order, or the path of a
                text file with one token per line.
            idf_weights: In `"tf_idf"` mode, one weight per vocabulary
                entry.
        """
        owner = type(self).__name__
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError(
                    f"{owner}: `idf_weights` must be set when "
                    "`output_mode='tf_idf'`."
                )
        elif idf_weights is not None:
            raise ValueError(
                f"{owner}: `idf_weights` should only be set when "
                f"`output_mode='tf_idf'`. Received: output_mode="
                f"{self.output_mode!r} with idf_weights."
            )
        if isinstance(vocabulary, str):
            vocabulary = self._read_vocabulary_file(vocabulary)
        elif isinstance(vocabulary, np.ndarray) or ops.is_tensor(vocabulary):
            vocabulary = preprocessing_utils.to_numpy(vocabulary).tolist()
        vocabulary = [self._as_key(token) for token in vocabulary]
        if not vocabulary:
            raise ValueError(
                f"{owner}: cannot set an empty vocabulary. Received: "
                "vocabulary=[]."
            )
        token_start = self._token_start_index()
        special = [self.mask_token] * self._oov_start_index() + [
            self.oov_token
        ] * self.num_oov_indices
        special = [None if t is None else self._as_key(t) for t in special]
        found_special = vocabulary[:token_start] == special
        tokens = vocabulary[token_start:] if found_special else vocabulary
        repeated = [t for t, n in collections.Counter(tokens).items() if n > 1]
        if repeated:
            raise ValueError(
                f"{owner}: the vocabulary has repeated terms: {repeated}. "
                "Please uniquify your vocabulary."
            )
        for token, label in (
            (self.mask_token, "mask"),
            (self.oov_token if self.invert else None, "OOV"),
        ):
            if token is not None and self._as_key(token) in tokens:
                raise ValueError(
                    f"{owner}: found the reserved {label} token {token!r} "
                    "at an unexpected location in `vocabulary`. Leave the "
                    "mask and OOV tokens out, or put them only at the start "
                    f"in precisely this order: {special}."
                )
        new_size = token_start + len(tokens)
        if self.max_tokens is not None and new_size > self.max_tokens:
            raise ValueError(
                f"{owner}: attempted to set a vocabulary larger than the "
                f"maximum vocab size. Received vocabulary size is "
                f"{new_size}; `max_tokens` is {self.max_tokens}."
            )
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            weights = np.asarray(idf_weights, dtype="float64")
            if weights.ndim != 1 or len(weights) != len(vocabulary):
                raise ValueError(
                    f"{owner}: `idf_weights` must be a 1-D array as long as "
                    f"the vocabulary ({len(vocabulary)}). Received shape "
                    f"{weights.shape}."
                )
            front = 0 if found_special else token_start
            front_value = 0.0 if found_special else np.average(weights)
            back = 0
            if self.pad_to_max_tokens and self.max_tokens is not None:
                back = self.max_tokens - front - len(weights)
            weights = np.pad(
                weights,
                (front, back),
                "constant",
                constant_values=(front_value, 0),
            )
            self.idf_weights = weights.astype(config.floatx())

    def _read_vocabulary_file(self, path: str) -> list:
        owner = type(self).__name__
        if serialization_lib.in_safe_mode():
            raise ValueError(
                f"{owner}: requested the loading of a vocabulary file "
                "outside of the model archive, which safe mode forbids. If "
                "you trust the file, load with `safe_mode=False`. "
                f"Vocabulary file: {path!r}."
            )
        if not os.path.exists(path):
            raise ValueError(
                f"{owner}: vocabulary file {path!r} does not exist."
            )
        if self.output_mode == "tf_idf":
            raise ValueError(
                f"{owner}: output_mode 'tf_idf' does not support loading a "
                "vocabulary from a file. Pass a list and `idf_weights`."
            )
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()

    def _set_tokens(self, tokens: list) -> None:
        self._tokens = list(tokens)
        start = self._token_start_index()
        self._table = {t: i + start for i, t in enumerate(self._tokens)}
        self._record_vocabulary_size()

    def _record_vocabulary_size(self) -> None:
        size = self.vocabulary_size()
        if (
            self.output_mode != "int"
            and not self.pad_to_max_tokens
            and self._frozen_vocab_size is not None
            and size != self._frozen_vocab_size
        ):
            raise RuntimeError(
                f"{type(self).__name__}: with `output_mode="
                f"{self.output_mode!r}` and `pad_to_max_tokens=False`, the "
                "vocabulary size cannot change once set. Old size: "
                f"{self._frozen_vocab_size}, new size: {size}."
            )
        self._frozen_vocab_size = size

    # -------------------------------------------------------------- adapt
    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learns the vocabulary from `data`: an array or list (each row
        a document), or a generator/iterable of batches, read for at most
        `steps` batches. The `max_tokens` most frequent tokens are kept.
        """
        self.reset_state()
        for batch in preprocessing_utils.iterate_batches(data, steps):
            if _is_ragged(batch):
                # Rows of different lengths: one document per row.
                batch = [[self._as_key(t) for t in row] for row in batch]
            elif batch is data:
                batch = self._standardize_tokens(batch)
                if batch.ndim == 1:
                    batch = batch[:, None]
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        if self._has_input_vocabulary:
            raise ValueError(
                f"Cannot adapt layer {self.name!r} after setting a static "
                "vocabulary via the `vocabulary` argument or "
                "`set_vocabulary()`."
            )
        if _is_ragged(data) or (
            isinstance(data, list) and data and isinstance(data[0], list)
        ):
            # Rows of tokens, e.g. TextVectorization's split text.
            rows = [[self._as_key(t) for t in row] for row in data]
        else:
            array = self._standardize_tokens(data)
            if array.ndim == 0:
                array = array[None]
            if array.ndim == 1:
                array = array[None]
            rows = [row.reshape(-1).tolist() for row in array]
        for row in rows:
            self._token_counts.update(row)
            if self.output_mode == "tf_idf":
                self._document_counts.update(set(row))
        if self.output_mode == "tf_idf":
            self._num_documents += len(rows)

    def finalize_state(self) -> None:
        if self._has_input_vocabulary or not self._token_counts:
            self._record_vocabulary_size()
            return
        for special in (self.mask_token, self.oov_token):
            if special is not None:
                self._token_counts.pop(self._as_key(special), None)
        # Most frequent first; ties: the larger token first (Keras 3 sorts
        # the (count, token) pairs and reverses them).
        items = sorted(
            self._token_counts.items(),
            key=lambda item: (item[1], _sort_key(item[0])),
            reverse=True,
        )
        if self.max_tokens:
            items = items[: self.max_tokens - self._token_start_index()]
        tokens = [token for token, _ in items]
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            counts = np.array(
                [self._document_counts[t] for t in tokens], dtype="int64"
            )
            idf = np.log(1 + self._num_documents / (1 + counts))
            idf = idf.astype(config.floatx())
            idf = np.pad(
                idf,
                (self._token_start_index(), 0),
                constant_values=np.mean(idf),
            )
            if self.pad_to_max_tokens and self.max_tokens is not None:
                idf = np.pad(idf, (0, self.max_tokens - idf.size))
            self.idf_weights = idf
        self.reset_state()
        self._record_vocabulary_size()

    def reset_state(self) -> None:
        self._token_counts: collections.Counter = collections.Counter()
        self._document_counts: collections.Counter = collections.Counter()
        self._num_documents = 0

    # --------------------------------------------------------------- call
    def _lookup(self, flat: list) -> np.ndarray:
        """Indices (or, inverted, tokens) of a flat list of keys."""
        if self.invert:
            return self._invert_lookup(flat)
        default = -1 if self.num_oov_indices != 1 else self._oov_start_index()
        table = self._table
        indices = np.array([table.get(t, default) for t in flat], "int64")
        masked = None
        if self.mask_token is not None:
            mask_key = self._as_key(self.mask_token)
            masked = np.array([t == mask_key for t in flat], dtype=bool)
            masked = masked.reshape(indices.shape)
        missing = indices == -1
        if masked is not None:
            missing &= ~masked
        if self.num_oov_indices == 0:
            if missing.any():
                values = [flat[i] for i in np.flatnonzero(missing)]
                raise ValueError(
                    f"{type(self).__name__}: when `num_oov_indices=0` all "
                    f"inputs should be in the vocabulary; found OOV values "
                    f"{values[:10]}. Consider setting `num_oov_indices=1`."
                )
        elif self.num_oov_indices > 1 and missing.any():
            where = np.flatnonzero(missing)
            values = np.array([flat[i] for i in where], dtype=object)
            indices[where] = self._oov_index(values)
        if masked is not None:
            # Index 0 in "int" mode; otherwise no bin at all (Keras uses
            # an out-of-range index, which encodes to zeros).
            indices[masked] = 0 if self.output_mode == "int" else -1
        return indices

    def _oov_index(self, values: np.ndarray) -> np.ndarray:
        n = self.num_oov_indices
        if self.vocabulary_dtype != "string" and self.oov_method != "farmhash":
            buckets = np.mod(values.astype("int64"), n)
        else:
            buckets = hash_utils.hash_to_buckets(values, n, key=self.salt)
        return buckets + self._oov_start_index()

    def _invert_lookup(self, flat: list) -> np.ndarray:
        start = self._token_start_index()
        tokens = self._tokens
        out = []
        for index in flat:
            index = int(index)
            if index == 0 and self.mask_token is not None:
                out.append(self.mask_token)
            elif start <= index < start + len(tokens):
                out.append(tokens[index - start])
            else:
                out.append(self.oov_token)
        dtype = object if self.vocabulary_dtype == "string" else "int64"
        return np.array(out, dtype=dtype)

    def _depth(self) -> int:
        if self.pad_to_max_tokens:
            return self.max_tokens
        if self._frozen_vocab_size is None:
            raise RuntimeError(
                f"{type(self).__name__}: with `output_mode="
                f"{self.output_mode!r}` and `pad_to_max_tokens=False`, set "
                "the vocabulary before calling the layer: pass "
                "`vocabulary=` or call `adapt(data)`."
            )
        return self._frozen_vocab_size

    def call(self, inputs: Any) -> Any:
        depth = None if self.output_mode == "int" else self._depth()
        if self.invert:
            keys = preprocessing_utils.to_numpy(inputs).astype("int64")
        else:
            keys = self._standardize_tokens(inputs)
        flat = keys.reshape(-1).tolist()
        looked_up = self._lookup(flat).reshape(keys.shape)
        if self.invert:
            if self.vocabulary_dtype == "string":
                return looked_up  # strings stay a NumPy array
            return ops.convert_to_tensor(looked_up)
        if self.output_mode == "int":
            return ops.convert_to_tensor(looked_up)
        return self._encode(ops.convert_to_tensor(looked_up), depth)

    def _encode(self, indices: Any, depth: int) -> Any:
        dtype = config.floatx()
        if self.output_mode != "tf_idf":
            return preprocessing_utils.encode_categorical(
                indices, self.output_mode, depth, dtype
            )
        counts = preprocessing_utils.encode_categorical(
            indices, "count", depth, dtype
        )
        return counts * ops.convert_to_tensor(self._idf(), dtype=dtype)

    def _idf(self) -> np.ndarray:
        if self.idf_weights is None:
            raise ValueError(
                f"{type(self).__name__}: in 'tf_idf' output mode the IDF "
                "weights must be set: call `adapt(data)` or pass "
                "`vocabulary` and `idf_weights`."
            )
        return self.idf_weights

    def encode_rows(self, rows: list) -> Any:
        """Encodes ragged rows of token keys (TextVectorization's split
        text) into a `(len(rows), depth)` tensor in a non-`int` mode."""
        depth = self._depth()
        counts = np.zeros((len(rows), depth), dtype=config.floatx())
        for i, row in enumerate(rows):
            indices = self._lookup(row) if row else np.zeros((0,), "int64")
            indices = indices[(indices >= 0) & (indices < depth)]
            np.add.at(counts[i], indices, 1)
        if self.output_mode == "multi_hot":
            counts = np.minimum(counts, 1)
        elif self.output_mode == "tf_idf":
            counts = counts * self._idf()
        return ops.convert_to_tensor(counts)

    # ------------------------------------------------------------- shapes
    def compute_output_shape(self, input_shape: Any) -> tuple:
        input_shape = tuple(input_shape)
        if self.output_mode == "int":
            return input_shape
        depth = (
            self.max_tokens
            if self.pad_to_max_tokens
            else self._frozen_vocab_size
        )
        if self.output_mode == "one_hot":
            if len(input_shape) > 1 and input_shape[-1] == 1:
                return input_shape[:-1] + (depth,)
            return input_shape + (depth,)
        return input_shape[:-1] + (depth,)

    def compute_output_spec(self, inputs: Any) -> KerasTensor:
        if self.invert:
            dtype = self.vocabulary_dtype
        elif self.output_mode == "int":
            dtype = "int64"
        else:
            dtype = config.floatx()
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=dtype)

    # ------------------------------------------------------------- config
    def get_config(self) -> dict:
        config_ = super().get_config()
        config_.update(
            {
                "invert": self.invert,
                "max_tokens": self.max_tokens,
                "num_oov_indices": self.num_oov_indices,
                "oov_token": self.oov_token,
                "mask_token": self.mask_token,
                "output_mode": self.output_mode,
                "sparse": self.sparse,
                "pad_to_max_tokens": self.pad_to_max_tokens,
                "vocabulary_dtype": self.vocabulary_dtype,
                "idf_weights": _listify(self.input_idf_weights),
                "vocabulary": _listify(self.input_vocabulary),
                "vocabulary_size": self._frozen_vocab_size,
                "oov_method": self.oov_method,
                "salt": self.salt,
            }
        )
        return config_

    def get_build_config(self) -> dict:
        return {}

    def build_from_config(self, config: dict) -> None:
        self.built = True

    # ------------------------------------------------------------- saving
    def save_own_variables(self, store: Any) -> None:
        if self.output_mode == "tf_idf":
            store["idf_weights"] = self._idf()

    def load_own_variables(self, store: Any) -> None:
        if self.output_mode == "tf_idf":
            self.idf_weights = np.asarray(
                store["idf_weights"], dtype=config.floatx()
            )

    def save_assets(self, dir_path: str) -> None:
        if self.input_vocabulary is not None:
            return  # the vocabulary is in the config
        vocabulary = self.get_vocabulary(include_special_tokens=True)
        path = os.path.join(dir_path, VOCABULARY_FILENAME)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(str(token) for token in vocabulary))

    def load_assets(self, dir_path: str) -> None:
        if self.input_vocabulary is not None:
            return
        path = os.path.join(dir_path, VOCABULARY_FILENAME)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        while lines and lines[-1] == "":
            lines.pop()
        if self.vocabulary_dtype == "string":
            values = [str(line) for line in lines]
        else:
            values = [int(line) for line in lines]
        if self.output_mode == "tf_idf":
            self.set_vocabulary(values, idf_weights=self._idf())
        else:
            self.set_vocabulary(values)


def _is_ragged(batch: Any) -> bool:
    if not isinstance(batch, (list, tuple)) or not batch:
        return False
    if not all(isinstance(row, (list, tuple)) for row in batch):
        return False
    return len({len(row) for row in batch}) > 1


def _sort_key(token: Any) -> Any:
    # TensorFlow compares string tokens as UTF-8 bytes.
    return token.encode("utf-8") if isinstance(token, str) else token


def _listify(value: Any) -> Any:
    if ops.is_tensor(value):
        value = ops.convert_to_numpy(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value
