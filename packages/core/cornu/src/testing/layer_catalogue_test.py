"""The layer catalogue covers every built-in layer class, and its models
build, predict and hold non-trivial weights."""

import inspect

import numpy as np
import pytest

import cornu
from cornu.src.testing import layer_catalogue

# Abstract bases and graph plumbing: no model of their own; and the
# framework-interop wrappers, which hold a framework's function or module
# (code that neither a file nor the other backends can carry; TFSMLayer
# holds a TensorFlow SavedModel's functions).
NOT_CATALOGUED = {
    "Layer",
    "Wrapper",
    "InputSpec",
    "InputLayer",
    "FlaxLayer",
    "JaxLayer",
    "TorchModuleWrapper",
    "TFSMLayer",
}
CASES = layer_catalogue.cases(cornu)


def _layer_classes():
    """`{class: its public names}` (aliases name the same class)."""
    names = {}
    for attribute in dir(cornu.layers):
        value = getattr(cornu.layers, attribute)
        if inspect.isclass(value) and value.__name__ not in NOT_CATALOGUED:
            names.setdefault(value, set()).add(attribute)
    return names


def test_every_layer_class_has_a_case():
    covered = {name for case in CASES for name in case.covers}
    missing = [
        sorted(aliases)[0]
        for aliases in _layer_classes().values()
        if not aliases & covered
    ]
    assert sorted(missing) == []


def test_case_names_are_unique_and_only_lambda_is_cornu_only():
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert [case.name for case in CASES if not case.keras] == ["lambda"]
    for name in ("mlp", "cnn_bn", "multi_io", "shared_layer", "nested"):
        assert name in names


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_builds_predicts_and_has_random_weights(case):
    model = case.build()
    inputs = case.inputs(np.random.default_rng(0))
    outputs = model.predict(inputs, verbose=0)
    for output in outputs if isinstance(outputs, list) else [outputs]:
        assert np.all(np.isfinite(np.asarray(output)))
    for weight in model.get_weights():
        weight = np.asarray(weight)
        if weight.dtype.kind == "f" and weight.size > 1:
            assert len(np.unique(weight)) > 1, "weights must be random"


def test_the_same_case_builds_the_same_weights_twice():
    case = next(case for case in CASES if case.name == "cnn_bn")
    first, second = case.build(), case.build()
    for a, b in zip(first.get_weights(), second.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_randomize_weights_keeps_variances_positive():
    case = next(case for case in CASES if case.name == "batch_normalization")
    model = case.build()
    variance = [
        np.asarray(value)
        for variable, value in zip(
            model.weights, model.get_weights(), strict=True
        )
        if variable.name == "moving_variance"
    ]
    assert len(variance) == 1
    assert variance[0].min() >= 0.5
