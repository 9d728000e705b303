"""`TextVectorization`: turns raw text into token indices or vectors."""

from __future__ import annotations

import re
import string
from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.layers.preprocessing import preprocessing_utils
from cornu.src.layers.preprocessing.string_lookup import StringLookup
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib

# TensorFlow's `tf.strings.lower` (no encoding) changes ASCII letters only;
# Keras's punctuation class is exactly ASCII punctuation.
_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_STRIP_PUNCTUATION = str.maketrans("", "", string.punctuation)
# `tf.strings.split` without a separator splits on ASCII whitespace.
_WHITESPACE = re.compile("[ \t\n\r\v\f]+")


@cornu_export("cornu.layers.TextVectorization")
class TextVectorization(preprocessing_utils.StringInputLayer):
    """Maps text to sequences of token indices or to per-document vectors.

    Each string is standardized (lowercased, punctuation stripped), split
    into tokens (on whitespace), optionally extended with n-grams, and
    looked up in a vocabulary learned by `adapt(texts)` or given with
    `vocabulary=`. Index 0 is padding (the empty token), 1 is the
    out-of-vocabulary token `"[UNK]"`. Runs in Python/NumPy, so it works
    in any data pipeline on any backend; the vocabulary is saved with the
    model.

    Args:
        max_tokens: Maximum vocabulary size, including padding and OOV,
            or `None` (no limit).
        standardize: `"lower_and_strip_punctuation"` (default), `"lower"`,
            `"strip_punctuation"`, `None`, or a callable taking a NumPy
            array of `str` and returning one of the same shape.
        split: `"whitespace"` (default), `"character"`, `None` (each
            string is one token), or a callable taking a 1-D NumPy array
            of `str` and returning one list of tokens per string.
        ngrams: `None`, an int `n` (all 1- to n-grams) or a tuple of
            n-gram sizes; n-gram tokens join words with a space.
        output_mode: `"int"` (default): one index per token; `"multi_hot"`,
            `"count"`, `"tf_idf"` (or `"one_hot"`): one vector per string.
        output_sequence_length: In `"int"` mode, pad or truncate every
            sequence to this length (else to the longest in the batch).
        pad_to_max_tokens: In vector modes, make the output `max_tokens`
            wide.
        vocabulary: Optional list of tokens (or vocabulary file path).
        idf_weights: IDF weights for `"tf_idf"` with `vocabulary`.
        sparse: Only `False` is supported.
        ragged: Only `False` is supported.
        encoding: Text encoding used to decode `bytes` inputs.
        name: The layer's name.
        **kwargs: Base layer arguments and saved-state arguments.

    Example:

    >>> layer = cornu.layers.TextVectorization(output_sequence_length=4)
    >>> layer.adapt(["The cat sat.", "The dog ran, the cat sat!"])
    >>> layer.get_vocabulary()
    ['', '[UNK]', 'the', 'sat', 'cat', 'ran', 'dog']
    >>> y = layer(["the bird sat"])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[2, 1, 3, 0]]
    """

    def __init__(
        self,
        max_tokens: int | None = None,
        standardize: Any = "lower_and_strip_punctuation",
        split: Any = "whitespace",
        ngrams: Any = None,
        output_mode: str = "int",
        output_sequence_length: int | None = None,
        pad_to_max_tokens: bool = False,
        vocabulary: Any = None,
        idf_weights: Any = None,
        sparse: bool = False,
        ragged: bool = False,
        encoding: str = "utf-8",
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if sparse or ragged:
            raise ValueError(
                "TextVectorization: sparse and ragged outputs are not "
                f"supported. Received: sparse={sparse}, ragged={ragged}. "
                "Use dense outputs (padded with `output_sequence_length`)."
            )
        _check_choice(
            "standardize",
            standardize,
            ("lower_and_strip_punctuation", "lower", "strip_punctuation"),
        )
        _check_choice("split", split, ("whitespace", "character"))
        output_mode = preprocessing_utils.check_output_mode(
            "TextVectorization", output_mode, preprocessing_utils.OUTPUT_MODES
        )
        if not (
            ngrams is None
            or isinstance(ngrams, int)
            or (
                isinstance(ngrams, tuple)
                and all(isinstance(n, int) for n in ngrams)
            )
        ):
            raise ValueError(
                "TextVectorization: `ngrams` must be None, an integer, or "
                f"a tuple of integers. Received: ngrams={ngrams}."
            )
        if output_mode == "int" and not (
            output_sequence_length is None
            or isinstance(output_sequence_length, int)
        ):
            raise ValueError(
                "TextVectorization: `output_sequence_length` must be None "
                "or an integer when `output_mode='int'`. Received: "
                f"output_sequence_length={output_sequence_length}."
            )
        if output_mode != "int" and output_sequence_length is not None:
            raise ValueError(
                "TextVectorization: `output_sequence_length` must not be "
                "set if `output_mode` is not 'int'. Received: "
                f"output_sequence_length={output_sequence_length}."
            )
        self._max_tokens = max_tokens
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        if isinstance(ngrams, int):
            self._ngrams = tuple(range(1, ngrams + 1))
        else:
            self._ngrams = ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        has_input_vocabulary = kwargs.pop(
            "has_input_vocabulary", vocabulary is not None
        )
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens,
            vocabulary=vocabulary,
            idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens,
            mask_token="",
            output_mode=output_mode,
            sparse=sparse,
            has_input_vocabulary=has_input_vocabulary,
            encoding=encoding,
            vocabulary_size=vocabulary_size,
        )
        self.built = True

    # ----------------------------------------------------------- pipeline
    def _standardize_text(self, texts: np.ndarray) -> np.ndarray:
        mode = self._standardize
        if callable(mode):
            result = mode(texts)
            return preprocessing_utils.to_text(result, self._encoding)
        out = np.empty(texts.shape, dtype=object)
        flat_in, flat_out = texts.reshape(-1), out.reshape(-1)
        for i, text in enumerate(flat_in):
            if mode in ("lower", "lower_and_strip_punctuation"):
                text = text.translate(_LOWER)
            if mode in ("strip_punctuation", "lower_and_strip_punctuation"):
                text = text.translate(_STRIP_PUNCTUATION)
            flat_out[i] = text
        return out

    def _split_text(self, texts: np.ndarray) -> list:
        if callable(self._split):
            return [list(tokens) for tokens in self._split(texts)]
        if self._split == "whitespace":
            return [[t for t in _WHITESPACE.split(text) if t] for text in texts]
        return [list(text) for text in texts]

    def _preprocess(self, inputs: Any) -> Any:
        """Standardized, split (a list of token lists) and n-grammed."""
        texts = preprocessing_utils.to_text(inputs, self._encoding)
        texts = self._standardize_text(texts)
        if self._split is None:
            return texts
        if texts.ndim > 1:
            if texts.shape[-1] != 1:
                raise ValueError(
                    "When using `TextVectorization` to tokenize strings, "
                    "the input rank must be 1 or the last shape dimension "
                    f"must be 1. Received: inputs.shape={texts.shape} with "
                    f"rank={texts.ndim}."
                )
            texts = texts[..., 0]
        rows = self._split_text(texts.reshape(-1))
        if self._ngrams is not None:
            rows = [_ngrams(row, self._ngrams) for row in rows]
        return rows

    def call(self, inputs: Any) -> Any:
        scalar = np.ndim(preprocessing_utils.to_numpy(inputs)) == 0
        if scalar:
            inputs = np.asarray([inputs], dtype=object)
        processed = self._preprocess(inputs)
        if self._split is None:
            if self._output_mode != "int" and processed.ndim <= 1:
                processed = processed[..., None]
            outputs = self._lookup_layer(processed)
            if self._output_mode == "int":
                outputs = self._pad_or_truncate(ops.convert_to_numpy(outputs))
        elif self._output_mode == "int":
            outputs = self._int_sequences(processed)
        else:
            outputs = self._lookup_layer.encode_rows(processed)
        if scalar:
            outputs = outputs[0]
        return outputs

    def _int_sequences(self, rows: list) -> Any:
        lookup = self._lookup_layer
        length = self._output_sequence_length
        if length is None:
            length = max((len(row) for row in rows), default=0)
        out = np.zeros((len(rows), length), dtype="int64")
        for i, row in enumerate(rows):
            row = row[:length]
            if row:
                out[i, : len(row)] = lookup._lookup(row)
        return ops.convert_to_tensor(out)

    def _pad_or_truncate(self, indices: np.ndarray) -> Any:
        length = self._output_sequence_length
        if length is not None and indices.ndim:
            indices = indices[..., :length]
            pad = length - indices.shape[-1]
            if pad > 0:
                widths = [(0, 0)] * (indices.ndim - 1) + [(0, pad)]
                indices = np.pad(indices, widths)
        return ops.convert_to_tensor(indices)

    # -------------------------------------------------------------- adapt
    def adapt(
        self, data: Any, batch_size: int | None = None, steps: int | None = None
    ) -> None:
        """Learns the vocabulary (and IDF weights) from `data`: a list or
        array of strings, or an iterable of batches of strings (at most
        `steps` batches). `batch_size` is accepted for Keras
        compatibility and unused."""
        self.reset_state()
        for batch in preprocessing_utils.iterate_batches(data, steps):
            if batch is data:
                batch = preprocessing_utils.to_text(batch, self._encoding)
                if batch.ndim == 1:
                    batch = batch[:, None]
            self.update_state(batch)
        self.finalize_state()

    def update_state(self, data: Any) -> None:
        self._lookup_layer.update_state(self._preprocess(data))

    def finalize_state(self) -> None:
        self._lookup_layer.finalize_state()

    def reset_state(self) -> None:
        self._lookup_layer.reset_state()

    def get_vocabulary(self, include_special_tokens: bool = True) -> list:
        """The vocabulary in index order (padding `""` and `"[UNK]"`
        first unless `include_special_tokens=False`)."""
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self) -> int:
        """The vocabulary size, padding and OOV tokens included."""
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary: Any, idf_weights: Any = None) -> None:
        """Sets the vocabulary (and IDF weights in `"tf_idf"` mode)."""
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    # ------------------------------------------------------------- shapes
    def compute_output_shape(self, input_shape: Any) -> tuple:
        input_shape = tuple(input_shape)
        if self._output_mode == "int":
            return (input_shape[0], self._output_sequence_length)
        if self._split is None:
            if len(input_shape) <= 1:
                input_shape = input_shape + (1,)
        else:
            input_shape = input_shape + (None,)
        return self._lookup_layer.compute_output_shape(input_shape)

    def compute_output_spec(self, inputs: Any) -> KerasTensor:
        dtype = "int64" if self._output_mode == "int" else config.floatx()
        return KerasTensor(self.compute_output_shape(inputs.shape), dtype=dtype)

    # ------------------------------------------------------------- config
    def get_config(self) -> dict:
        lookup = self._lookup_layer
        config_ = super().get_config()
        config_.update(
            {
                "max_tokens": lookup.max_tokens,
                "standardize": self._standardize,
                "split": self._split,
                "ngrams": self._ngrams_arg,
                "output_mode": self._output_mode,
                "output_sequence_length": self._output_sequence_length,
                "pad_to_max_tokens": lookup.pad_to_max_tokens,
                "sparse": lookup.sparse,
                "ragged": self._ragged,
                "vocabulary": _listify(lookup.input_vocabulary),
                "idf_weights": _listify(lookup.input_idf_weights),
                "encoding": self._encoding,
                "vocabulary_size": self.vocabulary_size(),
            }
        )
        return config_

    @classmethod
    def from_config(cls, config: dict) -> TextVectorization:
        config = dict(config)
        for key in ("standardize", "split"):
            if config.get(key) is not None and not isinstance(config[key], str):
                config[key] = serialization_lib.deserialize_keras_object(
                    config[key]
                )
        if isinstance(config.get("ngrams"), list):
            config["ngrams"] = tuple(config["ngrams"])
        return super().from_config(config)

    def save_own_variables(self, store: Any) -> None:
        self._lookup_layer.save_own_variables(store)

    def load_own_variables(self, store: Any) -> None:
        self._lookup_layer.load_own_variables(store)

    def save_assets(self, dir_path: str) -> None:
        self._lookup_layer.save_assets(dir_path)

    def load_assets(self, dir_path: str) -> None:
        self._lookup_layer.load_assets(dir_path)


def _check_choice(name: str, value: Any, allowed: tuple) -> None:
    if value is None or callable(value) or value in allowed:
        return
    raise ValueError(
        f"TextVectorization: unknown `{name}`. Received: {name}={value!r}. "
        f"Expected one of {allowed}, None or a callable."
    )


def _ngrams(tokens: list, widths: tuple) -> list:
    """All n-grams of `tokens` for each width in `widths`, in order (as
    `tf.strings.ngrams` with a space separator)."""
    out = []
    for n in widths:
        out.extend(
            " ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)
        )
    return out


def _listify(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value
