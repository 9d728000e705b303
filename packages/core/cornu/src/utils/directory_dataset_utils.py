"""Shared machinery of the `*_dataset_from_directory` utilities.

Indexing a folder tree into file paths and labels (inferred from the
sub-folder names, given, or none), the training/validation split, the
label encodings, and `FileDataset`: a `PyDataset` that loads one batch of
files per `__getitem__` with a format-specific loader.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from cornu.src.random import seed_generator
from cornu.src.trainers.data_adapters.py_dataset_adapter import PyDataset

LABEL_MODES = ("int", "categorical", "binary", None)


def check_validation_split_arg(
    validation_split: Any, subset: Any, shuffle: bool, seed: Any
) -> None:
    """Keras's checks of `validation_split`, `subset`, `shuffle`, `seed`."""
    if validation_split and not 0 < validation_split < 1:
        raise ValueError(
            "`validation_split` must be between 0 and 1, received: "
            f"{validation_split}"
        )
    if (validation_split or subset) and not (validation_split and subset):
        raise ValueError(
            "If `subset` is set, `validation_split` must be set, and "
            f"inversely. Received: validation_split={validation_split}, "
            f"subset={subset!r}."
        )
    if subset not in ("training", "validation", "both", None):
        raise ValueError(
            '`subset` must be either "training", "validation" or "both", '
            f"received: {subset!r}"
        )
    if validation_split and shuffle and seed is None:
        raise ValueError(
            "If using `validation_split` and shuffling the data, you must "
            "provide a `seed` argument, to make sure that there is no "
            "overlap between the training and validation subset."
        )


def check_labels_args(labels: Any, label_mode: Any, class_names: Any) -> None:
    """Checks `labels`, `label_mode` and `class_names` together."""
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            raise ValueError(
                "`labels` argument should be a list/tuple of integer "
                "labels, of the same size as the number of files in the "
                "target directory. If you wish to infer the labels from "
                "the subdirectory names in the target directory, pass "
                '`labels="inferred"`. If you wish to get a dataset that '
                "only contains samples (no labels), pass `labels=None`. "
                f"Received: labels={labels!r}"
            )
        if class_names:
            raise ValueError(
                'You can only pass `class_names` if `labels="inferred"`. '
                f"Received: labels={labels!r}, and "
                f"class_names={class_names!r}"
            )
    if label_mode not in LABEL_MODES:
        raise ValueError(
            '`label_mode` argument must be one of "int", "categorical", '
            f'"binary", or None. Received: label_mode={label_mode!r}'
        )


def _valid_files(
    directory: str, follow_links: bool, formats: tuple[str, ...]
) -> list[str]:
    """Files under `directory` (recursively) with an allowed extension,
    in sorted folder then file order, relative to `directory`."""
    found = []
    walk = sorted(os.walk(directory, followlinks=follow_links))
    for root, _, files in walk:
        for name in sorted(files):
            if name.lower().endswith(formats):
                path = os.path.join(root, name)
                found.append(os.path.relpath(path, directory))
    return found


