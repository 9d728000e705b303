"""`IntegerLookup`: maps integers to contiguous indices."""

from __future__ import annotations

from typing import Any

from cornu.src.api_export import cornu_export
from cornu.src.layers.preprocessing import index_lookup


@cornu_export("cornu.layers.IntegerLookup")
class IntegerLookup(index_lookup.IndexLookup):
    """Maps integer features (e.g. sparse ids) to contiguous indices from
    a vocabulary (or, with `invert=True`, back).

    Works like `StringLookup` (same index layout, output modes and
    saving), for integer tokens. With several OOV slots, an unknown value
    `v` goes to slot `v % num_oov_indices` (`oov_method="floormod"`) or
    to its FarmHash bucket (`oov_method="farmhash"`).

    Args:
        max_tokens: Maximum vocabulary size including the mask and OOV
            slots, or `None` (no limit).
        num_oov_indices: The number of OOV slots. Defaults to 1.
        mask_token: An integer meaning "masked" (index 0), or `None`.
        oov_token: Returned for unknown indices with `invert=True`.
            Defaults to `-1`.
        vocabulary: Optional list of integers or path of a vocabulary file.
        vocabulary_dtype: Only `"int64"` is supported.
        idf_weights: IDF weights for `output_mode="tf_idf"` with
            `vocabulary`.
        invert: Map indices back to integers.
        output_mode: `"int"` (default), `"one_hot"`, `"multi_hot"`,
            `"count"` or `"tf_idf"`.
        sparse: Only `False` is supported.
        pad_to_max_tokens: In the non-`int` modes, make the output
            `max_tokens` wide.
        oov_method: `"floormod"` (default) or `"farmhash"`.
        salt: An int or pair of ints keying the OOV hash (with
            `oov_method="farmhash"`).
        name: The layer's name.
        **kwargs: Saved-state arguments.

    Example:

    >>> layer = cornu.layers.IntegerLookup(vocabulary=[12, 36, 1138, 42])
    >>> y = layer([[12, 1138, 42], [42, 1000, 36]])
    >>> cornu.ops.convert_to_numpy(y).tolist()
    [[1, 3, 4], [4, 0, 2]]
    """

    def __init__(
        self,
        max_tokens: int | None = None,
        num_oov_indices: int = 1,
        mask_token: int | None = None,
        oov_token: int = -1,
        vocabulary: Any = None,
        vocabulary_dtype: str = "int64",
        idf_weights: Any = None,
        invert: bool = False,
        output_mode: str = "int",
        sparse: bool = False,
        pad_to_max_tokens: bool = False,
        oov_method: str = "floormod",
        salt: Any = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if vocabulary_dtype != "int64":
            raise ValueError(
                "IntegerLookup: only `vocabulary_dtype='int64'` is "
                f"supported. Received: vocabulary_dtype={vocabulary_dtype!r}."
            )
        super().__init__(
            max_tokens=max_tokens,
            num_oov_indices=num_oov_indices,
            mask_token=mask_token,
            oov_token=oov_token,
            vocabulary=vocabulary,
            vocabulary_dtype=vocabulary_dtype,
            idf_weights=idf_weights,
            invert=invert,
            output_mode=output_mode,
            sparse=sparse,
            pad_to_max_tokens=pad_to_max_tokens,
            oov_method=oov_method,
            salt=salt,
            name=name,
            **kwargs,
        )

    def adapt(self, data: Any, steps: int | None = None) -> None:
        """Learns the vocabulary from integer `data` (an array, or an
        iterable of batches; at most `steps` batches)."""
        super().adapt(data, steps=steps)

    def get_config(self) -> dict:
        config = super().get_config()
        for key in ("oov_token", "mask_token"):
            if config[key] is not None:
                config[key] = int(config[key])
        if config["vocabulary"] is not None:
            config["vocabulary"] = [int(v) for v in config["vocabulary"]]
        return config
