import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import metrics
from cornu import ops
from cornu.src.backend.common import masking

RNG_SEED = 0


def _np(x):
    return ops.convert_to_numpy(x)


def _batches(value_shape, weight_shape, count=3):
    rng = np.random.default_rng(RNG_SEED)
    out = []
    for _ in range(count):
        values = rng.normal(size=value_shape).astype("float32")
        weights = (
            None
            if weight_shape is None
            else rng.uniform(size=weight_shape).astype("float32")
        )
        out.append((values, weights))
    return out


def _mean_reference(batches):
    total = count = 0.0
    for values, weights in batches:
        if weights is None:
            per_sample = values.reshape(values.shape[0], -1).mean(axis=1)
            total += per_sample.sum()
            count += values.shape[0]
        elif weights.ndim == values.ndim:
            total += (values * weights).sum() / np.prod(values.shape[1:])
            count += weights.sum() / np.prod(weights.shape[1:])
        else:
            per_sample = values.reshape(values.shape[0], -1).mean(axis=1)
            total += (per_sample * weights).sum()
            count += weights.sum()
    return total / count


def _sum_reference(batches):
    total = 0.0
    for values, weights in batches:
        if weights is None:
            total += values.sum()
        elif weights.ndim == values.ndim:
            total += (values * weights).sum()
        else:
            per_sample = values.reshape(values.shape[0], -1).sum(axis=1)
            total += (per_sample * weights).sum()
    return total


SHAPES = [
    ((6,), None),
    ((6,), (6,)),
    ((6, 4), None),
    ((6, 4), (6,)),
    ((6, 4), (6, 1)),
    ((6, 4), (6, 4)),
]


@pytest.mark.parametrize("value_shape, weight_shape", SHAPES, ids=str)
def test_mean_accumulates_weighted_mean(value_shape, weight_shape):
    batches = _batches(value_shape, weight_shape)
    m = metrics.Mean()
    for values, weights in batches:
        m.update_state(values, sample_weight=weights)
    if weight_shape == (6, 1):
        # A trailing axis of 1 is squeezed: the same as per-sample weights.
        batches = [(v, w[:, 0]) for v, w in batches]
    assert_allclose(_np(m.result()), _mean_reference(batches), rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0
    assert [float(v.numpy()) for v in m.variables] == [0.0, 0.0]


@pytest.mark.parametrize("value_shape, weight_shape", SHAPES, ids=str)
def test_sum_accumulates_weighted_sum(value_shape, weight_shape):
    batches = _batches(value_shape, weight_shape)
    m = metrics.Sum()
    for values, weights in batches:
        m.update_state(values, sample_weight=weights)
    if weight_shape == (6, 1):
        batches = [(v, w[:, 0]) for v, w in batches]
    assert_allclose(_np(m.result()), _sum_reference(batches), rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


def test_mean_scalar_fast_path_and_python_scalars():
    m = metrics.Mean()
    m.update_state(ops.convert_to_tensor(2.0), sample_weight=3)
    m.update_state(ops.convert_to_tensor(6.0), sample_weight=1.0)
    m.update_state(10.0)
    assert_allclose(_np(m.result()), (6.0 + 6.0 + 10.0) / 5.0, rtol=1e-6)
    assert [float(v.numpy()) for v in m.variables] == [22.0, 5.0]


def test_mean_of_empty_state_is_zero_and_dtype_follows_argument():
    m = metrics.Mean(dtype="float64")
    assert float(_np(m.result())) == 0.0
    m.update_state([1, 2])
    assert cornu.backend.standardize_dtype(m.result().dtype) == "float64"
    assert m.total.dtype == "float64"


def _abs_error(y_true, y_pred, scale=1.0):
    return ops.abs(ops.subtract(y_true, y_pred)) * scale


def test_mean_metric_wrapper_passes_kwargs_and_weights():
    rng = np.random.default_rng(1)
    m = metrics.MeanMetricWrapper(fn=_abs_error, scale=2.0)
    assert m.name == "mean_metric_wrapper"
    total = weight = 0.0
    for _ in range(3):
        y_true = rng.normal(size=(5, 3)).astype("float32")
        y_pred = rng.normal(size=(5, 3)).astype("float32")
        w = rng.uniform(size=(5,)).astype("float32")
        m.update_state(y_true, y_pred, sample_weight=w)
        total += (2.0 * np.abs(y_true - y_pred).mean(axis=1) * w).sum()
        weight += w.sum()
    assert_allclose(_np(m.result()), total / weight, rtol=1e-5)


@pytest.mark.parametrize("with_weights", [False, True])
def test_mean_metric_wrapper_applies_the_mask_of_y_pred(with_weights):
    y_true = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], "float32")
    y_pred = ops.convert_to_tensor(np.zeros((3, 2), "float32"))
    mask = ops.convert_to_tensor([True, False, True])
    masking.set_keras_mask(y_pred, mask)
    weights = np.array([0.5, 2.0, 1.0], "float32") if with_weights else None
    m = metrics.MeanMetricWrapper(fn=_abs_error)
    m.update_state(y_true, y_pred, sample_weight=weights)
    per_sample = np.abs(y_true).mean(axis=1)
    w = np.array([1.0, 0.0, 1.0]) * (1.0 if weights is None else weights)
    assert_allclose(_np(m.result()), (per_sample * w).sum() / w.sum())


def test_mean_metric_wrapper_config_round_trip():
    m = metrics.MeanMetricWrapper(
        fn=metrics.binary_accuracy, name="acc7", threshold=0.7
    )
    config = m.get_config()
    assert config["name"] == "acc7"
    assert config["threshold"] == 0.7
    clone = metrics.MeanMetricWrapper.from_config(config)
    y_true, y_pred = [[1.0], [0.0], [1.0]], [[0.8], [0.75], [0.65]]
    assert_allclose(_np(clone(y_true, y_pred)), 1.0 / 3.0, rtol=1e-6)
    assert clone._fn is metrics.binary_accuracy


def test_mean_metric_wrapper_rejects_a_non_callable():
    with pytest.raises(TypeError, match="Received: fn='mse'"):
        metrics.MeanMetricWrapper(fn="mse")


@pytest.mark.parametrize("cls", [metrics.Sum, metrics.Mean])
def test_stateless_trio_matches_stateful_path(cls):
    batches = _batches((4, 3), (4,))
    stateful, stateless = cls(), cls()
    state = stateless.stateless_reset_state()
    for values, weights in batches:
        stateful.update_state(values, sample_weight=weights)
        state = stateless.stateless_update_state(
            state, values, sample_weight=weights
        )
    assert_allclose(
        _np(stateless.stateless_result(state)),
        _np(stateful.result()),
        rtol=1e-6,
    )
    assert float(_np(stateless.result())) == 0.0


@pytest.mark.parametrize("cls", [metrics.Sum, metrics.Mean])
def test_config_round_trip(cls):
    m = cls(name="running", dtype="float64")
    clone = cls.from_config(m.get_config())
    assert (clone.name, clone.dtype) == ("running", "float64")


def test_mean_metric_wrapper_over_a_loss_is_minimized():
    m = metrics.MeanMetricWrapper(fn=cornu.losses.mean_squared_error)
    assert m._direction == "down"
    m = metrics.MeanMetricWrapper(fn=cornu.losses.MeanSquaredError())
    assert m._direction == "down"
    assert not hasattr(metrics.MeanMetricWrapper(fn=_abs_error), "_direction")
