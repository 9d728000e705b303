"""Models and helpers shared by the export tests.

Four models cover the layer families the export formats must carry: an
MLP, a CNN, an LSTM and a transformer block (multi-head attention, layer
normalization, dense). Tests skip, with the backend's own reason, where
the active backend declares a format unsupported, and where the runtime
that reads the artifact is not installed.
"""

import types

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.export import export_utils


def _mlp():
    return cornu.Sequential(
        [
            cornu.Input((5,)),
            layers.Dense(8, activation="relu"),
            layers.Dense(3),
        ]
    )


def _cnn():
    return cornu.Sequential(
        [
            cornu.Input((8, 8, 3)),
            layers.Conv2D(4, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dense(2),
        ]
    )


def _lstm():
    return cornu.Sequential(
        [cornu.Input((6, 4)), layers.LSTM(5), layers.Dense(2)]
    )


def _transformer():
    x = cornu.Input((6, 8))
    attended = layers.MultiHeadAttention(num_heads=2, key_dim=4)(x, x)
    h = layers.LayerNormalization()(x + attended)
    y = layers.LayerNormalization()(h + layers.Dense(8)(h))
    return cornu.Model(x, y)


BUILDERS = {
    "mlp": _mlp,
    "cnn": _cnn,
    "lstm": _lstm,
    "transformer": _transformer,
}


def build_model(name):
    """The model called `name`, with seeded weights."""
    cornu.utils.set_random_seed(0)
    return BUILDERS[name]()


def sample_input(model, batch_size, seed=0):
    shape = (batch_size,) + tuple(model.inputs[0].shape[1:])
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def fixed_signature(model, batch_size):
    shape = (batch_size,) + tuple(model.inputs[0].shape[1:])
    return [cornu.InputSpec(shape=shape, dtype="float32")]


def require_format(format_name):
    """Skips the test where the active backend cannot export the format."""
    reason = export_utils.unsupported_reason(format_name)
    if reason is not None:
        pytest.skip(reason)


def assert_matches_predict(actual, model, x):
    # rtol 1e-5 as everywhere; atol 1e-6 because the runtimes' kernels
    # (onnxruntime, OpenVINO, TFLite) sum products in another order, which
    # moves outputs near zero by ~1e-7 absolute.
    np.testing.assert_allclose(
        np.asarray(actual), model.predict(x, verbose=0), rtol=1e-5, atol=1e-6
    )


@pytest.fixture
def kit():
    """The helpers above, handed to tests (conftest is not imported)."""
    return types.SimpleNamespace(
        build_model=build_model,
        sample_input=sample_input,
        fixed_signature=fixed_signature,
        require_format=require_format,
        assert_matches_predict=assert_matches_predict,
    )
