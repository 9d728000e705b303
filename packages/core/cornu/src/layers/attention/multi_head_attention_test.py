"""MultiHeadAttention: values against a NumPy attention (masks, causal,
sliding window, gate, attention axes), fused = explicit path, input masks,
the layer harness, symbolic shapes, saving, Keras 3's weight paths,
errors and a training run."""

import os

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.saving import state_walk
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


def _np(x):
    return ops.convert_to_numpy(x)


def _softmax(x, axes):
    x = x - x.max(axis=axes, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=axes, keepdims=True)


def _masked_softmax(scores, mask, axes):
    """Keras's masked softmax: masked logits get -1e9, masked
    probabilities are then zeroed (fully masked rows give zeros)."""
    if mask is None:
        return _softmax(scores, axes)
    scores = scores + (1.0 - mask) * -1e9
    return _softmax(scores, axes) * mask


def _project(x, layer, contract=1):
    """NumPy EinsumDense projection contracting the last `contract` axes
    of `x` with the first ones of the kernel, plus the bias."""
    axes = (list(range(x.ndim - contract, x.ndim)), list(range(contract)))
    out = np.tensordot(x, _np(layer.kernel), axes=axes)
    if layer.bias is not None:
        out = out + _np(layer.bias)
    return out


def reference_mha(
    layer, query, value, key=None, mask=None, causal=False, window=None
):
    """NumPy multi-head attention over axis 1 of `(B, T, d)` inputs;
    `mask` is a `(B, T, S)` boolean (True = attend). Returns (output,
    probabilities `(B, N, T, S)`)."""
    key = value if key is None else key
    q = _project(query, layer.query_dense)
    k = _project(key, layer.key_dense)
    v = _project(value, layer.value_dense)
    scores = np.einsum("btnh,bsnh->bnts", q, k) / np.sqrt(layer.key_dim)
    t, s = scores.shape[-2:]
    keep = np.ones((1, t, s), bool)
    if mask is not None:
        keep = keep & mask
    if causal:
        keep = keep & np.tril(np.ones((t, s), bool))[None]
    if window is not None:
        i, j = np.arange(t)[:, None], np.arange(s)[None, :]
        keep = keep & (np.abs(i - j) < window)[None]
    probs = _masked_softmax(scores, keep[:, None].astype("float32"), -1)
    heads = np.einsum("bnts,bsnh->btnh", probs, v)
    if layer._use_gate:
        heads = heads * (1 / (1 + np.exp(-_project(query, layer._gate_dense))))
    return _project(heads, layer.output_dense, 2), probs, _valid(keep)


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
    "self": dict(),
    "cross_key": dict(key=True),
    "mask": dict(mask=True),
    "causal": dict(causal=True),
    "causal_and_mask": dict(causal=True, mask=True),
    "window": dict(window=2),
    "causal_window_gate": dict(causal=True, window=2, gate=True),
}


