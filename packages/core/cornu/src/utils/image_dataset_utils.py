"""`image_dataset_from_directory`: a dataset of image files and labels.

Keras returns a `tf.data.Dataset`; cornu returns a `cornu.utils.PyDataset`
that decodes (with Pillow) and resizes (with `cornu.ops.image.resize`)
one batch of images per `__getitem__`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common.optional_dependency import optional_dependency
from cornu.src.ops.image import resize as resize_lib
from cornu.src.utils import directory_dataset_utils as dir_utils

ALLOWLIST_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
_PIL_MODES = {1: "L", 3: "RGB", 4: "RGBA"}
_CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
# The interpolations of `cornu.ops.image.resize` (Keras also lists
# "area", "gaussian" and "mitchellcubic", which cornu's resize lacks).
_INTERPOLATIONS = ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5")

_pil_image = optional_dependency("PIL.Image", pip="pillow")


def _decode(path: str, num_channels: int) -> np.ndarray:
    """The image at `path` as uint8 `(height, width, num_channels)`; the
    first frame of an animated GIF."""
    with _pil_image.open(path) as image:
        image = image.convert(_PIL_MODES[num_channels])
        array = np.asarray(image, dtype="uint8")
    if array.ndim == 2:
        array = array[:, :, None]
    return array


def _image_loader(
    num_channels: int,
    image_size: tuple[int, int],
    interpolation: str,
    crop_to_aspect_ratio: bool,
    pad_to_aspect_ratio: bool,
    data_format: str,
) -> Any:
    def load(paths: list[str]) -> np.ndarray:
        images = []
        for path in paths:
            pixels = _decode(path, num_channels).astype("float32")
            resized = resize_lib.resize(
                pixels,
                image_size,
                interpolation=interpolation,
                crop_to_aspect_ratio=crop_to_aspect_ratio,
                pad_to_aspect_ratio=pad_to_aspect_ratio,
                data_format="channels_last",
            )
            images.append(ops.convert_to_numpy(resized))
        batch = np.stack(images).astype("float32")
        if data_format == "channels_first":
            batch = batch.transpose(0, 3, 1, 2)
        return batch

    return load


@cornu_export(
    [
        "cornu.utils.image_dataset_from_directory",
        "cornu.preprocessing.image_dataset_from_directory",
    ]
)
def image_dataset_from_directory(
    directory: str,
    labels: Any = "inferred",
    label_mode: str | None = "int",
    class_names: Any = None,
    color_mode: str = "rgb",
    batch_size: int | None = 32,
    image_size: Any = (256, 256),
    shuffle: bool = True,
    seed: int | None = None,
    validation_split: float | None = None,
    subset: str | None = None,
    interpolation: str = "bilinear",
    follow_links: bool = False,
    crop_to_aspect_ratio: bool = False,
    pad_to_aspect_ratio: bool = False,
    data_format: str | None = None,
    format: str = "tf",
    verbose: bool = True,
) -> Any:
    """Generates a dataset from the image files in a directory.

    With `labels="inferred"`, each sub-folder of `directory` is a class
    (sorted folder names, or the order of `class_names`). Supported
    formats: `.jpeg`, `.jpg`, `.png`, `.bmp`, `.gif` (the first frame of
    an animation). Decoding needs Pillow (`pip install pillow`).

    Keras returns a `tf.data.Dataset` (or a Grain dataset); cornu returns
    a `cornu.utils.PyDataset` with the same batches, labels and splits,
    usable by `fit()` on every backend. `format` is accepted for
    compatibility and ignored.

    Args:
        directory: Folder holding the data.
        labels: `"inferred"` (from the sub-folder names), `None` (no
            labels), or a list/tuple of int labels, one per image file in
            sorted path order.
        label_mode: `"int"`, `"categorical"`, `"binary"` or `None`, as in
            `text_dataset_from_directory`.
        class_names: With `labels="inferred"`, the classes to use.
        color_mode: `"grayscale"`, `"rgb"` or `"rgba"`: 1, 3 or 4
            channels.
        batch_size: Images per batch; `None` yields single images.
        image_size: `(height, width)` (or one int) every image is resized
            to.
        shuffle: Whether to shuffle the files (else sorted order).
        seed: Int seed for shuffling (needed with `validation_split`).
        validation_split: Fraction of the files kept for validation.
        subset: `"training"`, `"validation"` or `"both"` (a tuple of
            both); only with `validation_split`.
        interpolation: `"bilinear"`, `"nearest"`, `"bicubic"`,
            `"lanczos3"` or `"lanczos5"`.
        follow_links: Whether to follow symbolic links to folders.
        crop_to_aspect_ratio: Crop to the target aspect ratio before
            resizing, instead of distorting.
        pad_to_aspect_ratio: Pad to the target aspect ratio before
            resizing, instead of distorting.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.
        format: `"tf"` or `"grain"`, as in Keras; both give a `PyDataset`.
        verbose: Whether to print how many files and classes were found.

    Returns:
        A `PyDataset` (or a pair for `subset="both"`) yielding float32
        `images` of shape `(batch, height, width, channels)` (channels
        first with `"channels_first"`), or `(images, labels)`; it has
        `class_names` and `file_paths` attributes.

    Raises:
        ValueError: For bad arguments or when no image file is found.
    """
    dir_utils.check_labels_args(labels, label_mode, class_names)
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    if color_mode not in _CHANNELS:
        raise ValueError(
            '`color_mode` must be one of {"rgb", "rgba", "grayscale"}. '
            f"Received: color_mode={color_mode!r}"
        )
    if isinstance(image_size, int):
        image_size = (image_size, image_size)
    if (
        not isinstance(image_size, (list, tuple))
        or len(image_size) != 2
        or not all(isinstance(s, int) and s > 0 for s in image_size)
    ):
        raise ValueError(
            "Invalid `image_size` value. Expected a tuple of 2 positive "
            f"integers. Received: image_size={image_size!r}"
        )
    interpolation = str(interpolation).lower()
    if interpolation not in _INTERPOLATIONS:
        raise ValueError(
            f"Argument `interpolation` should be one of {_INTERPOLATIONS}. "
            f"Received: interpolation={interpolation!r}"
        )
    if format not in ("tf", "grain"):
        raise ValueError(
            '`format` should be either "tf" or "grain". Received: '
            f"format={format!r}"
        )
    if data_format is None:
        data_format = config.image_data_format()
    if data_format not in ("channels_last", "channels_first"):
        raise ValueError(
            '`data_format` must be "channels_last" or "channels_first". '
            f"Received: data_format={data_format!r}"
        )
    dir_utils.check_validation_split_arg(
        validation_split, subset, shuffle, seed
    )
    paths, labels, class_names = dir_utils.index_directory(
        directory,
        labels,
        formats=ALLOWLIST_FORMATS,
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
    load = _image_loader(
        _CHANNELS[color_mode],
        tuple(image_size),
        interpolation,
        crop_to_aspect_ratio,
        pad_to_aspect_ratio,
        data_format,
    )

    def make(which: str | None) -> Any:
        part_paths, part_labels = dir_utils.training_or_validation_split(
            paths, labels, validation_split, which
        )
        if not part_paths:
            kind = f"{which} " if which else ""
            raise ValueError(
                f"No {kind}images found in directory {directory}. "
                f"Allowed formats: {ALLOWLIST_FORMATS}"
            )
        return dir_utils.FileDataset(
            part_paths, part_labels, load, batch_size, class_names
        )

    if subset == "both":
        return make("training"), make("validation")
    return make(subset)
