import numpy as np
import pytest

import cornu
from cornu.src.optimizers import optimizer_test_harness as harness

W0, GRADS = harness.random_data([(3, 4), (4,)], 5, seed=3, dtype="float64")


def _reference(lr, weight_decay, decays, amsgrad=False):
    ws = [w.copy() for w in W0]
    m = [np.zeros_like(w) for w in W0]
    v = [np.zeros_like(w) for w in W0]
    v_hat = [np.zeros_like(w) for w in W0]
    for t, grads in enumerate(GRADS, start=1):
        alpha = lr * np.sqrt(1 - 0.999**t) / (1 - 0.9**t)
        for i, g in enumerate(grads):
            if decays[i]:
                ws[i] = ws[i] - ws[i] * weight_decay * lr
            m[i] = m[i] + (g - m[i]) * 0.1
            v[i] = v[i] + (g * g - v[i]) * 0.001
            denominator = v[i]
            if amsgrad:
                v_hat[i] = np.maximum(v_hat[i], v[i])
                denominator = v_hat[i]
            ws[i] = ws[i] - m[i] * alpha / (np.sqrt(denominator) + 1e-7)
        yield [w.copy() for w in ws]


@pytest.mark.parametrize("exclude", [False, True])
@pytest.mark.parametrize("amsgrad", [False, True])
def test_adamw_matches_numpy_reference(exclude, amsgrad):
    opt = cornu.optimizers.AdamW(
        learning_rate=0.05, weight_decay=0.2, amsgrad=amsgrad
    )
    if exclude:
        opt.exclude_from_weight_decay(var_names=["bias"])
    expected = _reference(0.05, 0.2, [True, not exclude], amsgrad)
    history = harness.run(opt, {"kernel": W0[0], "bias": W0[1]}, GRADS)
    # atol: entries that pass near zero keep the absolute float32 rounding
    # (~1e-6) of the larger values (|w| ~ 3) they had.
    harness.assert_history(history, expected, rtol=1e-5, atol=5e-6)


def test_adamw_defaults_and_errors():
    config = cornu.optimizers.AdamW().get_config()
    assert config["weight_decay"] == 0.004 and config["name"] == "adamw"
    restored = cornu.optimizers.AdamW.from_config(config)
    assert restored.get_config() == config
    with pytest.raises(ValueError, match="weight_decay=None"):
        cornu.optimizers.AdamW(weight_decay=None)


def test_adamw_minimises_a_quadratic():
    target = np.array([1.0, -2.0, 3.0], "float32")
    opt = cornu.optimizers.AdamW(0.1, weight_decay=1e-4)
    w = harness.minimize_quadratic(
        opt, np.zeros(3, "float32"), target, 300, gradient_scale=2.0
    )
    np.testing.assert_allclose(w.numpy(), target, atol=2e-2)
