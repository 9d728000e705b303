"""GroupQueryAttention: values against a NumPy grouped-query attention
(masks, causal, sliding window, gate), fused = explicit path, the layer
harness, symbolic shapes, Keras 3's weight paths and errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.saving import state_walk
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def _dense(x, layer, contract=1):
    axes = (list(range(x.ndim - contract, x.ndim)), list(range(contract)))
    out = np.tensordot(x, _np(layer.kernel), axes=axes)
    if layer.bias is not None:
        out = out + _np(layer.bias)
    return out


def reference_gqa(
    layer, query, value, key=None, mask=None, causal=False, window=None
):
    """NumPy grouped-query attention: key/value heads repeated for their
    groups of query heads; `mask` `(B, T, S)`, True = attend."""
    key = value if key is None else key
    repeats = layer.num_query_heads // layer.num_key_value_heads
    q = _dense(query, layer._query_dense)
    k = np.repeat(_dense(key, layer._key_dense), repeats, axis=2)
    v = np.repeat(_dense(value, layer._value_dense), repeats, axis=2)
    scores = np.einsum("bqnh,bknh->bnqk", q, k) / np.sqrt(layer.head_dim)
    t, s = scores.shape[-2:]
    keep = np.ones((1, t, s), bool)
    if mask is not None:
        keep = keep & mask
    if causal:
        keep = keep & np.tril(np.ones((t, s), bool))[None]
    if window is not None:
        i, j = np.arange(t)[:, None], np.arange(s)[None, :]
        keep = keep & (np.abs(i - j) < window)[None]
    keep4 = keep[:, None].astype("float32")
    scores = scores + (1.0 - keep4) * -1e9
    e = np.exp(scores - scores.max(-1, keepdims=True))
    probs = e / e.sum(-1, keepdims=True) * keep4
    heads = np.einsum("bnqk,bknh->bqnh", probs, v)
    if layer.use_gate:
        heads = heads / (1 + np.exp(-_dense(query, layer._gate_dense)))
    return _dense(heads, layer._output_dense, 2), probs, _valid(keep)


def _valid(keep):
    """`(B|1, T)`: query rows that may attend to some key. The other
    rows are meaningless: the fused kernels (as Keras's) give them the
    mean of the values, the explicit softmax (as Keras's) zeros; tests
    compare only these rows."""
    return keep.any(-1)


def _data(seed, *shapes):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=s).astype("float32") for s in shapes]


CASES = {
    "cross": dict(),
    "key": dict(key=True),
    "mask": dict(mask=True),
    "causal": dict(causal=True, self=True),
    "causal_mask": dict(causal=True, mask=True, self=True),
    "window_gate": dict(window=2, gate=True, self=True),
}


@pytest.mark.parametrize("kv_heads", [1, 2, 4], ids=lambda n: f"kv{n}")
@pytest.mark.parametrize("scores", [False, True], ids=["fused", "explicit"])
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_gqa_matches_numpy_reference(case, scores, kv_heads):
    opts = CASES[case]
    query, value, key = _data(0, (2, 4, 6), (2, 5, 6), (2, 5, 3))
    if opts.get("self"):
        value = query
    mask = np.random.default_rng(1).random((2, 4, value.shape[1])) > 0.3
    layer = cornu.layers.GroupQueryAttention(
        head_dim=3,
        num_query_heads=4,
        num_key_value_heads=kv_heads,
        sliding_window=opts.get("window"),
        use_gate=opts.get("gate", False),
    )
    kwargs = dict(
        key=key if opts.get("key") else None,
        attention_mask=mask if opts.get("mask") else None,
        use_causal_mask=opts.get("causal", False),
        return_attention_scores=scores,
    )
    out = layer(query, value, **kwargs)
    want, want_probs, valid = reference_gqa(
        layer,
        query,
        value,
        key=kwargs["key"],
        mask=kwargs["attention_mask"],
        causal=kwargs["use_causal_mask"],
        window=opts.get("window"),
    )
    if scores:
        out, probs = out
        assert tuple(probs.shape) == (2, 4, 4, value.shape[1])
        assert_allclose(_np(probs), want_probs, rtol=1e-5, atol=1e-6)
    valid = np.broadcast_to(valid, want.shape[:2])
    assert_allclose(_np(out)[valid], want[valid], rtol=1e-5, atol=1e-5)


def test_gqa_weight_shapes_and_keras_3_paths():
    layer = cornu.layers.GroupQueryAttention(3, 4, 2, use_gate=True)
    layer(*_data(2, (1, 3, 4), (1, 5, 4)))
    saved = {
        path: tuple(tuple(v.shape) for v in obj._saved_variables())
        for path, obj in state_walk.walk(layer)
        if obj._saved_variables()
    }
    # Keras 3.15.1's h5 keys for this layer.
    assert saved == {
        "_query_dense": ((4, 4, 3), (4, 3)),
        "_key_dense": ((4, 2, 3), (2, 3)),
        "_gate_dense": ((4, 4, 3), (4, 3)),
        "_value_dense": ((4, 2, 3), (2, 3)),
        "_output_dense": ((4, 3, 4), (4,)),
    }


def test_gqa_masks_come_from_the_inputs():
    tokens = np.array([[3, 4, 5, 0], [6, 7, 0, 0]])
    x = cornu.layers.Embedding(10, 6, mask_zero=True)(tokens)
    layer = cornu.layers.GroupQueryAttention(2, 4, 2)
    out = layer(x, x)
    keep = tokens != 0
    want, _, _ = reference_gqa(
        layer, _np(x), _np(x), mask=keep[:, :, None] & keep[:, None, :]
    )
    assert_allclose(_np(out)[keep], want[keep], rtol=1e-5, atol=1e-5)


def test_gqa_dropout_only_in_training():
    (x,) = _data(3, (2, 5, 4))
    layer = cornu.layers.GroupQueryAttention(2, 2, 1, dropout=0.5, seed=2)
    inference = _np(layer(x, x))
    want, _, _ = reference_gqa(layer, x, x)
    assert_allclose(inference, want, rtol=1e-5, atol=1e-5)
    assert not np.allclose(_np(layer(x, x, training=True)), inference)


def test_gqa_run_layer_test():
    run_layer_test(
        cornu.layers.GroupQueryAttention,
        init_kwargs={
            "head_dim": 2,
            "num_query_heads": 4,
            "num_key_value_heads": 2,
        },
        input_shape=(2, 3, 4),
        call_kwargs={"value": _data(4, (2, 3, 4))[0]},
        expected_output_shape=(2, 3, 4),
        expected_num_trainable_weights=8,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


def test_gqa_symbolic_shapes_and_config():
    query, value = cornu.Input((4, 6)), cornu.Input((7, 6))
    layer = cornu.layers.GroupQueryAttention(3, 4, 2, sliding_window=3)
    out, scores = layer(query, value, return_attention_scores=True)
    assert tuple(out.shape) == (None, 4, 6)
    assert tuple(scores.shape) == (None, 4, 4, 7)
    config = layer.get_config()
    assert config["sliding_window"] == 3 and config["head_dim"] == 3
    clone = cornu.layers.GroupQueryAttention.from_config(config)
    assert clone.get_config() == config


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(num_key_value_heads=3), "divisible"),
        (dict(sliding_window=-2), "sliding_window=-2"),
        (dict(dropout=0.2, flash_attention=True), "dropout is not supported"),
    ],
)
def test_gqa_bad_arguments_raise(kwargs, match):
    args = dict(head_dim=2, num_query_heads=4, num_key_value_heads=2)
    with pytest.raises(ValueError, match=match):
        cornu.layers.GroupQueryAttention(**{**args, **kwargs})


def test_gqa_bad_shapes_and_flash_scores_raise():
    layer = cornu.layers.GroupQueryAttention(2, 4, 2)
    with pytest.raises(ValueError, match="last dimension"):
        layer.compute_output_shape((2, 3, 4), (2, 5, 6))
    with pytest.raises(ValueError, match="except the last one"):
        layer.compute_output_shape((2, 3, 4), (2, 5, 4), (2, 6, 4))
    layer = cornu.layers.GroupQueryAttention(2, 4, 2, flash_attention=True)
    x = _data(5, (1, 3, 4))[0]
    with pytest.raises(ValueError, match="flash attention is enabled"):
        layer(x, x, return_attention_scores=True)
