import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=4, dtype="float64")


def _reference(lr, rho, momentum, epsilon, centered):
    ws = [w.copy() for w in W0]
    velocity = [np.zeros_like(w) for w in W0]
    average = [np.zeros_like(w) for w in W0]
    moment = [np.zeros_like(w) for w in W0]
    for grads in GRADS:
        for i, g in enumerate(grads):
            velocity[i] = rho * velocity[i] + (1 - rho) * g * g
            if centered:
                average[i] = rho * average[i] + (1 - rho) * g
                denominator = velocity[i] - average[i] ** 2 + epsilon
            else:
                denominator = velocity[i] + epsilon
            increment = lr * g / np.sqrt(denominator)
            if momentum > 0:
                moment[i] = momentum * moment[i] + increment
                ws[i] = ws[i] - moment[i]
            else:
                ws[i] = ws[i] - increment
        yield [w.copy() for w in ws]


@pytest.mark.parametrize("centered", [False, True])
@pytest.mark.parametrize("momentum", [0.0, 0.7])
def test_rmsprop_matches_numpy_reference(centered, momentum):
    opt = cornu.optimizers.RMSprop(
        learning_rate=0.01, rho=0.8, momentum=momentum, centered=centered
    )
    expected = _reference(0.01, 0.8, momentum, 1e-7, centered)
    harness.assert_history(harness.run(opt, W0, GRADS), expected)


def test_rmsprop_slots_follow_options():
    w = cornu.Variable(np.zeros(2, "float32"), name="w")
    opt = cornu.optimizers.RMSprop(momentum=0.5, centered=True)
    opt.build([w])
    assert [v.path for v in opt.variables[2:]] == [
        "rmsprop/w_velocity",
        "rmsprop/w_momentum",
        "rmsprop/w_average_gradient",
    ]


def test_rmsprop_defaults_and_config_round_trip():
    config = cornu.optimizers.RMSprop().get_config()
    assert {
        k: config[k] for k in ("rho", "momentum", "epsilon", "centered", "name")
    } == {
        "rho": 0.9,
        "momentum": 0.0,
        "epsilon": 1e-7,
        "centered": False,
        "name": "rmsprop",
    }
    assert config["learning_rate"] == pytest.approx(0.001)
    restored = cornu.optimizers.RMSprop.from_config(config)
    assert restored.get_config() == config


def test_rmsprop_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.RMSprop(0.01, momentum=0.5)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 400, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=5e-2)
