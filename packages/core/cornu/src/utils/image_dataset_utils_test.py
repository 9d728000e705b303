import io

import numpy as np
import pytest

import cornu
from cornu.src.trainers.data_adapters import get_data_adapter
from cornu.src.utils import image_dataset_utils


def _fake_decode(path, num_channels):
    """Test images are stored as .npy bytes under image file names; the
    real decoder (Pillow) is tested separately when Pillow is installed."""
    with open(path, "rb") as f:
        pixels = np.load(io.BytesIO(f.read()))
    if num_channels == 1:
        return pixels[:, :, :1]
    if num_channels == 4:
        alpha = np.full(pixels.shape[:2] + (1,), 255, "uint8")
        return np.concatenate([pixels, alpha], axis=-1)
    return pixels


@pytest.fixture
def fake_decode(monkeypatch):
    monkeypatch.setattr(image_dataset_utils, "_decode", _fake_decode)


def _write(path, value, shape=(4, 4)):
    pixels = np.full(shape + (3,), value, dtype="uint8")
    buffer = io.BytesIO()
    np.save(buffer, pixels)
    path.write_bytes(buffer.getvalue())


def _make_tree(root, counts, shape=(4, 4)):
    """Class `k` images hold the value 10 * k + i."""
    for k, (cls, n) in enumerate(counts.items()):
        (root / cls).mkdir()
        for i in range(n):
            _write(root / cls / f"img{i}.png", 10 * k + i, shape)
        (root / cls / "notes.txt").write_text("skipped")
    return str(root)


def test_batches_labels_and_resizing(tmp_path, fake_decode):
    root = _make_tree(tmp_path, {"cat": 3, "dog": 2}, shape=(6, 8))
    ds = cornu.utils.image_dataset_from_directory(
        root, image_size=(3, 4), batch_size=2, shuffle=False, verbose=False
    )
    assert isinstance(ds, cornu.utils.PyDataset)
    assert ds.class_names == ["cat", "dog"] and len(ds) == 3
    assert len(ds.file_paths) == 5
    images, labels = ds[0]
    assert images.shape == (2, 3, 4, 3) and images.dtype == np.float32
    # Constant images stay constant under any interpolation.
    np.testing.assert_allclose(images[1], np.full((3, 4, 3), 1.0))
    assert labels.tolist() == [0, 0]
    _, last_labels = ds[2]
    assert last_labels.tolist() == [1]


@pytest.mark.parametrize(
    "color_mode, channels", [("grayscale", 1), ("rgb", 3), ("rgba", 4)]
)
def test_color_modes_and_channels_first(
    tmp_path, fake_decode, color_mode, channels
):
    root = _make_tree(tmp_path, {"a": 1, "b": 1})
    ds = cornu.utils.image_dataset_from_directory(
        root,
        color_mode=color_mode,
        image_size=5,
        label_mode="categorical",
        data_format="channels_first",
        shuffle=False,
        verbose=False,
    )
    images, labels = ds[0]
    assert images.shape == (2, channels, 5, 5)
    np.testing.assert_array_equal(labels, np.eye(2, dtype="float32"))


def test_crop_and_pad_keep_the_aspect_ratio(tmp_path, fake_decode):
    # A 2x4 image: left half 0, right half 100.
    (tmp_path / "a").mkdir()
    pixels = np.zeros((2, 4, 3), "uint8")
    pixels[:, 2:] = 100
    buffer = io.BytesIO()
    np.save(buffer, pixels)
    (tmp_path / "a" / "x.png").write_bytes(buffer.getvalue())
    kwargs = dict(
        image_size=(2, 2),
        interpolation="nearest",
        labels=None,
        shuffle=False,
        verbose=False,
    )
    cropped = cornu.utils.image_dataset_from_directory(
        str(tmp_path), crop_to_aspect_ratio=True, **kwargs
    )[0]
    # The centred 2x2 window: columns 1 and 2.
    assert cropped[0, :, :, 0].tolist() == [[0.0, 100.0], [0.0, 100.0]]
    padded = cornu.utils.image_dataset_from_directory(
        str(tmp_path), pad_to_aspect_ratio=True, **kwargs
    )[0]
    # The flag reaches cornu.ops.image.resize (padding to 4x4 first).
    expected = cornu.ops.image.resize(
        pixels.astype("float32"),
        (2, 2),
        interpolation="nearest",
        pad_to_aspect_ratio=True,
        data_format="channels_last",
    )
    np.testing.assert_array_equal(
        padded[0], cornu.ops.convert_to_numpy(expected)
    )
    assert padded[0, :, :, 0].tolist() != cropped[0, :, :, 0].tolist()


def test_split_and_fit_pipeline(tmp_path, fake_decode):
    root = _make_tree(tmp_path, {"a": 5, "b": 5})
    train, val = cornu.utils.image_dataset_from_directory(
        root,
        image_size=(2, 2),
        batch_size=4,
        validation_split=0.3,
        subset="both",
        seed=3,
        verbose=False,
    )
    assert len(train.file_paths) == 7 and len(val.file_paths) == 3
    assert set(train.file_paths).isdisjoint(val.file_paths)
    adapter = get_data_adapter(train)
    assert [len(b[0]) for b in adapter.get_numpy_iterator()] == [4, 3]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"color_mode": "cmyk"}, r"color_mode='cmyk'"),
        ({"image_size": (2, 2, 2)}, r"Invalid `image_size`"),
        ({"interpolation": "area"}, r"interpolation='area'"),
        ({"format": "torch"}, r"format='torch'"),
        ({"data_format": "nhwc"}, r"data_format='nhwc'"),
        ({"label_mode": "binary", "class_names": ["a"]}, r"exactly 2"),
        ({"labels": "folders"}, r"`labels` argument should be"),
    ],
    ids=[
        "color",
        "size",
        "interpolation",
        "format",
        "data_format",
        "binary",
        "labels",
    ],
)
def test_errors(tmp_path, kwargs, match):
    root = _make_tree(tmp_path, {"a": 1, "b": 1})
    with pytest.raises(ValueError, match=match):
        cornu.utils.image_dataset_from_directory(root, verbose=False, **kwargs)


def test_no_images(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("no image")
    with pytest.raises(ValueError, match=r"No images found in directory"):
        cornu.utils.image_dataset_from_directory(str(tmp_path), verbose=False)


def test_real_decoding_with_pillow(tmp_path):
    pil_image = pytest.importorskip(
        "PIL.Image", reason="decoding image files needs Pillow"
    )
    (tmp_path / "a").mkdir()
    pixels = np.random.default_rng(0).integers(0, 255, (5, 7, 3), "uint8")
    pil_image.fromarray(pixels).save(tmp_path / "a" / "x.png")
    images = cornu.utils.image_dataset_from_directory(
        str(tmp_path), labels=None, image_size=(5, 7), verbose=False
    )[0]
    np.testing.assert_allclose(images[0], pixels.astype("float32"))
