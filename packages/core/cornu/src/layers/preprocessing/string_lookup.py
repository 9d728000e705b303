"""`StringLookup`: maps strings to integer indices from a vocabulary."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing import index_lookup


@cornu_export("cornu.layers.StringLookup")
class StringLookup(index_lookup.IndexLookup):
    """Maps strings to integer indices (or, with `invert=True`, back).

    The vocabulary comes from `vocabulary=` (a list, or a text file with
    one token per line) or from `adapt(data)`, which keeps the most
    frequent tokens. Indices: the mask token (when set) takes 0, then
    `num_oov_indices` out-of-vocabulary slots (several OOV slots hash a
    token with FarmHash, like Keras 3), then the vocabulary in order.
    Runs in Python/NumPy, so it works inside any data pipeline; the
    vocabulary is saved with the model (asset `vocabulary.txt`).

    Args:
        max_tokens: Maximum vocabulary size including the mask and OOV
            slots, or `None` (no limit).
        num_oov_indices: The number of OOV slots. Defaults to 1.
        mask_token: A token meaning "masked" (index 0), or `None`.
        oov_token: Returned for unknown indices with `invert=True`.
            Defaults to `"[UNK]"`.
        vocabulary: Optional list of tokens or path of a vocabulary file.
        idf_weights: With `output_mode="tf_idf"` and `vocabulary`: one
            inverse-document-frequency weight per vocabulary entry.
        invert: Map indices back to strings.
        output_mode: `"int"` (default), `"one_hot"`, `"multi_hot"`,
            `"count"` or `"tf_idf"` (see `CategoryEncoding`; `"tf_idf"`
            weights the counts with the IDF weights).
        pad_to_max_tokens: In the non-`int` modes, make the output
            `max_tokens` wide whatever the vocabulary size.
        sparse: Only `False` is supported.
        encoding: Text encoding used to decode `bytes` inputs.
        name: The layer's name.
        salt: An int or pair of ints keying the OOV hash (SipHash).
        **kwargs: `oov_method` and saved-state arguments.

    Example:

    >>> layer = cornu.layers.StringLookup(vocabulary=["a", "b", "c"])
    >>> y = layer([["a", "c"], ["d", "b"]])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[1, 3], [0, 2]]
    >>> layer.get_vocabulary()
    ['[UNK]', 'a', 'b', 'c']
    """

    def __init__(
        self,
        max_tokens: int | None = None,
        num_oov_indices: int = 1,
        mask_token: str | None = None,
        oov_token: str = "[UNK]",
        vocabulary: Any = None,
        idf_weights: Any = None,
        invert: bool = False,
        output_mode: str = "int",
        pad_to_max_tokens: bool = False,
        sparse: bool = False,
        encoding: str = "utf-8",
        name: str | None = None,
        salt: Any = None,
        **kwargs: Any,
    ) -> None:
        self.encoding = encoding
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=mask_token,
            oov_token=oov_token,
            vocabulary=vocabulary,
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            pad_to_max_tokens=pad_to_max_tokens,
            sparse=sparse,
            name=name,
            salt=salt,
            vocabulary_dtype="string",
            **kwargs,
        )

    def _encoding(self) -> str:
        return self.encoding

    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learns the vocabulary from string `data` (a list or array of
        documents, or an iterable of batches; at most `steps` batches)."""
        super().adapt(data, steps=steps)

    def get_config(self) -> dict:
        config = super().get_config()
        del config["vocabulary_dtype"]
        config["encoding"] = self.encoding
        return config
