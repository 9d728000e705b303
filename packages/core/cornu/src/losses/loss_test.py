import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.backend.common import masking
from cornu.src.losses import loss as loss_lib


class SquaredError(cornu.losses.Loss):
    """Per-entry squared error, no reduction over any axis."""

    def call(self, y_true, y_pred):
        return ops.square(y_pred - y_true)


class MeanSquare(cornu.losses.Loss):
    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)


def _numpy(x):
    return np.asarray(ops.convert_to_numpy(x), dtype="float64")


def _data(shape=(3, 4), seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=shape).astype("float32"),
        rng.normal(size=shape).astype("float32"),
    )


@pytest.mark.parametrize("reduction", ["auto", "max", 1, "SUM"])
def test_unknown_reduction_is_refused(reduction):
    with pytest.raises(ValueError, match="Invalid value for argument"):
        MeanSquare(reduction=reduction)
    with pytest.raises(ValueError, match=r"Received: reduction="):
        loss_lib.reduce_weighted_values(np.ones(2), reduction=reduction)


def test_name_must_be_a_string():
    with pytest.raises(TypeError, match="expects `name` to be a string"):
        MeanSquare(name=3)


def test_call_must_be_implemented():
    with pytest.raises(NotImplementedError, match="must implement `call"):
        cornu.losses.Loss()(np.ones(2), np.ones(2))


def test_default_names_are_unique_snake_case():
    assert MeanSquare().name == "mean_square"
    assert MeanSquare().name == "mean_square_1"
    assert MeanSquare(name="mine").name == "mine"


def test_config_round_trip_of_a_subclass():
    loss = MeanSquare(name="mine", reduction="sum")
    assert loss.get_config() == {"name": "mine", "reduction": "sum"}
    clone = MeanSquare.from_config(loss.get_config())
    assert (clone.name, clone.reduction) == ("mine", "sum")


@pytest.mark.parametrize(
    "shape1, shape2, expected1, expected2",
    [
        ((4, 1), (4,), (4, 1), (4, 1)),
        ((4,), (4, 1), (4, 1), (4, 1)),
        ((4, 3, 1), (4, 3), (4, 3), (4, 3)),
        ((4, 3), (4, 3, 1), (4, 3), (4, 3)),
        ((4, 3), (4,), (4, 3), (4,)),
        ((4, 3), (4, 3), (4, 3), (4, 3)),
        ((4, 1, 2), (4,), (4, 1, 2), (4,)),
    ],
    ids=str,
)
def test_squeeze_or_expand_to_same_rank(shape1, shape2, expected1, expected2):
    x1, x2 = loss_lib.squeeze_or_expand_to_same_rank(
        ops.ones(shape1), ops.ones(shape2)
    )
    assert (tuple(x1.shape), tuple(x2.shape)) == (expected1, expected2)


def test_squeeze_without_expanding_rank_1():
    x1, x2 = loss_lib.squeeze_or_expand_to_same_rank(
        ops.ones((4, 1)), ops.ones((4,)), expand_rank_1=False
    )
    assert (tuple(x1.shape), tuple(x2.shape)) == ((4,), (4,))


def test_scalars_and_empty_vectors_are_not_reduced():
    scalar = ops.convert_to_tensor(2.5)
    assert float(loss_lib.reduce_values(scalar, reduction="sum")) == 2.5
    empty = ops.zeros((0,))
    assert tuple(loss_lib.reduce_values(empty).shape) == (0,)


def test_mean_with_sample_weight_of_zero_weights_is_zero():
    values = ops.convert_to_tensor([1.0, 2.0])
    out = loss_lib.reduce_weighted_values(
        values, sample_weight=[0.0, 0.0], reduction="mean_with_sample_weight"
    )
    assert float(out) == 0.0


@pytest.mark.parametrize(
    "reduction",
    ["sum", "sum_over_batch_size", "mean", "mean_with_sample_weight", None],
)
@pytest.mark.parametrize("weighted", [False, True], ids=["plain", "weighted"])
def test_mask_on_y_pred_averages_over_valid_entries(reduction, weighted):
    y_true, y_pred = _data((3, 4))
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]], dtype=bool)
    weight = np.array([0.5, 2.0, 1.0], "float32")
    y_pred = ops.convert_to_tensor(y_pred)
    masking.set_keras_mask(y_pred, ops.convert_to_tensor(mask))
    loss = SquaredError(reduction=reduction)
    out = _numpy(loss(y_true, y_pred, weight if weighted else None))
    values = (_numpy(y_pred) - y_true) ** 2
    w = (weight[:, None] if weighted else np.ones((3, 1))) * mask
    if reduction is None:
        np.testing.assert_allclose(out, values * w, rtol=1e-5)
        return
    total = {
        "sum": 1.0,
        "sum_over_batch_size": mask.sum(),
        "mean": mask.sum(),
        "mean_with_sample_weight": w.sum(),
    }[reduction]
    np.testing.assert_allclose(out, (values * w).sum() / total, rtol=1e-5)


