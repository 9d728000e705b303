import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.losses.loss_function_wrapper import LossFunctionWrapper


def test_wrapper_passes_its_keyword_arguments():
    loss = LossFunctionWrapper(
        cornu.losses.huber, reduction="sum", name="h", delta=0.5
    )
    y_true = np.zeros((2, 2), "float32")
    y_pred = np.array([[0.2, 2.0], [1.0, -0.1]], "float32")
    expected = ops.convert_to_numpy(
        ops.sum(cornu.losses.huber(y_true, y_pred, delta=0.5))
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(loss(y_true, y_pred)), expected, rtol=1e-6
    )
    assert "huber" in repr(loss) and "'delta': 0.5" in repr(loss)


def test_wrapper_config_round_trip_with_a_registered_function():
    @cornu.saving.register_keras_serializable(package="losses_test")
    def offset_error(y_true, y_pred, offset=0.0):
        return ops.mean(ops.abs(y_pred - y_true - offset), axis=-1)

    loss = LossFunctionWrapper(offset_error, name="off", offset=1.0)
    config = loss.get_config()
    assert config["offset"] == 1.0 and config["name"] == "off"
    clone = LossFunctionWrapper.from_config(config)
    assert clone.fn is offset_error
    y = np.ones((2, 3), "float32")
    assert float(clone(y, y)) == 1.0
    rebuilt = cornu.losses.deserialize(cornu.losses.serialize(loss))
    assert rebuilt.fn is offset_error and float(rebuilt(y, y)) == 1.0


def test_wrapper_squeezes_structures_leaf_by_leaf():
    def two(y_true, y_pred):
        return ops.abs(y_pred["a"] - y_true["a"]) + ops.abs(
            y_pred["b"] - y_true["b"]
        )

    loss = LossFunctionWrapper(two, reduction="sum")
    y_true = {"a": np.zeros((3, 1)), "b": np.zeros((3,))}
    y_pred = {"a": np.ones((3,)), "b": np.ones((3, 1))}
    assert float(loss(y_true, y_pred)) == 6.0


def test_wrapper_needs_a_callable():
    with pytest.raises(TypeError, match="expects `fn` to be a callable"):
        LossFunctionWrapper("mse")
