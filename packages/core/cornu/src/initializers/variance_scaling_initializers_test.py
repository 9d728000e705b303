import math

import numpy as np
import pytest

import cornu
from cornu import initializers
from cornu.src.initializers import variance_scaling_initializers as vs


def _np(x):
    return cornu.ops.convert_to_numpy(x).astype("float64")


@pytest.mark.parametrize(
    "shape, fans",
    [
        ((), (1, 1)),
        ((7,), (7, 7)),
        ((3, 5), (3, 5)),
        ((3, 4, 5), (12, 15)),
        ((3, 3, 4, 8), (36, 72)),
        ((2, 2, 2, 3, 5), (24, 40)),
    ],
    ids=str,
)
def test_compute_fans(shape, fans):
    assert vs.compute_fans(shape) == fans


# (3, 3, 64, 64) has 36,864 samples; tolerances are 5 standard errors.
SHAPE = (3, 3, 64, 64)
N = 3 * 3 * 64 * 64
FAN_IN, FAN_OUT = 3 * 3 * 64, 3 * 3 * 64


def _expected_std(scale, mode):
    fan = {
        "fan_in": FAN_IN,
        "fan_out": FAN_OUT,
        "fan_avg": (FAN_IN + FAN_OUT) / 2,
    }[mode]
    return math.sqrt(scale / fan)


def _check_std(x, std):
    assert abs(x.mean()) < 5 * std / math.sqrt(N)
    assert abs(x.std() - std) < 5 * std / math.sqrt(2 * N)


@pytest.mark.parametrize("mode", ["fan_in", "fan_out", "fan_avg"])
@pytest.mark.parametrize(
    "distribution", ["truncated_normal", "untruncated_normal", "uniform"]
)
def test_variance_scaling_std(mode, distribution):
    init = initializers.VarianceScaling(2.0, mode, distribution, seed=1)
    x = _np(init(SHAPE))
    std = _expected_std(2.0, mode)
    _check_std(x, std)
    if distribution == "uniform":
        assert np.abs(x).max() <= math.sqrt(3) * std * (1 + 1e-6)
    if distribution == "truncated_normal":
        assert np.abs(x).max() <= 2 * std / 0.87962566103423978 * 1.000001


def test_variance_scaling_uses_fans_of_rectangular_kernels():
    x = _np(
        initializers.VarianceScaling(1.0, "fan_out", "uniform", 0)((1000, 10))
    )
    limit = math.sqrt(3.0 / 10)
    assert np.abs(x).max() <= limit and np.abs(x).max() > 0.9 * limit


@pytest.mark.parametrize(
    "cls, scale, mode, distribution",
    [
        (initializers.GlorotUniform, 1.0, "fan_avg", "uniform"),
        (initializers.GlorotNormal, 1.0, "fan_avg", "truncated_normal"),
        (initializers.HeUniform, 2.0, "fan_in", "uniform"),
        (initializers.HeNormal, 2.0, "fan_in", "truncated_normal"),
        (initializers.LecunUniform, 1.0, "fan_in", "uniform"),
        (initializers.LecunNormal, 1.0, "fan_in", "truncated_normal"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_presets(cls, scale, mode, distribution):
    init = cls(seed=3)
    assert (init.scale, init.mode, init.distribution) == (
        scale,
        mode,
        distribution,
    )
    assert isinstance(init, initializers.VarianceScaling)
    assert init.get_config() == {
        "seed": 3,
        "input_axes": None,
        "output_axes": None,
    }
    _check_std(_np(init(SHAPE)), _expected_std(scale, mode))
    np.testing.assert_array_equal(
        _np(init((4, 4))), _np(cls.from_config(init.get_config())((4, 4)))
    )


def test_normal_means_truncated_normal_and_case_is_ignored():
    assert (
        initializers.VarianceScaling(distribution="Normal").distribution
        == "truncated_normal"
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"scale": 0.0}, "Received: scale=0.0"),
        ({"scale": -1}, "positive"),
        ({"mode": "fan"}, "Received: mode='fan'"),
        ({"distribution": "cauchy"}, "Received: distribution='cauchy'"),
    ],
    ids=["zero", "negative", "mode", "distribution"],
)
def test_variance_scaling_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        initializers.VarianceScaling(**kwargs)


def test_variance_scaling_config_roundtrip():
    init = initializers.VarianceScaling(0.5, "fan_out", "uniform", seed=2)
    config = init.get_config()
    assert config == {
        "seed": 2,
        "scale": 0.5,
        "mode": "fan_out",
        "distribution": "uniform",
        "input_axes": None,
        "output_axes": None,
    }
    np.testing.assert_array_equal(
        _np(init((3, 3))),
        _np(initializers.VarianceScaling.from_config(config)((3, 3))),
    )


def test_compute_fans_with_axes():
    assert vs.compute_fans((2, 3, 5), input_axes=[0, 1], output_axes=[2]) == (
        6,
        5,
    )
    # Axes are used only when both are given (as in Keras).
    assert vs.compute_fans((2, 3, 5), input_axes=[0]) == (6, 10)


def test_fan_axes_change_the_scale_and_round_trip():
    init = cornu.initializers.VarianceScaling(
        scale=2.0,
        mode="fan_in",
        distribution="uniform",
        seed=1,
        input_axes=[0],
        output_axes=[1, 2],
    )
    x = np.asarray(cornu.ops.convert_to_numpy(init((50, 4, 4))))
    # fan_in = 50 from the axes (not 4 * 50 from the conv rule).
    limit = np.sqrt(3.0 * 2.0 / 50)
    assert np.abs(x).max() <= limit
    assert np.abs(x).max() > 0.9 * limit
    config = init.get_config()
    assert config["input_axes"] == [0]
    assert config["output_axes"] == [1, 2]
    clone = cornu.initializers.VarianceScaling.from_config(config)
    assert clone.input_axes == [0]


def test_presets_accept_and_write_fan_axes():
    init = cornu.initializers.GlorotUniform(
        seed=3, input_axes=[0], output_axes=[1]
    )
    assert init.get_config() == {
        "seed": 3,
        "input_axes": [0],
        "output_axes": [1],
    }
    clone = cornu.initializers.GlorotUniform.from_config(init.get_config())
    assert clone.output_axes == [1]
