"""Pipeline: applies its layers in order (strings first), forwards
`training`, round-trips its config."""

import numpy as np
import pytest

import cornu
from cornu import ops


def test_pipeline_applies_layers_in_order():
    pipeline = cornu.layers.Pipeline(
        [
            cornu.layers.StringLookup(vocabulary=["a", "b"]),
            cornu.layers.CategoryEncoding(num_tokens=3, output_mode="count"),
            cornu.layers.Normalization(mean=0.0, variance=4.0),
        ]
    )
    out = ops.convert_to_numpy(pipeline(np.array([["a", "b", "b", "c"]])))
    np.testing.assert_array_equal(out, [[0.5, 0.5, 1.0]])
    assert len(pipeline.layers) == 3


def test_pipeline_forwards_training():
    seen = []

    class Probe(cornu.layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    pipeline = cornu.layers.Pipeline([Probe()])
    pipeline(np.ones((1, 2), "float32"))
    pipeline(np.ones((1, 2), "float32"), training=False)
    assert seen == [True, False]  # Keras 3's default is training=True


def test_pipeline_config_round_trip():
    pipeline = cornu.layers.Pipeline(
        [
            cornu.layers.Normalization(mean=1.0, variance=4.0),
            cornu.layers.Discretization(bin_boundaries=[0.0, 1.0]),
        ],
        name="prep",
    )
    config = pipeline.get_config()
    assert config["name"] == "prep" and len(config["layers"]) == 2
    clone = cornu.layers.Pipeline.from_config(config)
    x = np.array([[-3.0, 1.0, 4.0]], "float32")
    np.testing.assert_array_equal(
        ops.convert_to_numpy(clone(x)), ops.convert_to_numpy(pipeline(x))
    )
    with pytest.raises(ValueError, match="layers=None"):
        cornu.layers.Pipeline.from_config({"name": "p"})
