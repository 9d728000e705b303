"""Tests of a model's hot path: from its second call on the same kind of
input, a Sequential or Functional model runs its graph without the
checks and conversions, which must change no result."""

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu import ops
from cornu.src.backend.common import masking
from cornu.src.testing.assertions import assert_allclose


def _x(shape, dtype="float32", seed=0):
    rng = np.random.default_rng(seed)
    return ops.convert_to_tensor(rng.normal(size=shape).astype(dtype))


def _mlp(**dense_kwargs):
    return cornu.Sequential(
        [
            cornu.Input((4,)),
            layers.Dense(5, activation="relu", **dense_kwargs),
            layers.Dense(3),
        ]
    )


def _reference(model, x):
    """The model's layers run one by one, in NumPy."""
    out = np.asarray(ops.convert_to_numpy(x), dtype="float64")
    for layer in model.layers:
        if not isinstance(layer, layers.Dense):
            continue  # the InputLayer of a Functional model
        out = out @ ops.convert_to_numpy(layer.kernel)
        out = out + ops.convert_to_numpy(layer.bias)
        if layer.activation is cornu.activations.relu:
            out = np.maximum(out, 0.0)
    return out


@pytest.mark.parametrize("kind", ["sequential", "functional"])
def test_repeated_calls_take_the_hot_path_with_the_same_result(kind):
    model = _mlp()
    if kind == "functional":
        model = cornu.Model(model.inputs, model.outputs)
    x = _x((6, 4))
    assert model._fast_call is None
    first = ops.convert_to_numpy(model(x))
    assert model._fast_call is not None and model._fast_call[3] is not None
    second = ops.convert_to_numpy(model(x))
    assert_allclose(first, _reference(model, x), rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(first, second)
    # Another batch size takes the checked path, then its own hot path.
    other = _x((2, 4), seed=1)
    assert_allclose(
        ops.convert_to_numpy(model(other)),
        _reference(model, other),
        rtol=1e-5,
        atol=1e-6,
    )


def test_inputs_that_need_converting_are_converted_on_every_call():
    model = _mlp()
    x64 = _x((3, 4), dtype="float64")
    for _ in range(3):
        y = model(x64)
        assert ops.dtype(y) == "float32"
        assert_allclose(
            ops.convert_to_numpy(y), _reference(model, x64), rtol=1e-5,
            atol=1e-6,
        )
    # An Input of shape (1,) takes labels of shape (batch,), every time.
    column = cornu.Sequential([cornu.Input((1,)), layers.Dense(2)])
    flat = _x((5,))
    for _ in range(3):
        assert tuple(column(flat).shape) == (5, 2)


def test_the_training_flag_of_an_outer_call_still_reaches_the_layers():
    inner = cornu.Sequential(
        [cornu.Input((200,)), layers.Dropout(0.5, seed=1)]
    )
    x = ops.ones((4, 200))
    for _ in range(2):  # the second call takes the hot path
        np.testing.assert_array_equal(ops.convert_to_numpy(inner(x)), 1.0)
    inputs = cornu.Input((200,))
    outer = cornu.Model(inputs, inner(inputs))
    dropped = ops.convert_to_numpy(outer(x, training=True))
    assert 0 < np.mean(dropped == 0.0) < 1
    np.testing.assert_allclose(dropped[dropped != 0.0], 2.0, rtol=1e-6)
    # Called again directly, the model is in inference mode.
    np.testing.assert_array_equal(ops.convert_to_numpy(inner(x)), 1.0)


def test_losses_describe_the_last_call_only():
    model = _mlp(activity_regularizer=cornu.regularizers.L2(0.1))
    x = _x((2, 4))
    for _ in range(3):
        model(x)
        assert len(model.losses) == 1
    hidden = ops.convert_to_numpy(model.layers[0](x))
    assert_allclose(
        ops.convert_to_numpy(model.losses[0]),
        0.1 * np.sum(hidden**2) / 2,  # per sample, as in Keras
        rtol=1e-5,
    )


def test_masked_inputs_pass_their_mask_on_every_call():
    model = cornu.Sequential(
        [cornu.Input((3, 2)), layers.Masking(0.0), layers.Dense(4)]
    )
    x = np.ones((2, 3, 2), dtype="float32")
    x[0, 1] = 0.0
    x = ops.convert_to_tensor(x)
    for _ in range(3):
        y = model(x)
        mask = masking.get_keras_mask(y)
        np.testing.assert_array_equal(
            ops.convert_to_numpy(mask), [[True, False, True], [True] * 3]
        )


def test_layers_making_masks_make_them_on_every_call():
    masker = layers.Masking(0.0)
    embedding = layers.Embedding(5, 2, mask_zero=True)
    x = np.ones((2, 3, 2), dtype="float32")
    x[0, 1] = 0.0
    x = ops.convert_to_tensor(x)
    ids = ops.convert_to_tensor(np.array([[1, 0, 2]], dtype="int32"))
    for _ in range(3):
        np.testing.assert_array_equal(
            ops.convert_to_numpy(masking.get_keras_mask(masker(x))),
            [[True, False, True], [True] * 3],
        )
        np.testing.assert_array_equal(
            ops.convert_to_numpy(masking.get_keras_mask(embedding(ids))),
            [[True, False, True]],
        )


def test_changing_a_sequential_resets_its_hot_path():
    model = _mlp()
    x = _x((2, 4))
    model(x)
    model(x)
    model.add(layers.Dense(7))
    assert tuple(model(x).shape) == (2, 7)
    model.pop()
    assert tuple(model(x).shape) == (2, 3)
    assert_allclose(
        ops.convert_to_numpy(model(x)), _reference(model, x), rtol=1e-5,
        atol=1e-6,
    )
