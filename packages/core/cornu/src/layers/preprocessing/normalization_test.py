"""Normalization: statistics from `adapt` (arrays, tensors, generators,
PyDatasets, lists of batches) against NumPy, given statistics, `axis`,
`invert`, saving and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def _data(shape=(64, 3, 4)):
    return (
        np.random.default_rng(0).normal(2.0, 3.0, size=shape).astype("float32")
    )


def test_normalization_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.Normalization,
        init_kwargs={"mean": [1.0, 2.0, 3.0], "variance": [1.0, 4.0, 9.0]},
        input_shape=(2, 3),
        expected_output_shape=(2, 3),
        expected_num_trainable_weights=0,
        expected_num_non_trainable_weights=0,
        run_training_check=False,
    )


@pytest.mark.parametrize("axis", [-1, 1, (1, 2), None, (-2,)], ids=str)
def test_normalization_adapt_matches_numpy(axis):
    x = _data()
    layer = cornu.layers.Normalization(axis=axis)
    layer.adapt(x)
    kept = (
        () if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    )
    kept = tuple(a % 3 for a in kept)
    reduce = tuple(d for d in range(3) if d not in kept)
    mean = x.astype("float64").mean(axis=reduce, keepdims=True)
    std = x.astype("float64").std(axis=reduce, keepdims=True)
    np.testing.assert_allclose(
        _np(layer(x)), (x - mean) / std, rtol=1e-5, atol=1e-5
    )
    np.testing.assert_allclose(
        _np(layer.adapt_mean), np.squeeze(mean, reduce), rtol=1e-6
    )


def _batches(x):
    for i in range(0, len(x), 10):
        yield x[i : i + 10], np.zeros(len(x[i : i + 10]))


class _Batches(cornu.utils.PyDataset):
    def __init__(self, x):
        super().__init__()
        self.x = x

    def __len__(self):
        return 7

    def __getitem__(self, i):
        return self.x[i * 10 : (i + 1) * 10]


@pytest.mark.parametrize(
    "make",
    [
        lambda x: x,
        lambda x: ops.convert_to_tensor(x),
        lambda x: _batches(x),
        lambda x: [x[:30], x[30:]],
        lambda x: _Batches(x),
    ],
    ids=["array", "tensor", "generator", "list_of_batches", "py_dataset"],
)
def test_normalization_adapt_on_every_kind_of_data(make):
    # Batched statistics combine exactly (here uneven batch sizes too).
    x = _data((64, 4))
    layer = cornu.layers.Normalization()
    layer.adapt(make(x))
    np.testing.assert_allclose(_np(layer.adapt_mean), x.mean(0), rtol=1e-5)
    np.testing.assert_allclose(
        _np(layer.adapt_variance), x.astype("float64").var(0), rtol=1e-5
    )


def test_normalization_given_statistics_and_invert():
    x = _data((5, 3))
    mean, variance = np.array([1.0, -2.0, 0.5]), np.array([4.0, 1.0, 0.25])
    layer = cornu.layers.Normalization(mean=mean, variance=variance)
    y = _np(layer(x))
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(variance), rtol=1e-5)
    inverse = cornu.layers.Normalization(
        mean=mean, variance=variance, invert=True
    )
    np.testing.assert_allclose(_np(inverse(y)), x, rtol=1e-5, atol=1e-5)
    scalar = cornu.layers.Normalization(mean=2.0, variance=4.0)
    assert _np(scalar(np.array([[1.0, 2.0]]))).tolist() == [[-0.5, 0.0]]


def test_normalization_broadcasts_lower_rank_statistics():
    # mean of shape (4,) against kept axes (1, 2) of (batch, 3, 4).
    layer = cornu.layers.Normalization(
        axis=(1, 2), mean=[0.0, 1.0, 2.0, 3.0], variance=[1.0, 1.0, 1.0, 4.0]
    )
    x = np.ones((2, 3, 4), "float32")
    expected = (x - np.array([0.0, 1.0, 2.0, 3.0])) / np.array([1, 1, 1, 2])
    np.testing.assert_allclose(_np(layer(x)), expected, rtol=1e-6)


def test_normalization_constant_feature_uses_epsilon():
    layer = cornu.layers.Normalization()
    layer.adapt(np.array([[1.0, 5.0], [3.0, 5.0]]))
    y = _np(layer(np.array([[2.0, 5.0]])))
    assert y.tolist() == [[0.0, 0.0]]


def test_normalization_weights_config_and_save(tmp_path):
    x = _data((32, 3))
    layer = cornu.layers.Normalization()
    layer.adapt(x)
    assert [w.path for w in layer.weights] == [
        f"{layer.name}/mean",
        f"{layer.name}/variance",
        f"{layer.name}/count",
    ]
    config = layer.get_config()
    assert config["axis"] == (-1,) and config["mean"] is None
    model = cornu.Sequential([cornu.Input((3,)), layer])
    for name in ("m.cornu", "m.keras"):
        model.save(tmp_path / name)
        loaded = cornu.saving.load_model(tmp_path / name)
        np.testing.assert_allclose(_np(loaded(x)), _np(model(x)), rtol=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"mean": 1.0}, "both `mean` and `variance`"),
        ({"mean": [1.0, 2.0], "variance": [1.0]}, "same shape"),
        ({"axis": -1, "mean": [[1.0]], "variance": [[1.0]]}, "rank of `mean`"),
    ],
)
def test_normalization_rejects_bad_statistics(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Normalization(**kwargs)


def test_normalization_rejects_bad_axis_and_data():
    with pytest.raises(ValueError, match="axis"):
        cornu.layers.Normalization(axis=3).build((2, 3))
    with pytest.raises(ValueError, match="unknown axis at index 1"):
        cornu.layers.Normalization().build((2, None))
    with pytest.raises(ValueError, match="empty iterable"):
        cornu.layers.Normalization().adapt(iter([]))
    layer = cornu.layers.Normalization()
    layer.adapt(np.ones((4, 3)))
    with pytest.raises(ValueError, match="built with input_shape"):
        layer.adapt(np.ones((4, 2)))
    with pytest.raises(ValueError, match="batch of shape"):
        cornu.layers.Normalization().adapt([np.ones((4, 3)), np.ones((4, 2))])
    with pytest.raises(ValueError, match="no statistics"):
        cornu.layers.Normalization().call(np.ones((1, 3)))