def test_mask_on_y_pred_and_on_the_values_are_combined():
    y_true = np.array([[0, 1, 2]])
    y_pred = ops.convert_to_tensor(np.full((1, 3, 3), 1 / 3, "float32"))
    masking.set_keras_mask(y_pred, ops.convert_to_tensor([[True, True, False]]))
    loss = cornu.losses.SparseCategoricalCrossentropy(ignore_class=0)
    # Only the entry labelled 1 is neither ignored nor masked.
    np.testing.assert_allclose(_numpy(loss(y_true, y_pred)), np.log(3), 1e-5)


def test_fully_masked_batch_gives_zero():
    y_pred = ops.convert_to_tensor(np.ones((2, 3), "float32"))
    masking.set_keras_mask(y_pred, ops.zeros((2, 3), dtype="bool"))
    assert float(SquaredError()(np.zeros((2, 3)), y_pred)) == 0.0


@pytest.mark.parametrize("weight_shape", [(3,), (3, 1), (3, 4)], ids=str)
def test_sample_weight_broadcasts_from_the_batch_axis(weight_shape):
    y_true, y_pred = _data((3, 4))
    weight = np.random.default_rng(1).uniform(size=weight_shape)
    weight = weight.astype("float32")
    out = SquaredError(reduction="sum")(y_true, y_pred, weight)
    full = np.broadcast_to(weight.reshape(3, -1), (3, 4))
    expected = ((y_pred - y_true) ** 2 * full).sum()
    np.testing.assert_allclose(_numpy(out), expected, rtol=1e-5)


def test_square_batch_weights_follow_the_batch_axis():
    # Keras multiplies (batch, time) values by (batch,) weights along the
    # last axis; cornu aligns them with the batch axis (see loss.py).
    y_true, y_pred = _data((3, 3))
    weight = np.array([1.0, 0.0, 0.0], "float32")
    out = SquaredError(reduction="sum")(y_true, y_pred, weight)
    np.testing.assert_allclose(
        _numpy(out), ((y_pred - y_true) ** 2)[0].sum(), rtol=1e-5
    )


def test_python_lists_are_one_tensor_each():
    out = MeanSquare()([[0.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 3.0]])
    assert float(out) == 1.5


def test_nested_structures_are_converted_leaf_by_leaf():
    class TwoHeads(cornu.losses.Loss):
        def call(self, y_true, y_pred):
            a = ops.mean(ops.square(y_pred["a"] - y_true["a"]), axis=-1)
            b = ops.mean(ops.abs(y_pred["b"] - y_true["b"]), axis=-1)
            return a + b

    y_true = {"a": np.zeros((2, 2)), "b": np.zeros((2, 2))}
    y_pred = {"a": np.ones((2, 2)), "b": np.full((2, 2), 2.0)}
    assert float(TwoHeads()(y_true, y_pred)) == 3.0


def test_dtype_argument_sets_the_computation_dtype():
    y_true, y_pred = _data((2, 3))
    loss = MeanSquare(dtype="float16")
    assert loss.dtype == "float16"
    out = loss(y_true, y_pred)
    assert cornu.backend.standardize_dtype(out.dtype) == "float16"
    expected = ((y_pred - y_true) ** 2).mean()
    np.testing.assert_allclose(_numpy(out), expected, rtol=1e-2)


def test_mixed_precision_policy_uses_its_compute_dtype():
    policy = cornu.dtype_policies.DTypePolicy("mixed_float16")
    assert MeanSquare(dtype=policy).dtype == "float16"
    assert MeanSquare(dtype="mixed_bfloat16").dtype == "bfloat16"


def test_default_dtype_is_floatx_and_ignores_the_global_policy():
    with cornu.config.scope(floatx="float16"):
        assert MeanSquare().dtype == "float16"
    assert MeanSquare().dtype == "float32"
    half = np.ones((2, 3), "float16")
    out = MeanSquare()(half, half * 2)
    assert cornu.backend.standardize_dtype(out.dtype) == "float32"
