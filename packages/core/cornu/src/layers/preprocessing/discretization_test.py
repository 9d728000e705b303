"""Discretization: bins against NumPy, Keras 3's quantile summary (values
measured with Keras 3.15), output modes, config and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def test_discretization_passes_the_layer_checks():
    run_layer_test(
        cornu.layers.Discretization,
        init_kwargs={"bin_boundaries": [-0.5, 0.0, 0.5]},
        input_shape=(2, 3),
        expected_output_shape=(2, 3),
        expected_output_dtype="int32",
        run_training_check=False,
        run_mixed_precision_check=False,
    )


@pytest.mark.parametrize("mode", ["int", "one_hot", "multi_hot", "count"])
def test_discretization_matches_numpy_digitize(mode):
    boundaries = [-1.0, 0.0, 1.5]
    x = np.random.default_rng(0).normal(size=(4, 5)).astype("float32")
    x[0, :3] = boundaries  # values on a boundary go to the upper bin
    layer = cornu.layers.Discretization(
        bin_boundaries=boundaries, output_mode=mode
    )
    bins = np.digitize(x, boundaries)
    if mode == "int":
        expected = bins
    elif mode == "one_hot":
        expected = np.eye(4)[bins]
    else:
        counts = np.stack([np.bincount(row, minlength=4) for row in bins])
        expected = np.minimum(counts, 1) if mode == "multi_hot" else counts
    out = layer(x)
    np.testing.assert_array_equal(_np(out), expected)
    assert layer.compute_output_shape(x.shape) == tuple(out.shape)


def test_discretization_adapt_matches_keras_quantiles():
    # Keras 3.15's bin boundaries for this data (its approximate summary,
    # so not exactly NumPy's quantiles).
    x = np.random.default_rng(0).normal(size=(1000,)).astype("float32")
    layer = cornu.layers.Discretization(num_bins=4)
    layer.adapt(x)
    np.testing.assert_allclose(
        layer.bin_boundaries,
        [-0.6909445524215698, -0.07557335495948792, 0.6131889224052429],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        layer.bin_boundaries, np.quantile(x, [0.25, 0.5, 0.75]), atol=0.02
    )
    batched = cornu.layers.Discretization(num_bins=5)
    batched.adapt(iter([x[:300], x[300:]]))
    np.testing.assert_allclose(
        batched.bin_boundaries,
        [
            -0.8302938938140869,
            -0.30652379989624023,
            0.2019093781709671,
            0.7778904438018799,
        ],
        rtol=1e-6,
    )
    counts = np.bincount(_np(layer(x)), minlength=4)
    assert counts.min() > 230  # about a quarter of the values per bin


def test_discretization_config_keeps_adapted_boundaries():
    layer = cornu.layers.Discretization(num_bins=3, name="bins")
    layer.adapt(np.arange(30, dtype="float32"))
    config = layer.get_config()
    assert config["num_bins"] == 3 and len(config["bin_boundaries"]) == 2
    clone = cornu.layers.Discretization.from_config(config)
    x = np.arange(30, dtype="float32")
    np.testing.assert_array_equal(_np(clone(x)), _np(layer(x)))
    assert cornu.Input((4,)).shape == (None, 4)
    symbolic = layer(cornu.Input((4,)))
    assert symbolic.shape == (None, 4) and symbolic.dtype == "int32"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, "Received neither"),
        ({"num_bins": 3, "bin_boundaries": [0.0]}, "not both"),
        ({"num_bins": -1}, "num_bins=-1"),
        ({"num_bins": 3, "output_mode": "tf_idf"}, "output_mode='tf_idf'"),
        ({"num_bins": 3, "sparse": True}, "sparse=True"),
    ],
)
def test_discretization_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.Discretization(**kwargs)


def test_discretization_adapt_needs_num_bins():
    layer = cornu.layers.Discretization(bin_boundaries=[0.0])
    with pytest.raises(ValueError, match="created with `bin_boundaries`"):
        layer.adapt(np.ones((3,)))
    unadapted = cornu.layers.Discretization(num_bins=3)
    with pytest.raises(ValueError, match="no bin boundaries"):
        unadapted(np.ones((3,)))