def index_directory(
    directory: str,
    labels: Any,
    formats: tuple[str, ...],
    class_names: Any = None,
    shuffle: bool = True,
    seed: Any = None,
    follow_links: bool = False,
    verbose: bool = True,
) -> tuple[list[str], Any, Any]:
    """Lists the files of `directory` with their labels, as Keras does.

    With `labels="inferred"` each non-hidden sub-folder is a class (in
    sorted order, or `class_names`' order) and its files, searched
    recursively, get its index. Otherwise every file under `directory`
    is listed, in sorted path order; `labels` is then `None` or one int
    per file.

    Returns:
        `(file_paths, labels, class_names)`: paths joined to `directory`,
        an int32 array (or the given list, or `None`), and the class
        names (`None` without labels).
    """
    if not os.path.isdir(directory):
        raise ValueError(
            f"Could not find directory {directory!r}. Pass the path of a "
            "folder holding one sub-folder of files per class."
        )
    if labels == "inferred":
        subdirs = [
            name
            for name in sorted(os.listdir(directory))
            if os.path.isdir(os.path.join(directory, name))
            and not name.startswith(".")
        ]
        if class_names is not None:
            if not set(class_names).issubset(subdirs):
                raise ValueError(
                    "The `class_names` passed did not match the names of "
                    "the subdirectories of the target directory. "
                    f"Expected: {subdirs} (or a subset of it), but "
                    f"received: class_names={list(class_names)}"
                )
            subdirs = list(class_names)
        paths, label_list = [], []
        for index, subdir in enumerate(subdirs):
            files = _valid_files(
                os.path.join(directory, subdir), follow_links, formats
            )
            paths += [os.path.join(subdir, f) for f in files]
            label_list += [index] * len(files)
        labels = np.array(label_list, dtype="int32")
        class_names = subdirs
    else:
        if class_names is not None:
            raise ValueError(
                "When `labels=None` (no labels), argument `class_names` "
                "cannot be specified."
                if labels is None
                else "When argument `labels` is specified, argument "
                "`class_names` cannot be specified (the `class_names` "
                "will be the sorted list of labels)."
            )
        paths = _valid_files(directory, follow_links, formats)
        if labels is None:
            class_names = None
        else:
            if len(labels) != len(paths):
                raise ValueError(
                    "Expected the lengths of `labels` to match the number "
                    f"of files in the target directory. len(labels) is "
                    f"{len(labels)} while we found {len(paths)} files in "
                    f"directory {directory}."
                )
            class_names = [str(label) for label in sorted(set(labels))]
            labels = np.asarray(labels)
    if verbose:
        if labels is None:
            sys.stdout.write(f"Found {len(paths)} files.\n")
        else:
            sys.stdout.write(
                f"Found {len(paths)} files belonging to "
                f"{len(class_names)} classes.\n"
            )
    file_paths = [os.path.join(directory, p) for p in paths]
    if shuffle:
        if seed is None:
            seed = seed_generator.make_default_seed()
        order = np.random.default_rng(seed).permutation(len(file_paths))
        file_paths = [file_paths[i] for i in order]
        if labels is not None:
            labels = labels[order]
    return file_paths, labels, class_names


def training_or_validation_split(
    samples: list, labels: Any, validation_split: Any, subset: Any
) -> tuple[list, Any]:
    """The training (first) or validation (last) part, as Keras cuts it."""
    if not validation_split:
        return samples, labels
    num_val = int(validation_split * len(samples))
    if subset == "training":
        sys.stdout.write(
            f"Using {len(samples) - num_val} files for training.\n"
        )
        cut = slice(0, len(samples) - num_val)
    else:
        sys.stdout.write(f"Using {num_val} files for validation.\n")
        cut = slice(len(samples) - num_val, len(samples))
    return samples[cut], None if labels is None else labels[cut]


def encode_labels(labels: np.ndarray, label_mode: str, num_classes: int) -> Any:
    """int32 labels; binary: float32 `(n, 1)`; categorical: one-hot."""
    labels = np.asarray(labels, dtype="int32")
    if label_mode == "binary":
        return labels.astype("float32")[:, None]
    if label_mode == "categorical":
        return np.eye(num_classes, dtype="float32")[labels]
    return labels


class FileDataset(PyDataset):
    """A `PyDataset` of files loaded one batch at a time.

    Args:
        file_paths: The files, in the order to serve them.
        labels: Encoded labels (one row per file) or `None`.
        load: Function from a list of paths to the batch's inputs.
        batch_size: Files per batch; `None` serves single samples.
        class_names: Kept as the `class_names` attribute, as Keras does.
    """

    def __init__(
        self,
        file_paths: list[str],
        labels: Any,
        load: Callable[[list[str]], Any],
        batch_size: int | None,
        class_names: Any,
    ) -> None:
        super().__init__()
        self.file_paths = list(file_paths)
        self.labels = labels
        self.class_names = class_names
        self._load = load
        self._batch_size = batch_size

    def __len__(self) -> int:
        if self._batch_size is None:
            return len(self.file_paths)
        return math.ceil(len(self.file_paths) / self._batch_size)

    def __getitem__(self, index: int) -> Any:
        if not -len(self) <= index < len(self):
            raise IndexError(
                f"Batch index {index} is out of range for a dataset of "
                f"{len(self)} batches."
            )
        index %= len(self)
        if self._batch_size is None:
            paths = self.file_paths[index : index + 1]
            cut = index
        else:
            size = self._batch_size
            cut = slice(index * size, (index + 1) * size)
            paths = self.file_paths[cut]
        inputs = self._load(paths)
        if self._batch_size is None:
            inputs = inputs[0]
        if self.labels is None:
            return inputs
        return inputs, self.labels[cut]
