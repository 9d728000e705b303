"""Keras 3's h5 weights layout: round trips, lazy mapping, and hostile
h5 files refused before anything is read from outside them."""

import json
import os
import zipfile

import h5py
import ml_dtypes
import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.saving import archive_io
from cornu.src.saving import h5_io


def _model():
    model = cornu.Sequential(
        [
            cornu.Input((4,)),
            layers.Dense(3, activation="relu"),
            layers.BatchNormalization(),
            layers.Dense(2),
        ]
    )
    rng = np.random.default_rng(0)
    model.set_weights(
        [rng.uniform(0.5, 1.5, w.shape).astype(w.dtype) for w in model.weights]
    )
    return model


def _x():
    return np.random.default_rng(1).normal(size=(5, 4)).astype("float32")


def _predict(model):
    return cornu.ops.convert_to_numpy(model(_x()))


def test_write_and_read_round_trip_in_keras_layout(tmp_path):
    rng = np.random.default_rng(0)
    arrays = [
        ("layers/dense/vars/0", rng.normal(size=(4, 3)).astype("float32")),
        ("layers/dense/vars/1", np.arange(3, dtype="float64")),
        ("optimizer/vars/0", np.array(7, "int64")),
        ("vars/0", np.array([True, False])),
        ("layers/b/vars/0", np.ones((2, 2), ml_dtypes.bfloat16)),
        ("layers/e/vars/0", np.zeros((0, 3), "float32")),
    ]
    names = {"": "model", "layers/dense": "dense", "layers/empty": "empty"}
    path = tmp_path / "w.h5"
    h5_io.write(str(path), arrays, names)
    with h5py.File(path) as f:
        # Keras's layout: <path>/vars/<i>, names as `vars` attributes,
        # bfloat16 as 2-byte opaque values tagged with a dtype attribute.
        assert f["layers/dense/vars"].attrs["name"] == "dense"
        assert f["vars"].attrs["name"] == "model"
        assert len(f["layers/empty/vars"]) == 0
        assert f["layers/b/vars/0"].attrs["dtype"] == "bfloat16"
    reader = h5_io.H5Reader(str(path))
    try:
        assert sorted(reader.keys()) == sorted(k for k, _ in arrays)
        assert reader.names == names
        for key, expected in arrays:
            value = reader.get(key)
            assert value.dtype == expected.dtype and key in reader
            np.testing.assert_array_equal(value, expected)
    finally:
        reader.close()


def test_uncompressed_data_is_memory_mapped_even_inside_a_zip(tmp_path):
    model = _model()
    path = tmp_path / "m.keras"
    model.save(path)
    archive = archive_io.open_archive(str(path))
    reader = archive.weights_reader()
    try:
        kernel = reader.get("layers/dense/vars/0")
        # Backed by a copy-on-write map of the .keras file, not a read.
        assert isinstance(kernel.base, np.memmap) or isinstance(
            getattr(kernel.base, "base", None), np.memmap
        )
        np.testing.assert_array_equal(
            kernel, cornu.ops.convert_to_numpy(model.layers[0].kernel)
        )
        kernel[...] = 0  # writable, and the file is untouched
    finally:
        reader.close()
        archive.close()
    np.testing.assert_array_equal(
        _predict(cornu.saving.load_model(path)), _predict(model)
    )


def test_compressed_and_big_endian_datasets_are_read(tmp_path):
    path = tmp_path / "w.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset(
            "layers/d/vars/0",
            data=np.arange(12, dtype="float32").reshape(3, 4),
            compression="gzip",
            shuffle=True,
        )
        f.create_dataset("layers/d/vars/1", data=np.arange(4, dtype=">f4"))
    reader = h5_io.H5Reader(str(path))
    np.testing.assert_array_equal(
        reader.get("layers/d/vars/0"), np.arange(12).reshape(3, 4)
    )
    value = reader.get("layers/d/vars/1")
    assert value.dtype == np.dtype("float32") and value.dtype.isnative
    np.testing.assert_array_equal(value, np.arange(4))
    reader.close()


@pytest.mark.parametrize("name", ["m.keras", "m.weights.h5"])
def test_keras_layout_files_round_trip(tmp_path, name):
    model = _model()
    model.compile(optimizer="adam", loss="mse")
    path = tmp_path / name
    if name.endswith(".keras"):
        model.save(path)
        loaded = cornu.saving.load_model(path)
        assert loaded.optimizer is not None
    else:
        model.save_weights(path)
        loaded = _model()
        loaded.set_weights([np.zeros(w.shape) for w in loaded.weights])
        loaded.load_weights(path)
    np.testing.assert_array_equal(_predict(loaded), _predict(model))


