"""`text_dataset_from_directory`: a dataset of `.txt` files and labels.

Keras returns a `tf.data.Dataset` of string tensors; cornu returns a
`cornu.utils.PyDataset` whose batches hold the texts as a NumPy array of
Python strings, read when the batch is requested.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.utils import directory_dataset_utils as dir_utils


def _reader(max_length: int | None) -> Any:
    def load(paths: list[str]) -> np.ndarray:
        texts = np.empty(len(paths), dtype=object)
        for i, path in enumerate(paths):
            with open(path, encoding="utf-8", errors="replace") as f:
                texts[i] = (
                    f.read() if max_length is None else f.read(max_length)
                )
        return texts

    return load


@cornu_export(
    [
        "cornu.utils.text_dataset_from_directory",
        "cornu.preprocessing.text_dataset_from_directory",
    ]
)
def text_dataset_from_directory(
    directory: str,
    labels: Any = "inferred",
    label_mode: str | None = "int",
    class_names: Any = None,
    batch_size: int | None = 32,
    max_length: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
    validation_split: float | None = None,
    subset: str | None = None,
    follow_links: bool = False,
    verbose: bool = True,
) -> Any:
    """Generates a dataset from the `.txt` files in a directory.

    With `labels="inferred"`, each sub-folder of `directory` is a class:
    `main/class_a/*.txt` get label 0, `main/class_b/*.txt` label 1, and
    so on (sorted folder names, or the order of `class_names`).

    Keras returns a `tf.data.Dataset`; cornu returns a
    `cornu.utils.PyDataset` with the same batches, labels and splits,
    usable by `fit()` on every backend. Texts come as a NumPy object
    array of Python `str` (decoded as UTF-8), not as byte strings, and
    `max_length` counts characters rather than bytes.

    Args:
        directory: Folder holding the data.
        labels: `"inferred"` (from the sub-folder names), `None` (no
            labels), or a list/tuple of int labels, one per `.txt` file in
            sorted path order.
        label_mode: `"int"` (int32 labels), `"categorical"` (one-hot
            float32), `"binary"` (float32 0/1 of shape `(batch, 1)`,
            exactly 2 classes) or `None` (no labels).
        class_names: With `labels="inferred"`, the classes to use (a
            subset of the sub-folder names), in label order.
        batch_size: Texts per batch; `None` yields single samples.
        max_length: Keep at most this many characters of each text.
        shuffle: Whether to shuffle the files (else sorted order).
        seed: Int seed for shuffling (needed with `validation_split`).
        validation_split: Fraction of the files kept for validation.
        subset: `"training"`, `"validation"` or `"both"` (a tuple of
            both); only with `validation_split`.
        follow_links: Whether to follow symbolic links to folders.
        verbose: Whether to print how many files and classes were found.

    Returns:
        A `PyDataset` (or a pair of them for `subset="both"`) yielding
        `texts` or `(texts, labels)`, with a `class_names` attribute.

    Raises:
        ValueError: For bad arguments or when no `.txt` file is found.

    Example:

    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name, text in [("neg", "bad"), ("pos", "good")]:
    ...     (root / name).mkdir()
    ...     _ = (root / name / "a.txt").write_text(text)
    >>> ds = cornu.utils.text_dataset_from_directory(
    ...     str(root), shuffle=False, verbose=False)
    >>> texts, labels = ds[0]
    >>> texts.tolist(), labels.tolist(), ds.class_names
    (['bad', 'good'], [0, 1], ['neg', 'pos'])
    """
    dir_utils.check_labels_args(labels, label_mode, class_names)
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    dir_utils.check_validation_split_arg(
        validation_split, subset, shuffle, seed
    )
    paths, labels, class_names = dir_utils.index_directory(
        directory,
        labels,
        formats=(".txt",),
        class_names=class_names,
        shuffle=shuffle,
        seed=seed,
        follow_links=follow_links,
        verbose=verbose,
    )
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError(
            'When passing `label_mode="binary"`, there must be exactly 2 '
            f"class_names. Received: class_names={class_names}"
        )
    if labels is not None:
        labels = dir_utils.encode_labels(
            labels, label_mode, len(class_names) if class_names else 0
        )
    load = _reader(max_length)

    def make(which: str | None) -> Any:
        part_paths, part_labels = dir_utils.training_or_validation_split(
            paths, labels, validation_split, which
        )
        if not part_paths:
            kind = f"{which} " if which else ""
            raise ValueError(
                f"No {kind}text files found in directory {directory}. "
                "Allowed format: .txt"
            )
        return dir_utils.FileDataset(
            part_paths, part_labels, load, batch_size, class_names
        )

    if subset == "both":
        return make("training"), make("validation")
    return make(subset)
