"""Attention: dot and concat scores against NumPy, scale, masks, causal
mask, returned scores, dropout, the layer harness, Keras 3's weight
layout and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.backend.common import masking
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def reference_attention(
    query,
    value,
    key=None,
    scores_fn=None,
    q_mask=None,
    v_mask=None,
    causal=False,
):
    """NumPy attention: softmax over Tv of `scores_fn(query, key)` with
    masked positions lowered by 1e9, applied to `value`; masked queries
    give zeros."""
    key = value if key is None else key
    scores = scores_fn(query, key)
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


def dot_scores(scale=1.0):
    return lambda q, k: scale * q @ np.swapaxes(k, -1, -2)


def concat_scores(scale=1.0, weight=1.0):
    return lambda q, k: (
        weight * np.tanh(scale * (q[:, :, None, :] + k[:, None, :, :])).sum(-1)
    )


def _data(seed):
    rng = np.random.default_rng(seed)
    q = rng.normal(size=(2, 3, 4)).astype("float32")
    v = rng.normal(size=(2, 5, 4)).astype("float32")
    k = rng.normal(size=(2, 5, 4)).astype("float32")
    q_mask = rng.random((2, 3)) > 0.3
    v_mask = rng.random((2, 5)) > 0.3
    v_mask[:, 0] = True
    return q, v, k, q_mask, v_mask


@pytest.mark.parametrize("use_key", [False, True], ids=["kv", "k"])
@pytest.mark.parametrize("masks", [False, True], ids=["nomask", "mask"])
@pytest.mark.parametrize("causal", [False, True], ids=["full", "causal"])
@pytest.mark.parametrize("score_mode", ["dot", "concat"])
@pytest.mark.parametrize("use_scale", [False, True], ids=["raw", "scaled"])
def test_attention_matches_numpy(use_scale, score_mode, causal, masks, use_key):
    q, v, k, q_mask, v_mask = _data(0)
    layer = cornu.layers.Attention(use_scale=use_scale, score_mode=score_mode)
    inputs = [q, v, k] if use_key else [q, v]
    layer.build([x.shape for x in inputs])
    if use_scale:
        layer.scale.assign(1.7)
    if score_mode == "concat":
        layer.concat_score_weight.assign(0.6)
    out, weights = layer(
        inputs,
        mask=[q_mask, v_mask] if masks else None,
        use_causal_mask=causal,
        return_attention_scores=True,
    )
    scale = 1.7 if use_scale else 1.0
    fn = dot_scores(scale) if score_mode == "dot" else concat_scores(scale, 0.6)
    want, want_weights = reference_attention(
        q,
        v,
        key=k if use_key else None,
        scores_fn=fn,
        q_mask=q_mask if masks else None,
        v_mask=v_mask if masks else None,
        causal=causal,
    )
    assert_allclose(_np(out), want, rtol=1e-5, atol=1e-6)
    assert_allclose(_np(weights), want_weights, rtol=1e-5, atol=1e-6)


def test_attention_weights_and_keras_3_layout():
    layer = cornu.layers.Attention(use_scale=True, score_mode="concat")
    layer.build([(2, 3, 4), (2, 5, 4)])
    # Keras 3 saves `vars/0` = scale and `vars/1` = concat_score_weight.
    assert [w.path.split("/")[-1] for w in layer._saved_variables()] == [
        "scale",
        "concat_score_weight",
    ]
    assert [tuple(w.shape) for w in layer.weights] == [(), ()]
    assert cornu.layers.Attention().get_config()["score_mode"] == "dot"


def test_attention_mask_from_inputs_and_output_mask():
    tokens = np.array([[1, 2, 0], [3, 0, 0]])
    x = cornu.layers.Embedding(5, 4, mask_zero=True)(tokens)
    out = cornu.layers.Attention()([x, x])
    keep = tokens != 0
    want, _ = reference_attention(
        _np(x), _np(x), scores_fn=dot_scores(), q_mask=keep, v_mask=keep
    )
    assert_allclose(_np(out), want, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(_np(masking.get_keras_mask(out)), keep)


def test_attention_dropout_only_in_training():
    q, v, *_ = _data(1)
    layer = cornu.layers.Attention(dropout=0.5, seed=3)
    inference = _np(layer([q, v]))
    want, _ = reference_attention(q, v, scores_fn=dot_scores())
    assert_allclose(inference, want, rtol=1e-5, atol=1e-6)
    assert not np.allclose(_np(layer([q, v], training=True)), inference)


@pytest.mark.parametrize("score_mode", ["dot", "concat"])
def test_attention_run_layer_test(score_mode):
    run_layer_test(
        cornu.layers.Attention,
        init_kwargs={"use_scale": True, "score_mode": score_mode},
        input_shape=[(2, 3, 4), (2, 5, 4)],
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=2 if score_mode == "concat" else 1,
        supports_masking=True,
    )


def test_attention_symbolic_scores_shape():
    q, v = cornu.Input((3, 4)), cornu.Input((6, 4))
    out, weights = cornu.layers.Attention()(
        [q, v], return_attention_scores=True
    )
    assert tuple(out.shape) == (None, 3, 4)
    assert tuple(weights.shape) == (None, 3, 6)


def test_attention_errors():
    with pytest.raises(ValueError, match="score_mode='sum'"):
        cornu.layers.Attention(score_mode="sum")
    q, v, *_ = _data(2)
    layer = cornu.layers.Attention()
    with pytest.raises(ValueError, match="must be called on a list"):
        layer(q)
    with pytest.raises(ValueError, match="Received length: 1"):
        layer([q])
    with pytest.raises(ValueError, match="mask must be a list"):
        layer([q, v], mask=np.ones((2, 3), bool))
    with pytest.raises(ValueError, match="mask of length 1"):
        layer([q, v], mask=[np.ones((2, 3), bool)])