@pytest.mark.parametrize("scores", [False, True], ids=["fused", "explicit"])
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_mha_matches_numpy_reference(case, scores):
    opts = CASES[case]
    query, value, key = _data(0, (2, 4, 6), (2, 5, 6), (2, 5, 3))
    if case in ("self", "causal", "window", "causal_window_gate"):
        value = query
    mask = np.random.default_rng(1).random((2, 4, value.shape[1])) > 0.3
    layer = cornu.layers.MultiHeadAttention(
        num_heads=2,
        key_dim=3,
        value_dim=4,
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
    want, want_probs, valid = reference_mha(
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
        assert_allclose(_np(probs), want_probs, rtol=1e-5, atol=1e-6)
    valid = np.broadcast_to(valid, want.shape[:2])
    assert_allclose(_np(out)[valid], want[valid], rtol=1e-5, atol=1e-5)


def test_mha_output_shape_value_dim_and_no_bias():
    query, value = _data(2, (2, 3, 5), (2, 4, 7))
    layer = cornu.layers.MultiHeadAttention(
        num_heads=3, key_dim=2, value_dim=4, output_shape=8, use_bias=False
    )
    out = layer(query, value)
    assert tuple(out.shape) == (2, 3, 8)
    assert [tuple(w.shape) for w in layer.weights] == [
        (5, 3, 2),
        (7, 3, 2),
        (7, 3, 4),
        (3, 4, 8),
    ]
    want, _, _ = reference_mha(layer, query, value)
    assert_allclose(_np(out), want, rtol=1e-5, atol=1e-5)


def test_mha_attention_axes_two_dims_matches_reference():
    (x,) = _data(3, (2, 3, 4, 5))
    layer = cornu.layers.MultiHeadAttention(
        num_heads=2, key_dim=3, attention_axes=(1, 2)
    )
    out, probs = layer(x, x, return_attention_scores=True)
    assert tuple(probs.shape) == (2, 2, 3, 4, 3, 4)
    q = _project(x, layer.query_dense)
    k = _project(x, layer.key_dense)
    v = _project(x, layer.value_dense)
    scores = np.einsum("bxynh,buvnh->bnxyuv", q, k) / np.sqrt(3)
    want_probs = _softmax(scores, (-2, -1))
    heads = np.einsum("bnxyuv,buvnh->bxynh", want_probs, v)
    assert_allclose(_np(probs), want_probs, rtol=1e-5, atol=1e-6)
    assert_allclose(
        _np(out), _project(heads, layer.output_dense, 2), rtol=1e-5, atol=1e-5
    )


def test_mha_attention_axes_int_is_normalized():
    (x,) = _data(3, (2, 3, 4, 5))
    layer = cornu.layers.MultiHeadAttention(2, 3, attention_axes=2)
    _, probs = layer(x, x, return_attention_scores=True)
    # Attention over axis 2 only: axis 1 joins the batch dims.
    assert tuple(probs.shape) == (2, 3, 2, 4, 4)
    assert layer.attention_axes == (2,)


def test_mha_fused_and_explicit_paths_agree_with_flash_off():
    query, value = _data(4, (2, 6, 8), (2, 7, 8))
    mask = np.random.default_rng(5).random((2, 6, 7)) > 0.4
    layer = cornu.layers.MultiHeadAttention(4, 2, flash_attention=False)
    fused = layer(query, value, attention_mask=mask)
    explicit, _ = layer(
        query, value, attention_mask=mask, return_attention_scores=True
    )
    assert_allclose(_np(fused), _np(explicit), rtol=1e-5, atol=1e-5)


def test_mha_masks_come_from_the_inputs():
    tokens = np.array([[3, 4, 5, 0, 0], [6, 7, 0, 0, 0]])
    embed = cornu.layers.Embedding(10, 6, mask_zero=True)
    x = embed(tokens)
    layer = cornu.layers.MultiHeadAttention(2, 3)
    out = layer(x, x)
    keep = tokens != 0
    mask = keep[:, :, None] & keep[:, None, :]
    want, _, _ = reference_mha(layer, _np(x), _np(x), mask=mask)
    # Padded query rows attend to nothing: the fused kernels (as in Keras)
    # give them the mean of the values there, the explicit softmax zeros;
    # both are meaningless, so only the real positions are compared.
    assert_allclose(_np(out)[keep], want[keep], rtol=1e-5, atol=1e-5)
    out_mask = cornu.src.backend.common.masking.get_keras_mask(out)
    np.testing.assert_array_equal(_np(out_mask), keep)


def test_mha_padded_and_unpadded_sequences_agree():
    embed = cornu.layers.Embedding(10, 6, mask_zero=True)
    layer = cornu.layers.MultiHeadAttention(2, 3)
    padded = embed(np.array([[3, 4, 5, 0, 0]]))
    plain = embed(np.array([[3, 4, 5]]))
    a = _np(layer(padded, padded))[:, :3]
    b = _np(layer(plain, plain))
    assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_mha_dropout_only_in_training_and_seeded():
    (x,) = _data(6, (2, 5, 4))
    layer = cornu.layers.MultiHeadAttention(2, 2, dropout=0.5, seed=1)
    inference = _np(layer(x, x))
    again = _np(layer(x, x, training=False))
    assert_allclose(inference, again, rtol=0, atol=0)
    want, _, _ = reference_mha(layer, x, x)
    assert_allclose(inference, want, rtol=1e-5, atol=1e-5)
    trained = _np(layer(x, x, training=True))
    assert not np.allclose(trained, inference)


def test_mha_run_layer_test():
    run_layer_test(
        cornu.layers.MultiHeadAttention,
        init_kwargs={"num_heads": 2, "key_dim": 3, "value_dim": 4},
        input_shape=(2, 4, 6),
        call_kwargs={"value": _data(7, (2, 4, 6))[0]},
        expected_output_shape=(2, 4, 6),
        expected_num_trainable_weights=8,
        expected_num_non_trainable_weights=0,
        supports_masking=True,
    )


def test_mha_functional_model_shapes_and_save_round_trip(tmp_path):
    query = cornu.Input((4, 6))
    value = cornu.Input((5, 3))
    layer = cornu.layers.MultiHeadAttention(2, 3, output_shape=(2, 7))
    out, scores = layer(query, value, return_attention_scores=True)
    assert tuple(out.shape) == (None, 4, 2, 7)
    assert tuple(scores.shape) == (None, 2, 4, 5)
    model = cornu.Model([query, value], [out, scores])
    data = _data(8, (2, 4, 6), (2, 5, 3))
    want = [_np(t) for t in model(data)]
    path = os.path.join(tmp_path, "mha.cornu")
    model.save(path)
    loaded = cornu.saving.load_model(path)
    for got, expected in zip(loaded(data), want, strict=True):
        assert_allclose(_np(got), expected, rtol=0, atol=0)


def test_mha_saved_paths_are_keras_3s():
    layer = cornu.layers.MultiHeadAttention(2, 3, use_gate=True)
    layer(*_data(9, (1, 3, 4), (1, 5, 4)))
    saved = {
        path: tuple(tuple(v.shape) for v in obj._saved_variables())
        for path, obj in state_walk.walk(layer)
        if obj._saved_variables()
    }
    # What Keras 3.15.1 writes for this layer (its h5 keys, less
    # "vars/<i>").
    assert saved == {
        "query_dense": ((4, 2, 3), (2, 3)),
        "key_dense": ((4, 2, 3), (2, 3)),
        "value_dense": ((4, 2, 3), (2, 3)),
        "output_dense": ((2, 3, 4), (4,)),
        "_gate_dense": ((4, 2, 3), (2, 3)),
    }


def test_mha_get_config_keys_and_round_trip():
    layer = cornu.layers.MultiHeadAttention(
        2, 3, output_shape=5, attention_axes=1, sliding_window=4, seed=3
    )
    config = layer.get_config()
    for key in (
        "num_heads",
        "key_dim",
        "value_dim",
        "dropout",
        "use_bias",
        "use_gate",
        "output_shape",
        "attention_axes",
        "sliding_window",
        "kernel_initializer",
        "bias_initializer",
        "kernel_regularizer",
        "bias_regularizer",
        "activity_regularizer",
        "kernel_constraint",
        "bias_constraint",
        "seed",
    ):
        assert key in config, key
    assert config["output_shape"] == (5,)
    assert config["attention_axes"] == (1,)
    assert config["value_dim"] == 3
    clone = cornu.layers.MultiHeadAttention.from_config(config)
    assert clone.get_config() == config


def test_mha_regularizers_add_losses():
    layer = cornu.layers.MultiHeadAttention(
        2, 3, kernel_regularizer="l2", activity_regularizer="l1"
    )
    x = _data(10, (2, 3, 4))[0]
    layer(x, x)
    # Four kernels plus four projections' activities.
    assert len(layer.losses) == 8


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(num_heads=0, key_dim=2), r"num_heads=0"),
        (dict(num_heads=2, key_dim="a"), r"key_dim='a'"),
        (dict(num_heads=2, key_dim=2, value_dim=-1), r"value_dim=-1"),
        (dict(num_heads=2, key_dim=2, output_shape="x"), "output_shape"),
        (dict(num_heads=2, key_dim=2, attention_axes="x"), "attention_axes"),
        (dict(num_heads=2, key_dim=2, sliding_window=0), "sliding_window=0"),
        (
            dict(num_heads=2, key_dim=2, dropout=0.1, flash_attention=True),
            "dropout is not supported",
        ),
    ],
)
def test_mha_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.MultiHeadAttention(**kwargs)


