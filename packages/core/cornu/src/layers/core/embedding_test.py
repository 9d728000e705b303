"""Embedding: the layer harness, lookups, masks, weights, LoRA, errors."""

import numpy as np
import pytest

import cornu
from cornu import ops

# No public getter exists (Keras keeps it private too).
from cornu.src.backend.common.masking import get_keras_mask
from cornu.testing import assert_allclose
from cornu.testing import run_layer_test


@pytest.mark.parametrize("mask_zero", [False, True])
def test_embedding_passes_the_layer_checks(mask_zero):
    run_layer_test(
        cornu.layers.Embedding,
        init_kwargs={"input_dim": 5, "output_dim": 4, "mask_zero": mask_zero},
        input_shape=(2, 3),
        input_dtype="int32",
        expected_output_shape=(2, 3, 4),
        expected_output_dtype="float32",
        expected_num_trainable_weights=1,
        expected_num_non_trainable_weights=0,
        expected_mask_shape=(2, 3) if mask_zero else None,
        supports_masking=mask_zero,
    )


def test_embedding_on_rank_1_and_rank_3_indices():
    run_layer_test(
        cornu.layers.Embedding,
        init_kwargs={"input_dim": 5, "output_dim": 2},
        input_shape=(2, 3, 2),
        input_dtype="int64",
        expected_output_shape=(2, 3, 2, 2),
    )
    y = cornu.layers.Embedding(5, 2)(np.array([1, 4]))
    assert ops.shape(y) == (2, 2)


@pytest.mark.parametrize("dtype", ["int32", "int64", "float32"])
def test_embedding_looks_up_rows(dtype):
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(6, 3)).astype("float32")
    ids = rng.integers(0, 6, size=(4, 5)).astype(dtype)
    layer = cornu.layers.Embedding(6, 3, weights=matrix)
    assert layer.built
    y = ops.convert_to_numpy(layer(ids))
    assert_allclose(y, matrix[ids.astype("int64")], rtol=1e-6)


def test_embedding_mask_zero_masks_padding():
    ids = np.array([[3, 1, 0, 0], [2, 0, 4, 0]])
    y = cornu.layers.Embedding(5, 2, mask_zero=True)(ids)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(get_keras_mask(y)), ids != 0
    )


def test_embedding_default_initializer_is_uniform_005_and_counts():
    layer = cornu.layers.Embedding(1000, 64)
    layer.build()
    assert layer.count_params() == 64000  # as Keras
    (matrix,) = layer.get_weights()
    assert matrix.shape == (1000, 64) and layer.weights[0].name == (
        "embeddings"
    )
    assert np.abs(matrix).max() <= 0.05 and matrix.std() > 0.02
    config = layer.get_config()
    assert config["embeddings_initializer"]["class_name"] == "RandomUniform"


def test_embedding_mixed_precision_outputs_the_compute_dtype():
    layer = cornu.layers.Embedding(5, 2, dtype="mixed_float16")
    y = layer(np.array([[1, 2]]))
    assert cornu.backend.standardize_dtype(y.dtype) == "float16"
    assert layer.embeddings.dtype == "float32"


def test_embedding_lora_starts_at_the_frozen_matrix():
    ids = np.array([[1, 2, 3]])
    layer = cornu.layers.Embedding(5, 4, lora_rank=2)
    before = layer(ids)
    assert [w.name for w in layer.trainable_weights] == [
        "lora_embeddings_a",
        "lora_embeddings_b",
    ]
    assert_allclose(
        ops.convert_to_numpy(before),
        layer._embeddings.numpy()[ids],
        rtol=1e-6,
    )
    layer.lora_embeddings_b.assign(np.ones((2, 4), "float32"))
    want = layer._embeddings.numpy() + layer.lora_embeddings_a.numpy() @ (
        np.ones((2, 4))
    )
    assert_allclose(ops.convert_to_numpy(layer(ids)), want[ids], rtol=1e-5)
    assert layer.get_config()["lora_rank"] == 2
    with pytest.raises(ValueError, match="already enabled"):
        layer.enable_lora(2)


def test_embedding_lora_refuses_constraints():
    layer = cornu.layers.Embedding(5, 4, embeddings_constraint="non_neg")
    layer.build()
    with pytest.raises(ValueError, match="incompatible with embedding const"):
        layer.enable_lora(2)


@pytest.mark.parametrize("kwargs", [{"input_dim": 0}, {"output_dim": 2.5}])
def test_embedding_rejects_bad_sizes(kwargs):
    args = {"input_dim": 3, "output_dim": 2, **kwargs}
    with pytest.raises(ValueError, match="positive integer"):
        cornu.layers.Embedding(**args)


def test_embedding_rejects_weights_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        cornu.layers.Embedding(3, 2, weights=np.zeros((2, 2), "float32"))


def test_embedding_warns_on_input_length():
    with pytest.warns(UserWarning, match="input_length"):
        cornu.layers.Embedding(3, 2, input_length=4)


@pytest.mark.parametrize(
    "cls", [cornu.layers.Embedding, cornu.layers.ReversibleEmbedding]
)
def test_quantization_config_none_round_trips_and_other_values_raise(cls):
    layer = cls(5, 2, quantization_config=None)
    config = layer.get_config()
    assert config["quantization_config"] is None
    assert cls.from_config(config).output_dim == 2
    with pytest.raises(ValueError, match=f"{cls.__name__} does not support"):
        cls(5, 2, quantization_config={"mode": "int8"})
