import numpy as np
import pytest

import cornu


def _model_with_ema():
    """A model whose weights are 1s and whose EMA slots hold 2s."""
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.set_weights([np.ones((2, 1)), np.ones((1,))])
    optimizer = cornu.optimizers.SGD(learning_rate=0.1, use_ema=True)
    optimizer.build(model.trainable_variables)
    for average in optimizer._model_variables_moving_average:
        average.assign(np.full(average.shape, 2.0, "float32"))
    model.optimizer = optimizer
    return model


def _values(variables):
    return [
        float(np.asarray(cornu.ops.convert_to_numpy(v)).ravel()[0])
        for v in variables
    ]


def test_evaluation_uses_the_ema_weights_then_restores():
    model = _model_with_ema()
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.SwapEMAWeights()], model=model, epochs=2
    )
    averages = model.optimizer._model_variables_moving_average
    callbacks.on_test_begin()
    assert _values(model.trainable_variables) == [2.0, 2.0]
    assert _values(averages) == [1.0, 1.0]
    callbacks.on_test_end()
    assert _values(model.trainable_variables) == [1.0, 1.0]
    assert _values(averages) == [2.0, 2.0]


def test_predict_swaps_back_at_the_end():
    model = _model_with_ema()
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.SwapEMAWeights()], model=model
    )
    callbacks.on_predict_begin()
    assert _values(model.trainable_variables) == [2.0, 2.0]
    callbacks.on_predict_end()
    assert _values(model.trainable_variables) == [1.0, 1.0]


def test_swap_on_epoch_and_final_epoch():
    model = _model_with_ema()
    averages = model.optimizer._model_variables_moving_average
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.SwapEMAWeights(swap_on_epoch=True)],
        model=model,
        epochs=2,
    )
    callbacks.on_epoch_begin(0)
    callbacks.on_epoch_end(0)
    # Later callbacks (e.g. ModelCheckpoint) see the EMA weights.
    assert _values(model.trainable_variables) == [2.0, 2.0]
    callbacks.on_epoch_begin(1)
    assert _values(model.trainable_variables) == [1.0, 1.0]
    callbacks.on_epoch_end(1)
    # Last epoch: EMA in the model, and the EMA slots hold the EMA again
    # for the optimizer's final `finalize_variable_values`.
    assert _values(model.trainable_variables) == [2.0, 2.0]
    assert _values(averages) == [2.0, 2.0]


def test_requires_an_optimizer_with_ema():
    model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    model.optimizer = cornu.optimizers.SGD(learning_rate=0.1)
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.SwapEMAWeights()], model=model
    )
    with pytest.raises(ValueError, match="Received: use_ema=False"):
        callbacks.on_test_begin()