def test_mha_bad_key_shape_and_flash_scores_raise():
    query, value, key = _data(11, (2, 3, 4), (2, 5, 4), (2, 6, 4))
    layer = cornu.layers.MultiHeadAttention(2, 2)
    with pytest.raises(ValueError, match="must be equal"):
        layer(query, value, key=key)
    layer = cornu.layers.MultiHeadAttention(2, 2, flash_attention=True)
    with pytest.raises(ValueError, match="flash attention is enabled"):
        layer(query, value, return_attention_scores=True)


@pytest.mark.requires_capability("training")
def test_mha_learns_a_teacher_attention():
    rng = np.random.default_rng(12)
    x = rng.normal(size=(256, 6, 4)).astype("float32")
    teacher = cornu.layers.MultiHeadAttention(2, 4, seed=0)
    y = _np(teacher(x, x, use_causal_mask=True))

    inputs = cornu.Input((6, 4))
    student = cornu.layers.MultiHeadAttention(2, 4)
    outputs = student(inputs, inputs, use_causal_mask=True)
    model = cornu.Model(inputs, outputs)
    model.compile(cornu.optimizers.Adam(0.02), "mse")
    first = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=40, batch_size=32, verbose=0)
    last = model.evaluate(x, y, verbose=0)
    assert last < first / 10, (first, last)