def test_keras_archive_metadata_and_modules(tmp_path):
    path = tmp_path / "m.keras"
    _model().save(path)
    with zipfile.ZipFile(path) as z:
        metadata = json.loads(z.read("metadata.json"))
        text = z.read("config.json").decode()
    assert metadata["keras_version"].startswith("3.")
    assert '"module": "cornu' not in text
    assert '"module": "keras.layers"' in text


# ------------------------------------------------------------ hostile h5


def _hostile(tmp_path, build):
    path = tmp_path / "bad.weights.h5"
    with h5py.File(path, "w") as f:
        f.create_dataset("layers/dense/vars/0", data=np.ones((4, 3), "f4"))
        build(f, tmp_path)
    return path


def _external_link(f, tmp_path):
    secret = tmp_path / "secret.h5"
    with h5py.File(secret, "w") as s:
        s.create_dataset("data", data=np.arange(3.0))
    f["layers/dense/vars/1"] = h5py.ExternalLink(str(secret), "data")


def _soft_link(f, tmp_path):
    f["layers/dense/vars/1"] = h5py.SoftLink("/layers/dense/vars/0")


def _external_storage(f, tmp_path):
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.arange(3.0).tobytes())
    f.create_dataset(
        "layers/dense/vars/1",
        shape=(3,),
        dtype="f8",
        external=[(str(secret), 0, h5py.h5f.UNLIMITED)],
    )


def _virtual(f, tmp_path):
    layout = h5py.VirtualLayout(shape=(4, 3), dtype="f4")
    layout[...] = h5py.VirtualSource(
        str(tmp_path / "elsewhere.h5"), "data", shape=(4, 3)
    )
    f["layers/dense"].create_virtual_dataset("vars/1", layout)


def _huge_unwritten(f, tmp_path):
    # 10**12 float32 elements declared, nothing stored: the fill value
    # would be materialized on read.
    f.create_dataset(
        "layers/dense/vars/1", shape=(10**6, 10**6), dtype="f4", chunks=True
    )


def _bomb(f, tmp_path):
    # One chunk of zeros stored compressed; 2 GB declared.
    dataset = f.create_dataset(
        "layers/dense/vars/1",
        shape=(2 * 10**9,),
        dtype="u1",
        chunks=(10**6,),
        compression="gzip",
    )
    dataset[: 10**6] = 0


def _unknown_filter(f, tmp_path):
    f.create_dataset(
        "layers/dense/vars/1",
        data=np.ones(8, "f4"),
        chunks=(8,),
        compression=32001,  # blosc: not built in, HDF5 would load a plugin
        allow_unknown_filter=True,
    )


def _strings(f, tmp_path):
    f.create_dataset("layers/dense/vars/1", data=np.array([b"rm -rf /"]))


@pytest.mark.parametrize(
    "build, match",
    [
        (_external_link, "ExternalLink, which could point outside"),
        (_soft_link, "SoftLink, which could point outside"),
        (_external_storage, "keeps its data in an external file"),
        (_virtual, "is a virtual dataset"),
        (_huge_unwritten, "data is not in the file"),
        (_bomb, "decompression bomb"),
        (_unknown_filter, "only the built-in filters"),
        (_strings, "weights are numbers or booleans"),
    ],
)
def test_hostile_h5_files_are_refused(tmp_path, build, match):
    path = _hostile(tmp_path, build)
    model = cornu.Sequential([cornu.Input((4,)), layers.Dense(3)])
    before = [w.copy() for w in model.get_weights()]
    with pytest.raises(ValueError, match=match):
        model.load_weights(path)
    for a, b in zip(model.get_weights(), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_truncated_and_non_h5_files_are_refused(tmp_path):
    path = tmp_path / "m.weights.h5"
    _model().save_weights(path)
    data = path.read_bytes()
    model = _model()
    for bad in (data[: len(data) // 2], b"not an h5 file at all"):
        path.write_bytes(bad)
        with pytest.raises(ValueError, match="Cannot load the h5 weights"):
            model.load_weights(path)


def test_region_longer_than_the_file_is_refused(tmp_path):
    path = tmp_path / "w.h5"
    h5_io.write(str(path), [("vars/0", np.ones(3))])
    size = os.path.getsize(path)
    with pytest.raises(ValueError, match="truncated file"):
        h5_io.H5Reader(str(path), offset=0, length=size + 1)
