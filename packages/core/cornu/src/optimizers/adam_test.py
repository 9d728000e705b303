import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 6, seed=2, dtype="float64")


def adam_reference(
    grads_list,
    lr=0.01,
    beta_1=0.9,
    beta_2=0.999,
    epsilon=1e-7,
    amsgrad=False,
    weight_decay=None,
    accumulate=None,
):
    """Keras's Adam on float64 arrays, one list of weights per call."""
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    v = [np.zeros_like(w) for w in W0]
    v_hat = [np.zeros_like(w) for w in W0]
    acc = [np.zeros_like(w) for w in W0]
    t = 0
    for call, grads in enumerate(grads_list):
        if accumulate:
            acc = [a + g for a, g in zip(acc, grads, strict=True)]
            if (call + 1) % accumulate:
                yield [w.copy() for w in ws]
                continue
            grads = [a / accumulate for a in acc]
            acc = [np.zeros_like(a) for a in acc]
        t += 1
        alpha = lr * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        for i, g in enumerate(grads):
            if weight_decay:
                ws[i] = ws[i] - ws[i] * weight_decay * lr
            m[i] = m[i] + (g - m[i]) * (1 - beta_1)
            v[i] = v[i] + (g * g - v[i]) * (1 - beta_2)
            denominator = v[i]
            if amsgrad:
                v_hat[i] = np.maximum(v_hat[i], v[i])
                denominator = v_hat[i]
            ws[i] = ws[i] - m[i] * alpha / (np.sqrt(denominator) + epsilon)
        yield [w.copy() for w in ws]


CASES = {
    "default": {},
    "amsgrad": {"amsgrad": True},
    "betas": {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3},
    "weight_decay": {"weight_decay": 0.1},
    "accumulate": {"gradient_accumulation_steps": 2},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_adam_matches_numpy_reference(case):
    kwargs = CASES[case]
    opt = cornu.optimizers.Adam(learning_rate=0.01, **kwargs)
    ref_kwargs = dict(kwargs)
    ref_kwargs["accumulate"] = ref_kwargs.pop(
        "gradient_accumulation_steps", None
    )
    expected = adam_reference(GRADS, **ref_kwargs)
    harness.assert_history(harness.run(opt, W0, GRADS), expected)


def test_adam_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.Adam(0.1)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 300, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=1e-2)


def test_adam_defaults_and_config_round_trip():
    config = cornu.optimizers.Adam().get_config()
    assert config["learning_rate"] == pytest.approx(0.001)
    assert {
        k: config[k] for k in ("beta_1", "beta_2", "epsilon", "amsgrad", "name")
    } == {
        "beta_1": 0.9,
        "beta_2": 0.999,
        "epsilon": 1e-7,
        "amsgrad": False,
        "name": "adam",
    }
    opt = cornu.optimizers.Adam(0.2, beta_1=0.8, amsgrad=True, clipvalue=1.0)
    restored = cornu.optimizers.Adam.from_config(opt.get_config())
    assert restored.get_config() == opt.get_config()


class _AdamPerVariable(cornu.optimizers.Adam):
    """Overrides `update_step`, so it never takes a fused path."""

    def update_step(self, gradient, variable, learning_rate):
        super().update_step(gradient, variable, learning_rate)


def test_subclass_overriding_update_step_matches_reference():
    expected = adam_reference(GRADS, amsgrad=True)
    opt = _AdamPerVariable(learning_rate=0.01, amsgrad=True)
    harness.assert_history(harness.run(opt, W0, GRADS), expected)


def test_adam_on_a_subset_of_the_built_variables():
    variables = harness.make_variables(W0)
    opt = cornu.optimizers.Adam(0.01)
    opt.build(variables)
    opt.apply(
        [ops.convert_to_tensor(GRADS[0][1].astype("float32"))], [variables[1]]
    )
    expected = next(adam_reference([[np.zeros((3, 4)), GRADS[0][1]]]))
    np.testing.assert_allclose(variables[0].numpy(), W0[0], rtol=1e-6)
    np.testing.assert_allclose(variables[1].numpy(), expected[1], rtol=1e-5)


def test_adam_sees_assigned_iterations_and_learning_rate():
    variables = harness.make_variables(W0)
    opt = cornu.optimizers.Adam(learning_rate=0.01)
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    v = [np.zeros_like(w) for w in W0]
    for call, (t, lr) in enumerate(
        [(1, 0.01), (2, 0.01), (11, 0.05), (12, 0.05)]
    ):
        if call == 2:
            opt.iterations.assign(10)
            opt.learning_rate = 0.05
        grads = GRADS[call]
        opt.apply(
            [ops.convert_to_tensor(g.astype("float32")) for g in grads],
            variables,
        )
        alpha = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        for i, g in enumerate(grads):
            m[i] = m[i] + (g - m[i]) * 0.1
            v[i] = v[i] + (g * g - v[i]) * 0.001
            ws[i] = ws[i] - m[i] * alpha / (np.sqrt(v[i]) + 1e-7)
        for variable, w in zip(variables, ws, strict=True):
            np.testing.assert_allclose(
                variable.numpy(), w, rtol=1e-5, atol=1e-6
            )
