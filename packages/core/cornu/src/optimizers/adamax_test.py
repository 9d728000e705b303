import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=6, dtype="float64")


@pytest.mark.parametrize("beta_1, beta_2", [(0.9, 0.999), (0.5, 0.8)])
def test_adamax_matches_numpy_reference(beta_1, beta_2):
    opt = cornu.optimizers.Adamax(0.05, beta_1=beta_1, beta_2=beta_2)
    history = harness.run(opt, W0, GRADS)
    expected = []
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    u = [np.zeros_like(w) for w in W0]
    for t, grads in enumerate(GRADS, start=1):
        for i, g in enumerate(grads):
            m[i] = m[i] + (g - m[i]) * (1 - beta_1)
            u[i] = np.maximum(beta_2 * u[i], np.abs(g))
            ws[i] = ws[i] - 0.05 * m[i] / ((1 - beta_1**t) * (u[i] + 1e-7))
        expected.append([w.copy() for w in ws])
    harness.assert_history(history, expected)


def test_adamax_slots_defaults_and_config():
    w = cornu.Variable(np.zeros(2, "float32"), name="w")
    opt = cornu.optimizers.Adamax()
    opt.build([w])
    assert [v.path for v in opt.variables[2:]] == [
        "adamax/w_momentum",
        "adamax/w_norm",
    ]
    config = opt.get_config()
    assert (config["beta_1"], config["beta_2"], config["epsilon"]) == (
        0.9,
        0.999,
        1e-7,
    )
    assert cornu.optimizers.Adamax.from_config(config).get_config() == config


def test_adamax_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.Adamax(0.1)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 300, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=2e-2)
