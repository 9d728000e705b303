"""Tests of Functional models: graphs, sharing, nesting, configs."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.testing.assertions import assert_allclose


@cornu.saving.register_keras_serializable(package="functional_test")
class TinyDense(cornu.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), name="kernel"
        )
        self.bias = self.add_weight(
            shape=(self.units,), initializer="ones", name="bias"
        )

    def call(self, x):
        return ops.matmul(x, self.kernel) + self.bias

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@cornu.saving.register_keras_serializable(package="functional_test")
class Scale(cornu.layers.Layer):
    """Doubles its input in training mode only."""

    def call(self, x, training=False):
        return x * 2.0 if training else x


def _x(shape, seed=0):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def _np(x):
    return ops.convert_to_numpy(x)


def _dense(layer, x):
    kernel, bias = layer.get_weights()
    return x @ kernel + bias


def test_model_with_inputs_and_outputs_is_functional():
    x = cornu.Input(shape=(3,), name="x")
    d1, d2 = TinyDense(4), TinyDense(2)
    y = d2(d1(x))
    model = cornu.Model(x, y, name="mlp")
    assert type(model).__name__ == "Functional"
    assert isinstance(model, cornu.Model) and model.name == "mlp"
    assert model.layers == [x._history[0], d1, d2]
    assert len(model.weights) == 4 and model.count_params() == 26
    data = _x((5, 3))
    assert_allclose(_np(model(data)), _dense(d2, _dense(d1, data)), rtol=1e-5)
    assert model.input is x and model.output is y
    assert model.input_shape == (None, 3) and model.output_shape == (None, 2)
    assert model.get_layer("x") is x._history[0]
    assert model.get_layer(index=2) is d2


def test_multiple_inputs_and_outputs_as_lists_and_dicts():
    a = cornu.Input(shape=(3,), name="a")
    b = cornu.Input(shape=(2,), name="b")
    da, db = TinyDense(2), TinyDense(2)
    s = ops.add(da(a), db(b))
    xa, xb = _x((4, 3), 1), _x((4, 2), 2)
    expected_s = _dense(da, xa) + _dense(db, xb)
    as_list = cornu.Model([a, b], [s, ops.tanh(s)])
    out_s, out_t = as_list([xa, xb])
    assert_allclose(_np(out_s), expected_s, rtol=1e-5)
    assert_allclose(_np(out_t), np.tanh(expected_s), rtol=1e-5, atol=1e-6)
    as_dict = cornu.Model({"a": a, "b": b}, {"sum": s, "neg": -s})
    out = as_dict({"b": xb, "a": xa})
    assert set(out) == {"sum", "neg"}
    assert_allclose(_np(out["neg"]), -expected_s, rtol=1e-5)
    # A list model also takes a dict keyed by input names.
    assert_allclose(_np(as_list({"a": xa, "b": xb})[0]), expected_s, rtol=1e-5)


def test_shared_layer_counts_weights_once():
    a = cornu.Input(shape=(3,))
    b = cornu.Input(shape=(3,))
    shared = TinyDense(3)
    model = cornu.Model([a, b], ops.add(shared(a), shared(shared(b))))
    assert len(model.weights) == 2
    assert [layer for layer in model.layers if layer is shared] == [shared]
    xa, xb = _x((2, 3), 3), _x((2, 3), 4)
    expected = _dense(shared, xa) + _dense(shared, _dense(shared, xb))
    assert_allclose(_np(model([xa, xb])), expected, rtol=1e-5)


def test_nested_model_and_intermediate_output_model():
    x = cornu.Input(shape=(3,), name="x")
    d1, d2 = TinyDense(4), TinyDense(2)
    inner = cornu.Model(x, d2(d1(x)), name="inner")
    z = cornu.Input(shape=(3,), name="z")
    head = TinyDense(1)
    outer = cornu.Model(z, head(inner(z)))
    assert [layer.name for layer in outer.layers] == ["z", "inner", head.name]
    assert len(outer.weights) == 6
    data = _x((3, 3), 5)
    expected = _dense(head, _dense(d2, _dense(d1, data)))
    assert_allclose(_np(outer(data)), expected, rtol=1e-5)
    # A model of the first layer's output shares its weights.
    features = cornu.Model(inner.input, inner.layers[1].output)
    assert features.weights[0] is d1.weights[0]
    assert_allclose(_np(features(data)), _dense(d1, data), rtol=1e-5)


def test_model_from_intermediate_tensors_shares_layers():
    x = cornu.Input(shape=(3,), name="x")
    d1, d2, d3 = TinyDense(4), TinyDense(3), TinyDense(2)
    h1 = d1(x)
    h2 = d2(h1)
    full = cornu.Model(x, d3(h2))
    tail = cornu.Model(h1, d3(h2))
    assert [layer.name for layer in tail.layers][1:] == [d2.name, d3.name]
    assert len(tail.weights) == 4 and tail.input_shape == (None, 4)
    data = _x((2, 4), 10)
    assert_allclose(_np(tail(data)), _dense(d3, _dense(d2, data)), rtol=1e-5)
    # The original graph is unchanged.
    full_data = _x((2, 3), 11)
    expected = _dense(d3, _dense(d2, _dense(d1, full_data)))
    assert_allclose(_np(full(full_data)), expected, rtol=1e-5)


def test_symbolic_call_of_a_model():
    x = cornu.Input(shape=(3,))
    model = cornu.Model(x, TinyDense(2)(x))
    assert model(cornu.KerasTensor((None, 3))).shape == (None, 2)
    assert model.compute_output_spec(cornu.KerasTensor((6, 3))).shape == (6, 2)


def test_training_flag_reaches_layers():
    x = cornu.Input(shape=(2,))
    model = cornu.Model(x, Scale()(x))
    data = _x((1, 2), 6)
    assert_allclose(_np(model(data)), data, rtol=1e-5)
    assert_allclose(_np(model(data, training=True)), 2 * data, rtol=1e-5)


def _roundtrip_check(model, inputs):
    config = model.get_config()
    clone = cornu.Model.from_config(config)
    assert type(clone) is type(model)
    clone.set_weights(model.get_weights())
    expected = model(inputs)
    got = clone(inputs)
    for e, g in zip(
        cornu.tree.flatten(expected), cornu.tree.flatten(got), strict=True
    ):
        assert_allclose(_np(g), _np(e), rtol=1e-5)
    assert clone.get_config() == config
    return config


def test_config_layout_matches_keras():
    x = cornu.Input(shape=(3,), name="x")
    dense = TinyDense(2, name="dense")
    model = cornu.Model(x, dense(x), name="m")
    config = _roundtrip_check(model, _x((2, 3)))
    assert set(config) == {
        "name",
        "trainable",
        "layers",
        "input_layers",
        "output_layers",
    }
    assert config["input_layers"] == ["x", 0, 0]
    assert config["output_layers"] == ["dense", 0, 0]
    layer = config["layers"][1]
    assert layer["name"] == "dense" and layer["class_name"] == "TinyDense"
    assert layer["registered_name"] == "functional_test>TinyDense"
    assert layer["inbound_nodes"] == [
        {
            "args": [
                {
                    "class_name": "__keras_tensor__",
                    "config": {
                        "shape": (None, 3),
                        "dtype": "float32",
                        "keras_history": ["x", 0, 0],
                    },
                }
            ],
            "kwargs": {},
        }
    ]
    assert config["layers"][0]["inbound_nodes"] == []


def test_config_round_trip_of_shared_nested_multi_io_model():
    a = cornu.Input(shape=(3,), name="a")
    b = cornu.Input(shape=(3,), name="b")
    shared = TinyDense(3)
    x = cornu.Input(shape=(3,))
    inner = cornu.Model(x, TinyDense(2)(x))
    s = ops.add(shared(a), shared(shared(b)))
    model = cornu.Model(
        {"a": a, "b": b}, {"left": inner(s), "right": inner(shared(a))}
    )
    config = _roundtrip_check(model, {"a": _x((2, 3), 7), "b": _x((2, 3), 8)})
    assert config["output_layers"]["left"][0] == inner.name
    assert config["output_layers"]["left"][1] == 1  # Keras counts from 1


def test_config_round_trip_with_custom_objects():
    class Unregistered(TinyDense):
        pass

    x = cornu.Input(shape=(2,))
    model = cornu.Model(x, Unregistered(3)(x))
    config = model.get_config()
    with pytest.raises(TypeError, match="Unregistered"):
        cornu.Model.from_config(config)
    clone = cornu.Model.from_config(
        config, custom_objects={"Unregistered": Unregistered}
    )
    clone.set_weights(model.get_weights())
    data = _x((2, 2), 9)
    assert_allclose(_np(clone(data)), _np(model(data)), rtol=1e-5)


def test_ops_whose_config_drops_arguments_refuse_to_be_saved():
    class Scale(cornu.Operation):
        def __init__(self, factor, name=None):
            super().__init__(name=name)
            self.factor = factor

        def call(self, x):
            return ops.multiply(x, self.factor)

        def compute_output_spec(self, x):
            return cornu.KerasTensor(x.shape, x.dtype)

        def get_config(self):
            return super().get_config()  # forgets `factor`

    x = cornu.Input(shape=(3,))
    model = cornu.Model(x, Scale(2.0)(x))
    with pytest.raises(NotImplementedError, match=r"arguments \['factor'"):
        model.get_config()


def test_errors():
    a = cornu.Input(shape=(2,), name="a")
    b = cornu.Input(shape=(2,), name="b")
    with pytest.raises(ValueError, match="Graph disconnected.*'b'"):
        cornu.Model(a, ops.add(a, b))
    model = cornu.Model([a, b], ops.add(a, b))
    with pytest.raises(ValueError, match="No such layer: 'c'"):
        model.get_layer("c")
    with pytest.raises(ValueError, match="only has 2 layers"):
        model.get_layer(index=5)
    with pytest.raises(ValueError, match="only a layer name or a layer"):
        model.get_layer("a", 0)
    with pytest.raises(ValueError, match="either a layer name or layer"):
        model.get_layer()
    with pytest.raises(ValueError, match=r"missing the inputs \['b'\]"):
        model({"a": _x((1, 2))})
    with pytest.raises(ValueError, match="expects 2 input"):
        model([_x((1, 2))])
    with pytest.raises(ValueError, match="is not optional"):
        model([_x((1, 2)), None])
    with pytest.raises(ValueError, match="must come from `cornu.Input`"):
        cornu.Model(cornu.KerasTensor((None, 2)), a)
    with pytest.raises(ValueError, match="must be KerasTensors"):
        cornu.Model(a, [a, 3])
    with pytest.raises(ValueError, match="needs the key 'layers'"):
        cornu.src.models.functional.Functional.from_config({"name": "m"})
    with pytest.raises(AttributeError, match="reserved"):
        model.layers = []


def test_ops_with_arguments_survive_a_config_round_trip():
    x = cornu.Input((3, 4))
    y = cornu.ops.sum(x, axis=-1, keepdims=True)
    y = cornu.ops.transpose(y, axes=(0, 2, 1))
    model = cornu.Model(x, y)
    clone = cornu.Model.from_config(model.get_config())
    data = np.arange(24, dtype="float32").reshape(2, 3, 4)
    want = np.transpose(data.sum(-1, keepdims=True), (0, 2, 1))
    got = cornu.ops.convert_to_numpy(clone(data))
    np.testing.assert_allclose(got, want)
    assert clone.output_shape == (None, 1, 3)


def test_masks_flow_through_a_functional_graph():
    tokens = cornu.Input((4,), dtype="int32")
    embedded = cornu.layers.Embedding(10, 3, mask_zero=True)(tokens)
    pooled = cornu.layers.GlobalAveragePooling1D()(embedded)
    model = cornu.Model(tokens, pooled)
    ids = np.array([[1, 2, 0, 0], [3, 0, 0, 0]], "int32")
    table = model.layers[1].get_weights()[0]
    want = np.stack(
        [table[[1, 2]].mean(axis=0), table[[3]].mean(axis=0)]
    )
    assert_allclose(_np(model(ids)), want, rtol=1e-5, atol=1e-6)


def test_inputs_one_trailing_axis_off_are_adjusted_as_in_keras():
    x = cornu.Input((1,))
    model = cornu.Model(x, ops.multiply(x, 2.0))
    got = _np(model(np.array([1.0, 2.0], "float32")))
    assert got.tolist() == [[2.0], [4.0]]
    y = cornu.Input((3,))
    squeeze = cornu.Model(y, ops.multiply(y, 1.0))
    got = _np(squeeze(np.ones((2, 3, 1), "float32")))
    assert got.shape == (2, 3)
    with pytest.raises(ValueError, match="expected shape"):
        squeeze(np.ones((2, 4), "float32"))


def test_a_keras_functional_config_deserializes_without_custom_objects():
    x = cornu.Input((2,))
    model = cornu.Model(x, cornu.layers.Dense(3)(x))
    config = cornu.saving.serialize_keras_object(model)
    config["module"] = "keras.src.models.functional"  # as Keras writes it
    clone = cornu.saving.deserialize_keras_object(config)
    assert type(clone).__name__ == "Functional"
    assert clone.output_shape == (None, 3)


def _string_model():
    # Strings stay NumPy arrays up to StringLookup (no tensor conversion,
    # and on jax a step with strings runs eagerly instead of jitted).
    inputs = cornu.Input(shape=(), dtype="string")
    encoded = cornu.layers.StringLookup(
        vocabulary=["a", "b", "c"], output_mode="one_hot"
    )(inputs)
    outputs = cornu.layers.Dense(1, kernel_initializer="ones")(encoded)
    return cornu.Model(inputs, outputs)


STRINGS = np.array(["a", "c", "zz", "b"])


def test_string_inputs_reach_string_layers_in_call_and_predict():
    model = _string_model()
    # one_hot has the OOV bin first: every token hits exactly one bin.
    expected = np.ones((4, 1), "float32")
    np.testing.assert_array_equal(
        cornu.ops.convert_to_numpy(model(STRINGS)), expected
    )
    np.testing.assert_array_equal(model.predict(STRINGS, verbose=0), expected)


@pytest.mark.requires_capability("training")
def test_string_inputs_train():
    model = _string_model()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(STRINGS, np.zeros((4, 1)), epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert model.evaluate(STRINGS, np.zeros((4, 1)), verbose=0) < 1.0
