import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=1, dtype="float64")


def _reference(lr, momentum, nesterov):
    ws = [w.copy() for w in W0]
    ms = [np.zeros_like(w) for w in W0]
    for grads in GRADS:
        for i, g in enumerate(grads):
            if momentum == 0:
                ws[i] = ws[i] - lr * g
                continue
            ms[i] = momentum * ms[i] - lr * g
            if nesterov:
                ws[i] = ws[i] + momentum * ms[i] - lr * g
            else:
                ws[i] = ws[i] + ms[i]
        yield [w.copy() for w in ws]


@pytest.mark.parametrize(
    "momentum, nesterov", [(0.0, False), (0.9, False), (0.9, True)], ids=str
)
def test_sgd_matches_numpy_reference(momentum, nesterov):
    opt = cornu.optimizers.SGD(0.05, momentum=momentum, nesterov=nesterov)
    expected = _reference(0.05, momentum, nesterov)
    harness.assert_history(harness.run(opt, W0, GRADS), expected)


def test_sgd_slots_only_with_momentum():
    w = cornu.Variable(np.zeros(2, "float32"), name="w")
    plain = cornu.optimizers.SGD()
    plain.build([w])
    assert [v.path for v in plain.variables] == [
        "SGD/iteration",
        "SGD/learning_rate",
    ]
    heavy = cornu.optimizers.SGD(momentum=0.5)
    heavy.build([w])
    assert heavy.variables[-1].path == "SGD/w_momentum"


def test_sgd_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.SGD(0.1, momentum=0.5, nesterov=True)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 100, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=1e-4)


def test_sgd_defaults_and_config_round_trip():
    config = cornu.optimizers.SGD().get_config()
    assert config["learning_rate"] == pytest.approx(0.01)
    assert (config["momentum"], config["nesterov"], config["name"]) == (
        0.0,
        False,
        "SGD",
    )
    opt = cornu.optimizers.SGD(0.2, momentum=0.3, nesterov=True)
    restored = cornu.optimizers.SGD.from_config(opt.get_config())
    assert restored.get_config() == opt.get_config()
