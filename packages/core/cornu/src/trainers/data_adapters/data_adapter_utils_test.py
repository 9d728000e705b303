import numpy as np
import pandas as pd
import pytest

import cornu
from cornu import ops
from cornu.src.trainers.data_adapters import data_adapter_utils as utils


def _rng():
    return np.random.default_rng(0)


# -- pack / unpack --


def test_unpack_fills_missing_parts_with_none():
    x, y, sw = np.ones(3), np.zeros(3), np.full(3, 2.0)
    assert cornu.utils.unpack_x_y_sample_weight(x) == (x, None, None)
    assert cornu.utils.unpack_x_y_sample_weight((x,)) == (x, None, None)
    assert cornu.utils.unpack_x_y_sample_weight([x, y]) == (x, y, None)
    assert cornu.utils.unpack_x_y_sample_weight((x, y, sw)) == (x, y, sw)


def test_unpack_rejects_four_items():
    with pytest.raises(ValueError, match=r"Received a tuple of 4 items"):
        cornu.utils.unpack_x_y_sample_weight((1, 2, 3, 4))


def test_pack_round_trips_with_unpack():
    x, y, sw = np.ones(3), np.zeros(3), np.full(3, 2.0)
    assert cornu.utils.pack_x_y_sample_weight(x) is x
    assert cornu.utils.pack_x_y_sample_weight([x, x]) == ([x, x],)
    assert cornu.utils.pack_x_y_sample_weight(x, y) == (x, y)
    assert cornu.utils.pack_x_y_sample_weight(x, y, sw) == (x, y, sw)
    packed = cornu.utils.pack_x_y_sample_weight([x, x], y)
    assert cornu.utils.unpack_x_y_sample_weight(packed) == ([x, x], y, None)


# -- cardinality --


def test_check_data_cardinality_returns_the_common_size():
    data = ({"a": np.ones((5, 2)), "b": np.ones(5)}, np.ones(5), None)
    assert utils.check_data_cardinality(data) == 5


def test_check_data_cardinality_lists_every_size():
    data = ([np.ones(5), np.ones(4)], np.ones(3))
    with pytest.raises(
        ValueError,
        match=r"(?s)Data cardinality is ambiguous.*'x' sizes: 5, 4\n"
        r"'y' sizes: 3",
    ):
        utils.check_data_cardinality(data)


@pytest.mark.parametrize(
    "data",
    [(np.ones((0, 3)), np.ones(0)), (None,)],
    ids=["zero_rows", "none"],
)
def test_check_data_cardinality_rejects_empty_data(data):
    with pytest.raises(ValueError, match=r"The data holds no samples"):
        utils.check_data_cardinality(data)


# -- conversion --


def test_convert_arrays_casts_floats_to_floatx_and_keeps_ints():
    out = utils.convert_arrays(
        {"f": np.ones(3, "float64"), "i": np.arange(3), "l": [1.5, 2.5]}
    )
    assert out["f"].dtype == np.float32
    assert out["i"].dtype == np.arange(3).dtype
    np.testing.assert_array_equal(out["l"], np.array([1.5, 2.5], "float32"))


def test_convert_arrays_reads_backend_tensors_and_pandas():
    x = ops.convert_to_tensor(np.arange(6.0).reshape(3, 2))
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0]})
    series = pd.Series([7, 8, 9])
    out = utils.convert_arrays([x, frame, series])
    np.testing.assert_array_equal(out[0], np.arange(6.0).reshape(3, 2))
    np.testing.assert_array_equal(out[1], frame.to_numpy())
    np.testing.assert_array_equal(out[2], [[7], [8], [9]])


def test_convert_arrays_rejects_scalars_and_non_arrays():
    with pytest.raises(ValueError, match=r"leading sample axis"):
        utils.convert_arrays(np.float32(3.0))
    with pytest.raises(ValueError, match=r"Received: 'abc' of type str"):
        utils.convert_arrays(["abc", np.ones(2)])


# -- class weights --


@pytest.mark.parametrize("shape", ["flat", "column", "one_hot"], ids=str)
def test_class_weight_to_sample_weights_matches_lookup(shape):
    labels = _rng().integers(0, 4, size=20)
    class_weight = {0: 0.5, 1: 2.0, 3: 4.0}  # class 2 missing -> 1.0
    y = {
        "flat": labels,
        "column": labels[:, None].astype("float32"),
        "one_hot": np.eye(4, dtype="float32")[labels],
    }[shape]
    expected = np.array([class_weight.get(c, 1.0) for c in labels])
    out = utils.class_weight_to_sample_weights(y, class_weight)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, expected, rtol=1e-6)


