"""`pad_sequences`: variable-length sequences to one rectangular array."""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src.api_export import cornu_export

_SIDES = ("pre", "post")


def _check_side(name: str, value: Any) -> None:
    if value not in _SIDES:
        raise ValueError(
            f"`pad_sequences` expects `{name}` to be 'pre' or 'post'. "
            f"Received: {name}={value!r}."
        )


def _is_text_dtype(dtype: Any) -> bool:
    if dtype is object:
        return True
    try:
        kind = np.dtype(dtype).kind
    except TypeError:
        return False
    return kind in ("U", "S", "O")


@cornu_export(
    ["cornu.utils.pad_sequences", "cornu.preprocessing.sequence.pad_sequences"]
)
def pad_sequences(
    sequences: Any,
    maxlen: int | None = None,
    dtype: Any = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: Any = 0.0,
) -> np.ndarray:
    """Pads (or truncates) sequences to a common length.

    Turns a list of `num_samples` sequences (lists of ints, or of
    equal-shape items) into one NumPy array of shape
    `(num_samples, num_timesteps) + item_shape`. `num_timesteps` is
    `maxlen` when given, else the length of the longest sequence. Shorter
    sequences are filled with `value`; longer ones are cut to
    `num_timesteps`. `padding` and `truncating` choose the side where that
    happens: the start (`"pre"`, the default) or the end (`"post"`).

    Args:
        sequences: List of sequences (each a list or array).
        maxlen: Optional int, the length of the output sequences. Defaults
            to the length of the longest sequence.
        dtype: Output dtype. Defaults to `"int32"`. Use `object` (or a
            string dtype) to pad sequences of strings.
        padding: `"pre"` or `"post"`: pad before or after each sequence.
        truncating: `"pre"` or `"post"`: drop values from the start or the
            end of sequences longer than `maxlen`.
        value: Padding value (a number, or a string with `dtype=object`).
            Defaults to `0.0`.

    Returns:
        A NumPy array of shape `(len(sequences), num_timesteps) +
        item_shape`.

    Raises:
        ValueError: If `sequences` is not a list of sequences, the items
            of the sequences differ in shape, `maxlen` is not a
            non-negative int, `padding`/`truncating` is not "pre" or
            "post", or `value` is a string with a numeric `dtype`.

    Example:

    >>> sequences = [[1], [2, 3], [4, 5, 6]]
    >>> cornu.utils.pad_sequences(sequences).tolist()
    [[0, 0, 1], [0, 2, 3], [4, 5, 6]]
    >>> cornu.utils.pad_sequences(sequences, padding="post").tolist()
    [[1, 0, 0], [2, 3, 0], [4, 5, 6]]
    >>> cornu.utils.pad_sequences(sequences, maxlen=2, value=-1).tolist()
    [[-1, 1], [2, 3], [5, 6]]
    """
    if not hasattr(sequences, "__len__") or isinstance(sequences, str):
        raise ValueError(
            "`pad_sequences` expects `sequences` to be a list of sequences. "
            f"Received: sequences of type {type(sequences).__name__}. "
            "Pass e.g. `[[1, 2], [3]]`."
        )
    _check_side("padding", padding)
    _check_side("truncating", truncating)
    if maxlen is not None and (
        isinstance(maxlen, bool)
        or not isinstance(maxlen, (int, np.integer))
        or maxlen < 0
    ):
        raise ValueError(
            "`pad_sequences` expects `maxlen` to be a non-negative int or "
            f"None. Received: maxlen={maxlen!r}."
        )
    if isinstance(value, str) and not _is_text_dtype(dtype):
        raise ValueError(
            f"`pad_sequences` cannot pad with the string value={value!r} "
            f"into dtype={dtype!r}. Pass `dtype=object` for sequences of "
            "strings."
        )

    lengths = []
    item_shape = None
    for index, sequence in enumerate(sequences):
        if not hasattr(sequence, "__len__") or isinstance(sequence, str):
            raise ValueError(
                "`pad_sequences` expects every element of `sequences` to be "
                f"a sequence. Received: {sequence!r} at position {index}."
            )
        lengths.append(len(sequence))
        if item_shape is None and len(sequence):
            item_shape = np.asarray(sequence).shape[1:]
    item_shape = item_shape or ()
    if maxlen is None:
        maxlen = max(lengths, default=0)
    maxlen = int(maxlen)

    out = np.full((len(lengths), maxlen) + item_shape, value, dtype=dtype)
    for index, sequence in enumerate(sequences):
        if not len(sequence) or not maxlen:
            continue
        kept = sequence[-maxlen:] if truncating == "pre" else sequence[:maxlen]
        kept = np.asarray(kept, dtype=dtype)
        if kept.shape[1:] != item_shape:
            raise ValueError(
                "`pad_sequences` expects all items of all sequences to have "
                f"one shape. Received: items of shape {kept.shape[1:]} in "
                f"the sequence at position {index}, but {item_shape} "
                "before."
            )
        if padding == "post":
            out[index, : len(kept)] = kept
        else:
            out[index, -len(kept) :] = kept
    return out
