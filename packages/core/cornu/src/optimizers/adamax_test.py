import numpy as np
import pytest

import cornu
from cornu import ops

RNG = np.random.default_rng(6)
W0 = [RNG.normal(size=(3, 4)), RNG.normal(size=(4,))]
GRADS = [[RNG.normal(size=w.shape) for w in W0] for _ in range(5)]


@pytest.mark.parametrize("beta_1, beta_2", [(0.9, 0.999), (0.5, 0.8)])
def test_adamax_matches_numpy_reference(beta_1, beta_2):
    opt = cornu.optimizers.Adamax(0.05, beta_1=beta_1, beta_2=beta_2)
    variables = [cornu.Variable(w.astype("float32")) for w in W0]
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    u = [np.zeros_like(w) for w in W0]
    for t, grads in enumerate(GRADS, start=1):
        opt.apply(
            [ops.convert_to_tensor(g.astype("float32")) for g in grads],
            variables,
        )
        for i, g in enumerate(grads):
            m[i] = m[i] + (g - m[i]) * (1 - beta_1)
            u[i] = np.maximum(beta_2 * u[i], np.abs(g))
            ws[i] = ws[i] - 0.05 * m[i] / ((1 - beta_1**t) * (u[i] + 1e-7))
        for variable, w in zip(variables, ws, strict=True):
            np.testing.assert_allclose(
                variable.numpy(), w, rtol=1e-5, atol=1e-6
            )


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
    w = cornu.Variable(np.zeros(3, "float32"))
    opt = cornu.optimizers.Adamax(0.1)
    for _ in range(300):
        opt.apply([2.0 * (w.value - ops.convert_to_tensor(target))], [w])
    np.testing.assert_allclose(w.numpy(), target, atol=2e-2)
