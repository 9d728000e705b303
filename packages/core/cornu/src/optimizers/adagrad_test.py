import numpy as np
import pytest

import cornu
from cornu import ops

RNG = np.random.default_rng(5)
W0 = [RNG.normal(size=(3, 4)), RNG.normal(size=(4,))]
GRADS = [[RNG.normal(size=w.shape) for w in W0] for _ in range(5)]


@pytest.mark.parametrize("initial", [0.1, 1.5])
def test_adagrad_matches_numpy_reference(initial):
    opt = cornu.optimizers.Adagrad(0.1, initial_accumulator_value=initial)
    variables = [cornu.Variable(w.astype("float32")) for w in W0]
    ws = [w.copy() for w in W0]
    acc = [np.full_like(w, initial) for w in W0]
    for grads in GRADS:
        opt.apply(
            [ops.convert_to_tensor(g.astype("float32")) for g in grads],
            variables,
        )
        for i, g in enumerate(grads):
            acc[i] = acc[i] + g * g
            ws[i] = ws[i] - 0.1 * g / np.sqrt(acc[i] + 1e-7)
        for variable, w in zip(variables, ws, strict=True):
            np.testing.assert_allclose(
                variable.numpy(), w, rtol=1e-5, atol=1e-6
            )


def test_adagrad_defaults_and_config_round_trip():
    opt = cornu.optimizers.Adagrad()
    config = opt.get_config()
    assert (config["initial_accumulator_value"], config["epsilon"]) == (
        0.1,
        1e-7,
    )
    assert config["name"].startswith("adagrad")
    restored = cornu.optimizers.Adagrad.from_config(config)
    assert restored.get_config() == config


def test_adagrad_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    w = cornu.Variable(np.zeros(3, "float32"))
    opt = cornu.optimizers.Adagrad(0.5)
    for _ in range(300):
        opt.apply([2.0 * (w.value - ops.convert_to_tensor(target))], [w])
    np.testing.assert_allclose(w.numpy(), target, atol=1e-3)
