import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=5, dtype="float64")


@pytest.mark.parametrize("initial", [0.1, 1.5])
def test_adagrad_matches_numpy_reference(initial):
    opt = cornu.optimizers.Adagrad(0.1, initial_accumulator_value=initial)
    history = harness.run(opt, W0, GRADS)
    expected = []
    ws = [w.copy() for w in W0]
    acc = [np.full_like(w, initial) for w in W0]
    for grads in GRADS:
        for i, g in enumerate(grads):
            acc[i] = acc[i] + g * g
            ws[i] = ws[i] - 0.1 * g / np.sqrt(acc[i] + 1e-7)
        expected.append([w.copy() for w in ws])
    harness.assert_history(history, expected)


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
    opt = cornu.optimizers.Adagrad(0.5)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 300, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=1e-3)
