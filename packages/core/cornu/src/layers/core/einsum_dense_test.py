"""EinsumDense: kernel/bias shapes from the equation (Keras's cases),
the layer harness, values against NumPy, LoRA, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test

# (equation, bias_axes, input_shape, output_shape, kernel, bias, full)
CASES = [
    ("ab,bc->ac", "c", (2, 32), 64, (32, 64), (64,), (2, 64)),
    ("ab,bc->ac", None, (2, 32), (64,), (32, 64), None, (2, 64)),
    ("abc,cd->abd", "d", (2, 3, 4), (3, 5), (4, 5), (5,), (2, 3, 5)),
    (
        "abc,cde->abde",
        "be",
        (2, 3, 4),
        (3, 5, 6),
        (4, 5, 6),
        (3, 1, 6),
        (2, 3, 5, 6),
    ),
    ("...b,bc->...c", "c", (2, 3, 4, 8), 5, (8, 5), (5,), (2, 3, 4, 5)),
    ("...b,bc->...c", None, (2, 8), 5, (8, 5), None, (2, 5)),
    ("ab...,bc->ac...", "c", (2, 4, 3, 3), 5, (4, 5), (5, 1, 1), (2, 5, 3, 3)),
    ("abcd,cde->abe", "e", (2, 3, 4, 5), (3, 6), (4, 5, 6), (6,), (2, 3, 6)),
]


@pytest.mark.parametrize("eq, bias, in_shape, out, kernel, b, full", CASES)
def test_einsum_dense_weight_shapes_match_keras(
    eq, bias, in_shape, out, kernel, b, full
):
    layer = cornu.layers.EinsumDense(eq, out, bias_axes=bias)
    layer.build(in_shape)
    assert layer.kernel.shape == kernel
    assert (layer.bias.shape if layer.bias is not None else None) == b
    assert layer.full_output_shape == full
    assert layer.compute_output_shape(in_shape) == full
    assert [w.name for w in layer.weights] == (
        ["kernel", "bias"] if b else ["kernel"]
    )


@pytest.mark.parametrize("eq, bias, in_shape, out, kernel, b, full", CASES[2:5])
def test_einsum_dense_passes_the_layer_checks(
    eq, bias, in_shape, out, kernel, b, full
):
    run_layer_test(
        cornu.layers.EinsumDense,
        init_kwargs={
            "equation": eq,
            "output_shape": out,
            "bias_axes": bias,
            "activation": "relu",
        },
        input_shape=in_shape,
        expected_output_shape=full,
        expected_output_dtype="float32",
        expected_num_trainable_weights=2,
        expected_num_non_trainable_weights=0,
    )


@pytest.mark.parametrize("eq, bias, in_shape, out, kernel, b, full", CASES)
def test_einsum_dense_matches_numpy(eq, bias, in_shape, out, kernel, b, full):
    rng = np.random.default_rng(0)
    x = rng.normal(size=in_shape).astype("float32")
    layer = cornu.layers.EinsumDense(
        eq,
        out,
        bias_axes=bias,
        bias_initializer="random_normal",
        activation="tanh",
    )
    y = ops.convert_to_numpy(layer(x))
    want = np.einsum(eq, x, layer.kernel.numpy())
    if layer.bias is not None:
        want = want + layer.bias.numpy()
    assert_allclose(y, np.tanh(want), rtol=1e-5, atol=1e-6)


def test_einsum_dense_equals_dense_parameter_count():
    layer = cornu.layers.EinsumDense(
        "ab,bc->ac", output_shape=32, bias_axes="c"
    )
    layer.build((None, 784))
    assert layer.count_params() == 784 * 32 + 32


def test_einsum_dense_symbolic_with_unknown_sequence_length():
    layer = cornu.layers.EinsumDense(
        "abc,cd->abd", output_shape=(None, 64), bias_axes="d"
    )
    y = layer(cornu.KerasTensor((None, 32, 128)))
    assert y.shape == (None, 32, 64)


def test_einsum_dense_lora():
    x = np.random.default_rng(1).normal(size=(2, 3, 4)).astype("float32")
    layer = cornu.layers.EinsumDense("abc,cde->abde", (3, 5, 6))
    before = ops.convert_to_numpy(layer(x))
    layer.enable_lora(2)
    assert layer.lora_kernel_a.shape == (4, 5, 2)
    assert layer.lora_kernel_b.shape == (2, 6)
    assert_allclose(ops.convert_to_numpy(layer(x)), before, rtol=1e-6)
    assert [w.name for w in layer.trainable_weights] == [
        "lora_kernel_a",
        "lora_kernel_b",
    ]
    with pytest.raises(ValueError, match="already enabled"):
        layer.enable_lora(2)
    config = layer.get_config()
    assert (config["lora_rank"], config["lora_alpha"]) == (2, 2)


@pytest.mark.parametrize(
    "eq, bias, out, match",
    [
        ("ab->ac", None, 4, "Invalid einsum equation"),
        ("ab,bc->ad", None, 4, "Dimension 'd' was specified in the output"),
        ("ab,bcx->ac", None, 4, "Weight dimension 'x' did not have a match"),
        ("ab,bc->ac", "x", 4, "Bias dimension 'x' was requested"),
        ("abc,cd->abd", None, (7, 4), "do not match at shared dimension 'b'"),
    ],
)
def test_einsum_dense_explains_bad_equations(eq, bias, out, match):
    layer = cornu.layers.EinsumDense(eq, out, bias_axes=bias)
    with pytest.raises(ValueError, match=match):
        layer.build((2, 3, 5) if eq.startswith("abc") else (2, 3))


def test_einsum_dense_rejects_the_wrong_rank_after_build():
    layer = cornu.layers.EinsumDense("ab,bc->ac", 4, name="ed_rank")
    layer(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match="expected ndim=2, found ndim=3"):
        layer(np.ones((2, 3, 3), "float32"))


def test_quantization_arguments_none_round_trip_and_other_values_raise():
    layer = cornu.layers.EinsumDense(
        "ab,bc->ac", 3, quantization_config=None, gptq_unpacked_column_size=None
    )
    config = layer.get_config()
    assert config["quantization_config"] is None
    assert "gptq_unpacked_column_size" not in config
    assert cornu.layers.EinsumDense.from_config(config).equation == "ab,bc->ac"
    with pytest.raises(ValueError, match="Received: quantization_config="):
        cornu.layers.EinsumDense("ab,bc->ac", 3, quantization_config="int8")
    with pytest.raises(ValueError, match="gptq_unpacked_column_size=4"):
        cornu.layers.EinsumDense("ab,bc->ac", 3, gptq_unpacked_column_size=4)
