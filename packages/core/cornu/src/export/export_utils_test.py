"""Input signatures inferred for export, and argument errors."""

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu.src.export import export_utils


def test_sequential_signature_has_a_dynamic_batch():
    model = cornu.Sequential([cornu.Input((4, 3)), layers.Dense(2)])
    (spec,) = export_utils.get_input_signature(model)
    assert (spec.shape, spec.dtype) == ((None, 4, 3), "float32")


def test_functional_signature_keeps_the_input_structure():
    a = cornu.Input((3,), name="a")
    b = cornu.Input((2,), name="b", dtype="int32")
    y = layers.Concatenate()([a, cornu.ops.cast(b, "float32")])
    model = cornu.Model({"a": a, "b": b}, y)
    (structure,) = export_utils.get_input_signature(model)
    assert sorted(structure) == ["a", "b"]
    assert structure["a"].shape == (None, 3)
    assert (structure["b"].shape, structure["b"].dtype) == ((None, 2), "int32")
    assert export_utils.input_names([structure]) == ["a", "b"]


def test_subclassed_signature_comes_from_the_build_shapes():
    class Scale(cornu.Model):
        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],))

        def call(self, x):
            return x * self.w

    model = Scale()
    model(np.ones((7, 5), "float32"))
    (spec,) = export_utils.get_input_signature(model)
    assert (spec.shape, spec.dtype) == ((None, 5), "float32")


def test_unbuilt_model_is_refused():
    model = cornu.Sequential([layers.Dense(2)])
    with pytest.raises(ValueError, match="has not yet been built"):
        export_utils.get_input_signature(model)


def test_model_built_without_shapes_is_refused():
    class NoShapes(cornu.Model):
        def call(self, x):
            return x

    model = NoShapes()
    model.build()
    with pytest.raises(ValueError, match="input shapes of model"):
        export_utils.get_input_signature(model)


def test_non_layer_is_refused():
    with pytest.raises(TypeError, match="Received: model='model'"):
        export_utils.get_input_signature("model")


def test_make_input_spec_from_tensor_and_symbolic_tensor():
    spec = export_utils.make_input_spec(cornu.ops.ones((4, 3), "int32"))
    assert (spec.shape, spec.dtype, spec.name) == ((None, 3), "int32", None)
    x = cornu.Input((2,), name="features")
    spec = export_utils.make_input_spec(x)
    assert (spec.shape, spec.name) == ((None, 2), "features")


def test_make_input_spec_errors():
    with pytest.raises(ValueError, match="needs both `shape` and `dtype`"):
        export_utils.make_input_spec(cornu.InputSpec(shape=(None, 3)))
    with pytest.raises(TypeError, match="Unsupported entry x=3"):
        export_utils.make_input_spec(3)


def test_standardize_signature_wraps_a_lone_spec():
    spec = cornu.InputSpec(shape=(None, 3), dtype="float32")
    assert export_utils.standardize_signature(spec) == [spec]
    with pytest.raises(ValueError, match="must not be None"):
        export_utils.standardize_signature(None)


def test_sample_arrays_give_dynamic_axes_a_size():
    signature = [
        [
            cornu.InputSpec(shape=(None, 3), dtype="float32"),
            cornu.InputSpec(shape=(2, None), dtype="int32"),
        ]
    ]
    arrays = export_utils.sample_arrays(signature, dynamic_size=4)
    assert [(a.shape, str(a.dtype)) for a in arrays] == [
        ((4, 3), "float32"),
        ((2, 4), "int32"),
    ]
    assert export_utils.has_dynamic_axes(signature)


def test_input_names_are_unique():
    spec = cornu.InputSpec(shape=(1,), dtype="float32", name="x")
    unnamed = cornu.InputSpec(shape=(1,), dtype="float32")
    assert export_utils.input_names([spec, spec, unnamed]) == [
        "x",
        "x_1",
        "input_2",
    ]


def test_export_rejects_an_unknown_format(tmp_path):
    model = cornu.Sequential([cornu.Input((3,)), layers.Dense(2)])
    with pytest.raises(ValueError, match="Unrecognized format='h5'"):
        model.export(tmp_path / "m", format="h5")
    with pytest.raises(ValueError, match="Unrecognized format='h5'"):
        export_utils.unsupported_reason("h5")


def test_every_format_is_supported_or_says_why():
    for format_name in export_utils.FORMATS:
        reason = export_utils.unsupported_reason(format_name)
        assert reason is None or "CORNU_BACKEND=" in reason, format_name
