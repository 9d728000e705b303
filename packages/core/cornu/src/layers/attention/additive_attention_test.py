"""AdditiveAttention: scores against NumPy (with and without the scale
vector), masks, the layer harness and its config."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def reference_additive(
    query, value, scale, q_mask=None, v_mask=None, causal=False
):
    terms = np.tanh(query[:, :, None, :] + value[:, None, :, :])
    scores = (terms * (1.0 if scale is None else scale)).sum(-1)
    keep = np.ones(scores.shape, bool)
    if v_mask is not None:
        keep = keep & v_mask[:, None, :]
    if causal:
        keep = keep & np.tril(np.ones(scores.shape[-2:], bool))
    scores = np.where(keep, scores, scores - 1e9)
    e = np.exp(scores - scores.max(-1, keepdims=True))
    weights = e / e.sum(-1, keepdims=True)
    out = weights @ value
    if q_mask is not None:
        out = np.where(q_mask[..., None], out, 0.0)
    return out, weights


@pytest.mark.parametrize("causal", [False, True], ids=["full", "causal"])
@pytest.mark.parametrize("masks", [False, True], ids=["nomask", "mask"])
@pytest.mark.parametrize("use_scale", [True, False], ids=["scaled", "raw"])
def test_additive_attention_matches_numpy(use_scale, masks, causal):
    rng = np.random.default_rng(0)
    q = rng.normal(size=(2, 3, 4)).astype("float32")
    v = rng.normal(size=(2, 5, 4)).astype("float32")
    q_mask = rng.random((2, 3)) > 0.3
    v_mask = rng.random((2, 5)) > 0.3
    v_mask[:, 0] = True
    layer = cornu.layers.AdditiveAttention(use_scale=use_scale)
    out, weights = layer(
        [q, v],
        mask=[q_mask, v_mask] if masks else None,
        use_causal_mask=causal,
        return_attention_scores=True,
    )
    scale = _np(layer.scale) if use_scale else None
    want, want_weights = reference_additive(
        q,
        v,
        scale,
        q_mask=q_mask if masks else None,
        v_mask=v_mask if masks else None,
        causal=causal,
    )
    assert_allclose(_np(out), want, rtol=1e-5, atol=1e-6)
    assert_allclose(_np(weights), want_weights, rtol=1e-5, atol=1e-6)


def test_additive_attention_run_layer_test():
    run_layer_test(
        cornu.layers.AdditiveAttention,
        init_kwargs={"use_scale": True},
        input_shape=[(2, 3, 4), (2, 5, 4), (2, 5, 4)],
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=1,
        supports_masking=True,
    )


def test_additive_attention_config_has_no_score_mode():
    layer = cornu.layers.AdditiveAttention(use_scale=False, dropout=0.1)
    config = layer.get_config()
    assert "score_mode" not in config
    assert config["use_scale"] is False and config["dropout"] == 0.1
    clone = cornu.layers.AdditiveAttention.from_config(config)
    assert clone.get_config() == config


def test_additive_attention_rejects_a_single_input():
    layer = cornu.layers.AdditiveAttention()
    with pytest.raises(ValueError, match="must be called on a list"):
        layer.build((2, 3, 4))