def test_class_weight_to_sample_weights_accepts_string_int_keys():
    out = utils.class_weight_to_sample_weights(np.array([0, 1]), {"1": 3.0})
    np.testing.assert_allclose(out, [1.0, 3.0])


def test_class_weight_to_sample_weights_reads_tensors():
    y = ops.convert_to_tensor(np.array([1, 0, 1]))
    out = utils.class_weight_to_sample_weights(y, {1: 2.0})
    np.testing.assert_allclose(out, [2.0, 1.0, 2.0])


def test_class_weight_errors():
    with pytest.raises(ValueError, match=r"must be a dict mapping class"):
        utils.class_weight_to_sample_weights(np.zeros(2), [1.0, 2.0])
    with pytest.raises(ValueError, match=r"Received the item 'cat': 1.0"):
        utils.class_weight_to_sample_weights(np.zeros(2), {"cat": 1.0})


# -- batches from Python sources --


def test_standardize_batch_forms():
    x = np.ones(2)
    assert utils.standardize_batch(x, "src") == (x,)
    assert utils.standardize_batch({"a": x}, "src") == ({"a": x},)
    assert utils.standardize_batch([x, x], "src") == (x, x)
    with pytest.raises(ValueError, match=r"src must give batches.*'abc'"):
        utils.standardize_batch("abc", "src")
    with pytest.raises(ValueError, match=r"Received a tuple of 4 items"):
        utils.standardize_batch((x, x, x, x), "src")


def test_add_class_weights():
    x, y = np.ones(3), np.array([0, 1, 1])
    out = utils.add_class_weights((x, y), {1: 3.0}, "src")
    np.testing.assert_allclose(out[2], [1.0, 3.0, 3.0])
    assert utils.add_class_weights((x,), {1: 3.0}, "src") == (x,)
    with pytest.raises(ValueError, match=r"src gave a batch with sample"):
        utils.add_class_weights((x, y, y), {1: 3.0}, "src")
    with pytest.raises(ValueError, match=r"single output.*2 outputs"):
        utils.add_class_weights((x, [y, y]), {1: 3.0}, "src")


# -- validation split --


def test_train_validation_split_takes_the_last_fraction():
    x = np.arange(20, dtype="float32").reshape(10, 2)
    y = {"out": np.arange(10)}
    (x_t, y_t, sw_t), (x_v, y_v, sw_v) = utils.train_validation_split(
        (x, y, None), validation_split=0.3
    )
    np.testing.assert_array_equal(x_t, x[:7])
    np.testing.assert_array_equal(x_v, x[7:])
    np.testing.assert_array_equal(y_t["out"], np.arange(7))
    np.testing.assert_array_equal(y_v["out"], np.arange(7, 10))
    assert sw_t is None and sw_v is None


def test_train_validation_split_keeps_list_inputs_apart():
    # A tuple `(x, y, sample_weight)` of number lists: three arrays.
    (x_t, y_t, sw_t), (x_v, y_v, sw_v) = utils.train_validation_split(
        ([1, 2, 3, 4], [0, 1, 0, 1], [1.0, 1.0, 2.0, 2.0]), 0.25
    )
    assert x_t.tolist() == [1, 2, 3] and x_v.tolist() == [4]
    assert y_v.tolist() == [1] and sw_v.tolist() == [2.0]


def test_train_validation_split_of_pandas_and_tensors():
    frame = pd.DataFrame({"a": np.arange(4.0)})
    y = ops.convert_to_tensor(np.arange(4))
    (x_t, y_t), (x_v, y_v) = utils.train_validation_split((frame, y), 0.5)
    np.testing.assert_array_equal(x_t, [[0.0], [1.0]])
    np.testing.assert_array_equal(y_v, [2, 3])


def test_train_validation_split_of_nothing_returns_it():
    assert utils.train_validation_split((None, None), 0.5) == (
        (None, None),
        (None, None),
    )


def test_train_validation_split_errors():
    with pytest.raises(
        ValueError, match=r"only supported for tensors.*list_iterator"
    ):
        utils.train_validation_split((iter([1]), None), 0.2)
    with pytest.raises(ValueError, match=r"contains 3 samples, which is not"):
        utils.train_validation_split((np.ones(3), np.ones(3)), 0.9)
    with pytest.raises(ValueError, match=r"validation_split=1.5"):
        utils.train_validation_split((np.ones(3),), 1.5)
