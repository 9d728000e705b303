"""The layer harness passes good layers and names what is wrong with bad
ones."""

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.testing import run_layer_test


class Affine(cornu.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units))
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")
        self.count = self.add_weight(
            shape=(), initializer="zeros", trainable=False, dtype="int32"
        )

    def call(self, x):
        return ops.add(ops.matmul(x, self.w), self.b)


CUSTOM = {"Affine": Affine}


def test_a_correct_layer_passes():
    run_layer_test(
        Affine,
        init_kwargs={"units": 3},
        input_shape=(2, 4),
        expected_output_shape=(2, 3),
        expected_output_dtype="float32",
        expected_num_trainable_weights=2,
        expected_num_non_trainable_weights=1,
        expected_num_losses=0,
        supports_masking=False,
        custom_objects=CUSTOM,
    )


def test_expected_values_are_compared():
    data = np.ones((1, 2), "float32")
    with pytest.raises(AssertionError):
        run_layer_test(
            Affine, init_kwargs={"units": 1}, input_data=data,
            expected_output=np.full((1, 1), 123.0), custom_objects=CUSTOM,
        )


def test_a_wrong_shape_is_reported():
    with pytest.raises(
        AssertionError, match=r"output shape.*\(2, 3\).*\(2, 5\)"
    ):
        run_layer_test(
            Affine, init_kwargs={"units": 3}, input_shape=(2, 4),
            expected_output_shape=(2, 5), custom_objects=CUSTOM,
        )


def test_a_wrong_weight_count_is_reported():
    with pytest.raises(AssertionError, match="expected 5 trainable weights"):
        run_layer_test(
            Affine, init_kwargs={"units": 3}, input_shape=(2, 4),
            expected_num_trainable_weights=5, custom_objects=CUSTOM,
        )


def test_a_config_that_loses_arguments_is_reported():
    class Forgetful(Affine):
        def get_config(self):
            config = super().get_config()
            config["units"] = self.units + 1  # drifts on each round trip
            return config

    with pytest.raises(AssertionError, match="changed the config"):
        run_layer_test(
            Forgetful, init_kwargs={"units": 3}, input_shape=(2, 4),
            custom_objects={"Forgetful": Forgetful},
        )


def test_exactly_one_input_source():
    with pytest.raises(ValueError, match="exactly one of"):
        run_layer_test(Affine, init_kwargs={"units": 1})


def test_a_layer_that_does_not_load_its_weights_is_reported():
    class Amnesic(Affine):
        def load_own_variables(self, store):
            pass  # keeps its fresh random weights

    with pytest.raises(AssertionError, match="changed in a .cornu save/load"):
        run_layer_test(
            Amnesic, init_kwargs={"units": 3}, input_shape=(2, 4),
            custom_objects={"Amnesic": Amnesic},
        )


def test_a_layer_that_predicts_differently_after_loading_is_reported():
    class Drifting(Affine):
        def load_own_variables(self, store):
            super().load_own_variables(store)
            self.shift = 1.0

        def call(self, x):
            return ops.add(super().call(x), getattr(self, "shift", 0.0))

    with pytest.raises(AssertionError, match="predicts differently"):
        run_layer_test(
            Drifting, init_kwargs={"units": 3}, input_shape=(2, 4),
            custom_objects={"Drifting": Drifting},
        )


def test_an_unloadable_layer_is_reported():
    from cornu.src.testing import layer_checks

    # Without custom_objects the saved model cannot be rebuilt.
    with pytest.raises(AssertionError, match="does not load back"):
        layer_checks._check_save_and_load(
            Affine, {"units": 3}, np.ones((2, 4), "float32"), {}, None
        )


def test_layers_with_tensor_call_arguments_skip_the_save_check():
    from cornu.src.testing import layer_checks

    class Masked(Affine):
        def call(self, x, bias=None):
            out = super().call(x)
            return out if bias is None else ops.add(out, bias)

    data = np.ones((2, 4), "float32")
    kwargs = {"bias": np.ones((3,), "float32")}
    reason = layer_checks._save_check_skip_reason(data, kwargs)
    assert "call arguments ['bias'] are tensors" in reason
    run_layer_test(
        Masked, init_kwargs={"units": 3}, input_data=data,
        call_kwargs=kwargs, custom_objects={"Masked": Masked},
    )
    assert "not a tensor" in layer_checks._save_check_skip_reason(
        [data, "text"], {}
    )
