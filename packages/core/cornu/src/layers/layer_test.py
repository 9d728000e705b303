"""Tests of the `Layer` base: state, build, call, masks, losses, config."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.testing.assertions import assert_allclose


class Linear(cornu.layers.Layer):
    def __init__(self, units, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), name="kernel"
        )
        if self.use_bias:
            self.bias = self.add_weight(
                shape=(self.units,), initializer="zeros", name="bias"
            )
        self.input_spec = cornu.InputSpec(
            min_ndim=2, axes={-1: input_shape[-1]}
        )

    def call(self, x):
        y = ops.matmul(x, self.kernel)
        return y + self.bias if self.use_bias else y


class Stack(cornu.layers.Layer):
    """Sub-layers in a list and a dict."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.blocks = [Linear(4), Linear(3)]
        self.heads = {"out": Linear(2)}

    def call(self, x):
        for block in self.blocks:
            x = block(x)
        return self.heads["out"](x)


def _x(shape=(2, 5), seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def test_lazy_build_creates_weights_from_the_input_shape():
    layer = Linear(3)
    assert not layer.built and layer.weights == []
    y = layer(_x())
    assert layer.built
    assert [w.shape for w in layer.weights] == [(5, 3), (3,)]
    kernel, bias = layer.get_weights()
    assert_allclose(ops.convert_to_numpy(y), _x() @ kernel + bias, rtol=1e-5)
    assert layer.count_params() == 18


def test_weight_paths_follow_the_layer_nesting():
    cornu.backend.clear_session()
    model = Stack()
    model(_x())
    assert [w.path for w in model.weights] == [
        "stack/linear/kernel",
        "stack/linear/bias",
        "stack/linear_1/kernel",
        "stack/linear_1/bias",
        "stack/linear_2/kernel",
        "stack/linear_2/bias",
    ]
    assert len(model._layers) == 3


def test_layers_appended_to_a_list_after_assignment_are_tracked():
    class Late(cornu.layers.Layer):
        def __init__(self):
            super().__init__()
            self.blocks = []
            self.blocks.append(Linear(2))

        def call(self, x):
            return self.blocks[0](x)

    layer = Late()
    layer(_x())
    assert len(layer.weights) == 2


def test_freezing_a_layer_freezes_its_sublayers():
    model = Stack()
    model(_x())
    assert len(model.trainable_weights) == 6
    model.trainable = False
    assert model.trainable_weights == []
    assert len(model.non_trainable_weights) == 6
    assert not model.blocks[0].trainable
    model.trainable = True
    assert len(model.trainable_weights) == 6


def test_set_weights_round_trip_and_errors():
    a, b = Linear(3), Linear(3)
    a(_x())
    b(_x())
    b.set_weights(a.get_weights())
    assert_allclose(
        ops.convert_to_numpy(a(_x())), ops.convert_to_numpy(b(_x()))
    )
    with pytest.raises(ValueError, match="expects 2 weight arrays"):
        b.set_weights([np.zeros((5, 3))])
    with pytest.raises(ValueError, match=r"has shape \(5, 3\)"):
        b.set_weights([np.zeros((4, 3)), np.zeros((3,))])


def test_count_params_before_build_is_explained():
    with pytest.raises(ValueError, match="isn't built"):
        Linear(3).count_params()


def test_input_spec_rejects_a_different_last_dim_after_build():
    layer = Linear(3)
    layer(_x((2, 5)))
    with pytest.raises(ValueError, match=r"linear.*axis -1.*value 5.*\(2, 4\)"):
        layer(_x((2, 4)))
    with pytest.raises(ValueError, match=r"min_ndim=2, found ndim=1"):
        layer(np.ones((5,), "float32"))


def test_symbolic_call_returns_a_keras_tensor_with_history():
    layer = Linear(3)
    x = cornu.KerasTensor((None, 5))
    y = layer(x)
    assert isinstance(y, cornu.KerasTensor)
    assert y.shape == (None, 3)
    assert y._history[0] is layer
    assert layer.built and layer.input is x and layer.output is y


def test_compute_output_shape_defaults_to_a_symbolic_call():
    assert Linear(7).compute_output_shape((None, 5)) == (None, 7)


def test_training_flag_propagates_to_sublayers():
    seen = []

    class Probe(cornu.layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class Outer(cornu.layers.Layer):
        def __init__(self):
            super().__init__()
            self.probe = Probe()

        def call(self, x, training=False):
            return self.probe(x)

    outer = Outer()
    outer(_x(), training=True)
    outer(_x())
    assert seen == [True, False]


def test_masks_propagate_to_layers_that_take_a_mask():
    received = []

    class MakeMask(cornu.layers.Layer):
        def call(self, x):
            return x

        def compute_mask(self, x, previous_mask=None):
            return ops.not_equal(x, 0)

    class UseMask(cornu.layers.Layer):
        def call(self, x, mask=None):
            received.append(mask)
            return x

    x = np.array([[1.0, 0.0, 2.0]], "float32")
    UseMask()(MakeMask()(x))
    assert ops.convert_to_numpy(received[0]).tolist() == [[True, False, True]]


def test_losses_describe_the_last_call_and_include_regularizers():
    class Penalized(cornu.layers.Layer):
        def call(self, x):
            self.add_loss(ops.sum(x))
            return x

    layer = Penalized()
    layer(np.ones((2, 2), "float32"))
    layer(np.ones((2, 2), "float32"))
    assert [float(ops.convert_to_numpy(v)) for v in layer.losses] == [4.0]

    dense = Linear(2)
    dense(_x())
    dense.kernel.regularizer = cornu.regularizers.L2(0.5)
    expected = 0.5 * np.sum(dense.kernel.numpy() ** 2)
    assert_allclose(
        float(ops.convert_to_numpy(dense.losses[0])), expected, rtol=1e-5
    )


def test_activity_regularizer_adds_a_loss_per_call():
    layer = Linear(2, activity_regularizer=cornu.regularizers.L1(0.1))
    y = ops.convert_to_numpy(layer(_x()))
    # Divided by the batch size, as in Keras 3.
    expected = 0.1 * np.abs(y).sum() / y.shape[0]
    assert len(layer.losses) == 1
    assert_allclose(
        float(ops.convert_to_numpy(layer.losses[0])), expected, rtol=1e-5
    )


def test_mixed_precision_computes_in_float16_with_float32_weights():
    layer = Linear(3, dtype="mixed_float16")
    y = layer(_x())
    assert layer.kernel.dtype == "float32"
    assert cornu.backend.standardize_dtype(y.dtype) == "float16"
    assert layer.compute_dtype == "float16"


def test_stateless_call_uses_the_given_values():
    layer = Linear(2)
    x = _x()
    layer(x)
    zeros = [ops.zeros(v.shape) for v in layer.trainable_variables]
    y, non_trainable = layer.stateless_call(zeros, [], x)
    assert non_trainable == []
    assert_allclose(ops.convert_to_numpy(y), np.zeros((2, 2)))
    assert float(np.abs(layer.kernel.numpy()).sum()) > 0
    with pytest.raises(ValueError, match="expects 2 trainable_variables"):
        layer.stateless_call(zeros[:1], [], x)


def test_get_config_records_constructor_arguments():
    layer = Linear(4, use_bias=False, name="proj")
    config = layer.get_config()
    assert config["units"] == 4 and config["use_bias"] is False
    assert config["name"] == "proj"
    clone = Linear.from_config(config)
    assert clone.units == 4 and not clone.use_bias and clone.name == "proj"


def test_get_config_without_serializable_arguments_is_explained():
    class Holder(cornu.layers.Layer):
        def __init__(self, fn):
            super().__init__()
            self.fn = fn

    with pytest.raises(NotImplementedError, match="Implement `get_config"):
        Holder(lambda x: x).get_config()


def test_build_config_round_trip():
    layer = Linear(3)
    layer(_x((2, 6)))
    config = layer.get_build_config()
    assert config == {"input_shape": (2, 6)}
    clone = Linear.from_config(layer.get_config())
    clone.build_from_config(config)
    assert [w.shape for w in clone.weights] == [(6, 3), (3,)]


def test_unknown_constructor_keyword_is_explained():
    with pytest.raises(ValueError, match="Unrecognized keyword arguments"):
        Linear(3, unitz=4)


def test_names_are_unique_per_session():
    cornu.backend.clear_session()
    assert [Linear(1).name for _ in range(3)] == [
        "linear", "linear_1", "linear_2"
    ]


def test_framework_module_parameters_are_the_variables():
    model = Stack()
    model(_x())
    named = getattr(model, "named_parameters", None)
    if named is None:
        pytest.skip("layers of this backend are plain Python objects")
    params = dict(named())
    assert len(params) == 6
    values = {id(v.value) for v in model.weights}
    assert {id(p) for p in params.values()} == values


def test_seed_generator_state_is_a_variable_but_not_a_weight():
    class Noisy(cornu.layers.Layer):
        def __init__(self):
            super().__init__()
            self.seed_generator = cornu.random.SeedGenerator(7)

        def call(self, x):
            noise = cornu.random.normal(ops.shape(x), seed=self.seed_generator)
            return x + noise

    layer = Noisy()
    x = np.zeros((2, 3), "float32")
    layer(x)
    assert layer.weights == [] and layer.non_trainable_weights == []
    assert layer.variables == [layer.seed_generator.state]
    assert layer.non_trainable_variables == [layer.seed_generator.state]
    before = layer.seed_generator.state.numpy().copy()
    state = [layer.seed_generator.state.value]
    first, new_state = layer.stateless_call([], state, x)
    assert np.array_equal(layer.seed_generator.state.numpy(), before)
    assert not np.array_equal(ops.convert_to_numpy(new_state[0]), before)
    again, _ = layer.stateless_call([], state, x)
    assert_allclose(ops.convert_to_numpy(first), ops.convert_to_numpy(again))


def test_training_reaches_inner_layers_of_a_call_without_training():
    seen = []

    class Probe(cornu.layers.Layer):
        def call(self, x, training=None):
            seen.append(training)
            return x

    class Plain(cornu.layers.Layer):
        def __init__(self):
            super().__init__()
            self.probe = Probe()

        def call(self, x):
            return self.probe(x)

    Plain()(_x(), training=True)
    assert seen == [True]


def test_setting_trainable_leaves_non_trainable_variables_alone():
    # Unfreezing a model (or loading one whose config says
    # "trainable": true) must not make BatchNormalization's moving
    # statistics trainable.
    inputs = cornu.Input((3,))
    outputs = cornu.layers.BatchNormalization()(cornu.layers.Dense(4)(inputs))
    model = cornu.Model(inputs, outputs)
    paths = [v.path for v in model.trainable_variables]
    model.trainable = False
    assert model.trainable_variables == []
    model.trainable = True
    assert [v.path for v in model.trainable_variables] == paths
    assert len(paths) == 4
    restored = cornu.Model.from_config(model.get_config())
    assert len(restored.trainable_variables) == 4
    assert len(restored.non_trainable_variables) == 2
