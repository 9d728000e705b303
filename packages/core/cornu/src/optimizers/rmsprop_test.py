import numpy as np
import pytest

import cornu
from cornu import ops

RNG = np.random.default_rng(4)
W0 = [RNG.normal(size=(3, 4)), RNG.normal(size=(4,))]
GRADS = [[RNG.normal(size=w.shape) for w in W0] for _ in range(5)]


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
    variables = [cornu.Variable(w.astype("float32")) for w in W0]
    expected = _reference(0.01, 0.8, momentum, 1e-7, centered)
    for grads, reference in zip(GRADS, expected, strict=True):
        opt.apply(
            [ops.convert_to_tensor(g.astype("float32")) for g in grads],
            variables,
        )
        for variable, r in zip(variables, reference, strict=True):
            np.testing.assert_allclose(
                variable.numpy(), r, rtol=1e-5, atol=1e-6
            )


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
    w = cornu.Variable(np.zeros(3, "float32"))
    opt = cornu.optimizers.RMSprop(0.01, momentum=0.5)
    for _ in range(400):
        opt.apply([2.0 * (w.value - ops.convert_to_tensor(target))], [w])
    np.testing.assert_allclose(w.numpy(), target, atol=5e-2)
