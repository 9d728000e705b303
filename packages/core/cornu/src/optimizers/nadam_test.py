import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=7, dtype="float64")


@pytest.mark.parametrize("beta_1, beta_2", [(0.9, 0.999), (0.6, 0.9)])
def test_nadam_matches_numpy_reference(beta_1, beta_2):
    lr, epsilon = 0.05, 1e-7
    opt = cornu.optimizers.Nadam(lr, beta_1=beta_1, beta_2=beta_2)
    history = harness.run(opt, W0, GRADS)
    expected = []
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    v = [np.zeros_like(w) for w in W0]
    u_product = 1.0
    for t, grads in enumerate(GRADS, start=1):
        u_t = beta_1 * (1 - 0.5 * 0.96**t)
        u_next = beta_1 * (1 - 0.5 * 0.96 ** (t + 1))
        u_product = u_product * u_t
        for i, g in enumerate(grads):
            m[i] = m[i] + (g - m[i]) * (1 - beta_1)
            v[i] = v[i] + (g * g - v[i]) * (1 - beta_2)
            m_hat = u_next * m[i] / (1 - u_product * u_next) + (
                (1 - u_t) * g / (1 - u_product)
            )
            v_hat = v[i] / (1 - beta_2**t)
            ws[i] = ws[i] - m_hat * lr / (np.sqrt(v_hat) + epsilon)
        expected.append([w.copy() for w in ws])
    harness.assert_history(history, expected)


def test_nadam_variables_defaults_and_config():
    w = cornu.Variable(np.zeros(2, "float32"), name="w")
    opt = cornu.optimizers.Nadam()
    opt.build([w])
    assert [v.path for v in opt.variables[2:]] == [
        "nadam/w_momentum",
        "nadam/w_velocity",
        "nadam/u_product",
    ]
    config = opt.get_config()
    assert (config["beta_1"], config["beta_2"], config["epsilon"]) == (
        0.9,
        0.999,
        1e-7,
    )
    assert cornu.optimizers.Nadam.from_config(config).get_config() == config


def test_nadam_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.Nadam(0.1)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 300, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=2e-2)
