import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.stats import pearsonr

from cornu import metrics
from cornu import ops


def _np(x):
    return ops.convert_to_numpy(x)


def _ccc(t, p):
    covariance = ((t - t.mean()) * (p - p.mean())).mean()
    return 2 * covariance / (t.var() + p.var() + (t.mean() - p.mean()) ** 2)


def _data(seed):
    rng = np.random.default_rng(seed)
    y_true = rng.normal(size=(6, 10)).astype("float32")
    y_pred = (0.8 * y_true + 0.3 + 0.6 * rng.normal(size=(6, 10))).astype(
        "float32"
    )
    return y_true, y_pred, rng.uniform(size=6).astype("float32")


def _pearson(t, p):
    return pearsonr(t, p).statistic


@pytest.mark.parametrize(
    "cls, fn, reference",
    [
        (metrics.PearsonCorrelation, metrics.pearson_correlation, _pearson),
        (
            metrics.ConcordanceCorrelation,
            metrics.concordance_correlation,
            _ccc,
        ),
    ],
    ids=["pearson", "concordance"],
)
def test_correlation_metrics_match_references(cls, fn, reference):
    m = cls()
    values, weights = [], []
    for seed in range(3):
        y_true, y_pred, w = _data(seed)
        m.update_state(y_true, y_pred, sample_weight=w)
        per_row = np.array(
            [reference(t, p) for t, p in zip(y_true, y_pred, strict=True)]
        )
        # epsilon() is added to the standard deviations / denominator.
        assert_allclose(_np(fn(y_true, y_pred)), per_row, rtol=1e-5)
        values.append(per_row)
        weights.append(w)
    values, weights = np.concatenate(values), np.concatenate(weights)
    expected = (values * weights).sum() / weights.sum()
    assert_allclose(float(_np(m.result())), expected, rtol=1e-5)
    m.reset_state()
    assert float(_np(m.result())) == 0.0


@pytest.mark.parametrize(
    "fn, reference",
    [
        (metrics.pearson_correlation, _pearson),
        (metrics.concordance_correlation, _ccc),
    ],
    ids=["pearson", "concordance"],
)
def test_correlation_functions_along_axis_zero(fn, reference):
    y_true, y_pred, _ = _data(7)
    per_column = [reference(y_true[:, i], y_pred[:, i]) for i in range(10)]
    # One column correlates at ~0.002: float32 sums leave ~3e-8 absolute.
    result = _np(fn(y_true, y_pred, axis=0))
    assert_allclose(result, per_column, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "cls, name",
    [
        (metrics.PearsonCorrelation, "pearson_correlation"),
        (metrics.ConcordanceCorrelation, "concordance_correlation"),
    ],
)
def test_config_round_trip_and_defaults(cls, name):
    default = cls()
    assert default.name == name
    assert default._direction == "up"
    m = cls(name="corr", axis=0)
    config = m.get_config()
    assert config == {"name": "corr", "dtype": m.dtype, "axis": 0}
    assert cls.from_config(config).get_config() == config
