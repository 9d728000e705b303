import io
import json
import struct

import ml_dtypes
import numpy as np
import pytest

from cornu.src.saving import safetensors_io


def _arrays():
    rng = np.random.default_rng(0)
    return [
        ("f32", rng.normal(size=(3, 4)).astype("float32")),
        ("f64", rng.normal(size=(2,)).astype("float64")),
        ("f16", rng.normal(size=(5,)).astype("float16")),
        ("bf16", rng.normal(size=(2, 2)).astype(ml_dtypes.bfloat16)),
        ("i8", np.arange(-3, 4, dtype="int8")),
        ("u8", np.arange(7, dtype="uint8")),
        ("i64", np.arange(3, dtype="int64")),
        ("bool", np.array([True, False, True])),
        ("scalar", np.array(2.5, dtype="float32")),
        ("empty", np.zeros((0, 3), dtype="float32")),
    ]


def _write(tmp_path, arrays, metadata=None):
    path = tmp_path / "t.safetensors"
    checked = [(k, safetensors_io.as_array(v, k)) for k, v in arrays]
    with open(path, "wb") as f:
        written = safetensors_io.write(f, checked, metadata)
    assert written == path.stat().st_size
    assert written == safetensors_io.serialized_size(checked, metadata)
    return path


def test_round_trip_keeps_values_dtypes_and_shapes(tmp_path):
    arrays = _arrays()
    path = _write(tmp_path, arrays, {"format": "cornu"})
    reader = safetensors_io.SafetensorsReader(str(path))
    assert sorted(reader.keys()) == sorted(k for k, _ in arrays)
    assert reader.metadata == {"format": "cornu"}
    for key, value in arrays:
        loaded = reader.get(key)
        assert loaded.dtype == value.dtype
        assert loaded.shape == value.shape
        np.testing.assert_array_equal(loaded, value)
        assert loaded.flags.writeable  # copy-on-write mapping
    reader.close()


def test_files_interoperate_with_the_safetensors_package(tmp_path):
    st = pytest.importorskip("safetensors.numpy")
    arrays = [(k, v) for k, v in _arrays() if k != "bf16"]
    path = _write(tmp_path, arrays)
    theirs = st.load_file(str(path))
    for key, value in arrays:
        np.testing.assert_array_equal(theirs[key], value)
    other = tmp_path / "theirs.safetensors"
    st.save_file(dict(arrays), str(other), metadata={"a": "b"})
    reader = safetensors_io.SafetensorsReader(str(other))
    assert reader.metadata == {"a": "b"}
    for key, value in arrays:
        np.testing.assert_array_equal(reader.get(key), value)


def test_reads_a_region_of_a_larger_file_and_a_buffer(tmp_path):
    arrays = _arrays()[:3]
    data = _write(tmp_path, arrays).read_bytes()
    wrapped = tmp_path / "wrapped.bin"
    wrapped.write_bytes(b"x" * 13 + data + b"y" * 5)
    reader = safetensors_io.SafetensorsReader(
        str(wrapped), offset=13, length=len(data)
    )
    buffered = safetensors_io.SafetensorsReader(buffer=bytearray(data))
    for key, value in arrays:
        np.testing.assert_array_equal(reader.get(key), value)
        np.testing.assert_array_equal(buffered.get(key), value)


def test_big_endian_arrays_are_written_little_endian(tmp_path):
    value = np.arange(4, dtype=">f4")
    path = _write(tmp_path, [("x", value)])
    loaded = safetensors_io.SafetensorsReader(str(path)).get("x")
    assert loaded.dtype == np.dtype("<f4")
    np.testing.assert_array_equal(loaded, value)


def test_unsupported_dtypes_are_refused():
    with pytest.raises(ValueError, match="no safetensors equivalent"):
        safetensors_io.as_array(np.array(["a"]), "names")


def _raw_file(tmp_path, header, data=b"", header_size=None):
    text = header if isinstance(header, bytes) else json.dumps(header).encode()
    size = len(text) if header_size is None else header_size
    path = tmp_path / "raw.safetensors"
    path.write_bytes(struct.pack("<Q", size) + text + data)
    return str(path)


def _spec(dtype="F32", shape=(2,), offsets=(0, 8)):
    return {"dtype": dtype, "shape": list(shape), "data_offsets": list(offsets)}


@pytest.mark.parametrize(
    "header, data, match",
    [
        ({"x": _spec(shape=(10**12,))}, b"\0" * 8, "1000000000000 elements"),
        ({"x": _spec(dtype="F99")}, b"\0" * 8, "unknown dtype"),
        ({"x": _spec(shape=(-1,))}, b"\0" * 8, "non-negative ints"),
        ({"x": _spec(offsets=(0, 80))}, b"\0" * 8, "outside"),
        ({"x": {"dtype": "F32"}}, b"", "exactly the keys"),
        ({"x": _spec(offsets=(4, 12))}, b"\0" * 12, "gap"),
        (
            {"x": _spec(), "y": _spec(offsets=(4, 12))},
            b"\0" * 12,
            "overlaps",
        ),
        ({"x": _spec()}, b"\0" * 12, "cover 8 bytes but 12"),
        ({"__metadata__": {"a": 1}}, b"", "strings to strings"),
        (b"[1, 2]", b"", "not a JSON object"),
        (b"{not json", b"", "not valid JSON"),
        (b"[" * 100000, b"", "not valid JSON"),
        (b'{"x": 1, "x": 2}', b"", "duplicate key"),
    ],
)
def test_bad_headers_are_refused_before_allocating(
    tmp_path, header, data, match
):
    path = _raw_file(tmp_path, header, data)
    with pytest.raises(ValueError, match=match):
        safetensors_io.SafetensorsReader(path, source="'raw'")


@pytest.mark.parametrize("header_size", [10**15, 200_000_000])
def test_oversized_header_lengths_are_refused(tmp_path, header_size):
    path = _raw_file(tmp_path, {}, header_size=header_size)
    with pytest.raises(ValueError, match="header declares"):
        safetensors_io.SafetensorsReader(path)


def test_short_and_truncated_data_are_refused(tmp_path):
    short = tmp_path / "short.safetensors"
    short.write_bytes(b"abc")
    with pytest.raises(ValueError, match="only 3 bytes"):
        safetensors_io.SafetensorsReader(str(short))
    path = _write(tmp_path, _arrays()[:1])
    with pytest.raises(ValueError, match="truncated"):
        safetensors_io.SafetensorsReader(
            str(path), length=path.stat().st_size + 10
        )
    data = path.read_bytes()
    path.write_bytes(data[:-4])
    with pytest.raises(
        ValueError, match=r"outside the 44 bytes of data \(a truncated"
    ):
        safetensors_io.SafetensorsReader(str(path))


def test_write_accepts_any_binary_file():
    buffer = io.BytesIO()
    safetensors_io.write(buffer, [("x", np.ones(2, "float32"))])
    reader = safetensors_io.SafetensorsReader(buffer=buffer.getvalue())
    np.testing.assert_array_equal(reader.get("x"), np.ones(2, "float32"))
