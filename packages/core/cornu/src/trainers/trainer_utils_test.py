"""Tests of the trainer's helpers."""

import pytest

import cornu
from cornu import layers
from cornu.src.trainers.trainer_utils import LoopVariables


def test_loop_variables_are_computed_on_first_use():
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            layers.Dense(4, kernel_regularizer="l2"),
            layers.BatchNormalization(),
            layers.Dense(1),
        ]
    )
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    lists = LoopVariables(model)
    assert dict(lists) == {}
    assert [v.path for v in lists["trainable"]] == [
        v.path for v in model.trainable_variables
    ]
    assert set(lists) == {"trainable"}  # only what was asked for
    assert [v.path for v in lists["non_trainable"]] == [
        v.path for v in model.non_trainable_variables
    ]
    assert lists["regularized"] == [model.layers[0].kernel]
    assert lists["metrics"] == list(model.metrics_variables)
    assert lists["trainable"] is lists["trainable"]  # cached
    with pytest.raises(KeyError):
        lists["optimizer"]
