"""`run_layer_test`: the checks every layer must pass, in one call.

Every built-in layer's tests use it, and sibling packages (hub,
applications) and users can too: it builds the layer, calls it eagerly
and symbolically, compares the output shape with `compute_output_shape`,
round-trips its config, counts its weights, copies weights into a clone,
takes a gradient step where the backend trains, runs it under mixed
precision, and saves it (inside a Functional model) to a `.cornu` file
and loads it back.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.backend.common import masking
from cornu.src.layers.core import input_layer
from cornu.src.models import model as model_lib
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import saving_api
from cornu.src.testing.assertions import assert_allclose


@cornu_export("cornu.testing.run_layer_test")
def run_layer_test(
    layer_cls: type,
    init_kwargs: dict | None = None,
    input_shape: Any = None,
    input_dtype: Any = "float32",
    input_data: Any = None,
    call_kwargs: dict | None = None,
    expected_output_shape: Any = None,
    expected_output_dtype: Any = None,
    expected_output: Any = None,
    expected_num_trainable_weights: int | None = None,
    expected_num_non_trainable_weights: int | None = None,
    expected_num_losses: int | None = None,
    supports_masking: bool | None = None,
    expected_mask_shape: Any = None,
    custom_objects: dict | None = None,
    run_training_check: bool = True,
    run_mixed_precision_check: bool = True,
    assert_built_after_instantiation: bool = False,
    rtol: float = 1e-5,
    atol: float = 1e-6,
) -> None:
    """Runs the standard layer checks; raises `AssertionError` on a
    failure, naming the check.

    The last check wraps a fresh layer in a Functional model over
    `cornu.Input`s of the inputs' shapes, saves it to a `.cornu` file and
    loads it back: the weights must be equal and, for layers without
    randomness (`training` not set), so must the predictions. It is
    skipped when a `call_kwargs` value is a tensor or the inputs are not
    a tensor, a list or a dict of tensors.

    Args:
        layer_cls: The layer class.
        init_kwargs: Constructor arguments.
        input_shape: Shape of the input (with batch size), or a list/dict
            of shapes for several inputs; random data of `input_dtype` is
            drawn for it. Give this or `input_data`.
        input_dtype: Dtype of the drawn input(s).
        input_data: The input(s) to call the layer on.
        call_kwargs: Extra call arguments (e.g. `{"training": True}`).
        expected_output_shape: The output shape (with batch size).
        expected_output_dtype: The output dtype.
        expected_output: The expected output values.
        expected_num_trainable_weights: Count after building.
        expected_num_non_trainable_weights: Count after building.
        expected_num_losses: `len(layer.losses)` after a call.
        supports_masking: The expected `supports_masking`.
        expected_mask_shape: Shape of the output mask, when the layer
            makes one.
        custom_objects: Needed to deserialize custom layers.
        run_training_check: Take gradients of the output where the backend
            trains.
        run_mixed_precision_check: Call the layer under
            `"mixed_float16"` and check the output dtype.
        assert_built_after_instantiation: The layer builds in `__init__`.
        rtol: Relative tolerance of `expected_output`.
        atol: Absolute tolerance of `expected_output`.

    Example:

    >>> class Double(cornu.layers.Layer):
    ...     def call(self, x):
    ...         return x * 2
    >>> cornu.testing.run_layer_test(
    ...     Double, input_shape=(2, 3), expected_output_shape=(2, 3),
    ...     custom_objects={"Double": Double})
    """
    if (input_shape is None) == (input_data is None):
        raise ValueError(
            "run_layer_test needs exactly one of `input_shape` and "
            f"`input_data`. Received: input_shape={input_shape!r}, "
            f"input_data given: {input_data is not None}."
        )
    init_kwargs = dict(init_kwargs or {})
    call_kwargs = dict(call_kwargs or {})
    if input_data is None:
        input_data = _draw(input_shape, input_dtype)
    else:
        input_shape = _shapes_of(input_data)

    _check_config_round_trip(layer_cls, init_kwargs, custom_objects)

    layer = layer_cls(**init_kwargs)
    if assert_built_after_instantiation and not layer.built:
        raise AssertionError(
            f"{layer_cls.__name__} should be built after instantiation."
        )
    if supports_masking is not None and layer.supports_masking != (
        supports_masking
    ):
        raise AssertionError(
            f"{layer_cls.__name__}.supports_masking is "
            f"{layer.supports_masking}; expected {supports_masking}."
        )
    output = layer(input_data, **call_kwargs)
    _check_output(
        "eager call", output, expected_output_shape, expected_output_dtype
    )
    _check_counts(
        layer,
        expected_num_trainable_weights,
        expected_num_non_trainable_weights,
    )
    if expected_num_losses is not None and len(layer.losses) != (
        expected_num_losses
    ):
        raise AssertionError(
            f"{layer.name}: expected {expected_num_losses} losses after a "
            f"call, found {len(layer.losses)}."
        )
    if expected_output is not None:
        tree.map_structure(
            lambda got, want: assert_allclose(
                backend.core.convert_to_numpy(got), want, rtol=rtol, atol=atol
            ),
            output,
            expected_output,
        )
    if expected_mask_shape is not None:
        mask = masking.get_keras_mask(output)
        if mask is None or tuple(mask.shape) != tuple(expected_mask_shape):
            raise AssertionError(
                f"{layer.name}: expected an output mask of shape "
                f"{tuple(expected_mask_shape)}, found "
                f"{None if mask is None else tuple(mask.shape)}."
            )

    _check_compute_output_shape(layer_cls, init_kwargs, input_shape, output)
    _check_symbolic_call(
        layer_cls, init_kwargs, input_shape, input_dtype, call_kwargs, output
    )
    _check_build_and_weight_copy(
        layer_cls, init_kwargs, input_shape, input_data, call_kwargs, layer,
        output, expected_num_trainable_weights,
        expected_num_non_trainable_weights,
    )
    if (
        run_training_check
        and backend.capabilities.training
        and layer.trainable_weights
    ):
        _check_gradients(layer, input_data, call_kwargs)
    if run_mixed_precision_check:
        _check_mixed_precision(
            layer_cls, init_kwargs, input_data, call_kwargs
        )
    _check_save_and_load(
        layer_cls, init_kwargs, input_data, call_kwargs, custom_objects
    )


def _draw(shape: Any, dtype: Any) -> Any:
    rng = np.random.default_rng(1337)

    def one(s):
        s = tuple(s)
        name = dtypes.standardize_dtype(dtype)
        if dtypes.is_float_dtype(name):
            return rng.normal(size=s).astype("float32").astype(
                name if name != "bfloat16" else "float32"
            )
        if name == "bool":
            return rng.random(size=s) > 0.5
        return rng.integers(0, 5, size=s).astype(name)

    if isinstance(shape, dict):
        return {k: one(v) for k, v in shape.items()}
    if isinstance(shape, list) or (
        isinstance(shape, tuple) and shape and isinstance(shape[0], tuple)
    ):
        return [one(s) for s in shape]
    return one(shape)


def _shapes_of(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: tuple(np.shape(v)) for k, v in data.items()}
    if isinstance(data, (list, tuple)) and data and hasattr(data[0], "shape"):
        return [tuple(np.shape(v)) for v in data]
    return tuple(np.shape(data))


def _symbolic(shape: Any, dtype: Any) -> Any:
    def one(s):
        return KerasTensor((None,) + tuple(s)[1:], dtype=dtype)

    if isinstance(shape, dict):
        return {k: one(v) for k, v in shape.items()}
    if isinstance(shape, list):
        return [one(s) for s in shape]
    return one(shape)


def _check_output(label, output, shape, dtype):
    flat = tree.flatten(output)
    if shape is not None:
        shapes = shape if isinstance(shape, list) else [shape]
        got = [tuple(x.shape) for x in flat]
        want = [tuple(s) for s in shapes]
        if got != want:
            raise AssertionError(
                f"{label}: output shape(s) {got}; expected {want}."
            )
    if dtype is not None:
        want = dtypes.standardize_dtype(dtype)
        for x in flat:
            got = dtypes.standardize_dtype(x.dtype)
            if got != want:
                raise AssertionError(
                    f"{label}: output dtype {got}; expected {want}."
                )


def _check_counts(layer, trainable, non_trainable):
    if trainable is not None and len(layer.trainable_weights) != trainable:
        raise AssertionError(
            f"{layer.name}: expected {trainable} trainable weights, found "
            f"{[w.path for w in layer.trainable_weights]}."
        )
    if non_trainable is not None and len(layer.non_trainable_weights) != (
        non_trainable
    ):
        raise AssertionError(
            f"{layer.name}: expected {non_trainable} non-trainable weights, "
            f"found {[w.path for w in layer.non_trainable_weights]}."
        )


def _check_config_round_trip(layer_cls, init_kwargs, custom_objects):
    from cornu.src.saving import serialization_lib

    layer = layer_cls(**init_kwargs)
    config = layer.get_config()
    clone = layer_cls.from_config(config)
    if clone.get_config() != config:
        raise AssertionError(
            f"{layer_cls.__name__}: from_config(get_config()) changed the "
            f"config:\n{config}\n!=\n{clone.get_config()}"
        )
    serialized = serialization_lib.serialize_keras_object(layer)
    revived = serialization_lib.deserialize_keras_object(
        serialized, custom_objects=custom_objects
    )
    if type(revived) is not layer_cls or revived.get_config() != config:
        raise AssertionError(
            f"{layer_cls.__name__}: serialize/deserialize did not give "
            "back the same layer."
        )


def _check_compute_output_shape(layer_cls, init_kwargs, input_shape, output):
    layer = layer_cls(**init_kwargs)
    shapes = layer.compute_output_shape(input_shape)
    got = [tuple(s) for s in _flat_shapes(shapes)]
    want = [tuple(x.shape) for x in tree.flatten(output)]
    if got != want:
        raise AssertionError(
            f"{layer_cls.__name__}.compute_output_shape({input_shape}) "
            f"returned {got}; the call returned {want}."
        )


def _flat_shapes(shapes):
    if isinstance(shapes, tuple) and all(
        d is None or isinstance(d, int) for d in shapes
    ):
        return [shapes]
    if isinstance(shapes, dict):
        return [s for v in shapes.values() for s in _flat_shapes(v)]
    return [s for v in shapes for s in _flat_shapes(v)]


def _check_symbolic_call(
    layer_cls, init_kwargs, input_shape, input_dtype, call_kwargs, output
):
    layer = layer_cls(**init_kwargs)
    inputs = _symbolic(input_shape, input_dtype)
    symbolic = layer(inputs, **call_kwargs)
    for got, eager in zip(
        tree.flatten(symbolic), tree.flatten(output), strict=True
    ):
        if not isinstance(got, KerasTensor):
            raise AssertionError(
                f"{layer.name}: a symbolic call returned {type(got)}, not "
                "a KerasTensor."
            )
        want = (None,) + tuple(eager.shape)[1:] if got.shape else ()
        shape = tuple(got.shape)
        if len(shape) != len(want) or any(
            g is not None and g != w for g, w in zip(shape[1:], want[1:],
                                                     strict=True)
        ):
            raise AssertionError(
                f"{layer.name}: symbolic output shape {shape}; the eager "
                f"call gave {tuple(eager.shape)}."
            )
        eager_dtype = dtypes.standardize_dtype(eager.dtype)
        if got.dtype != eager_dtype:
            raise AssertionError(
                f"{layer.name}: symbolic output dtype {got.dtype}; the eager "
                f"call gave {eager_dtype}."
            )


def _check_build_and_weight_copy(
    layer_cls, init_kwargs, input_shape, input_data, call_kwargs, layer,
    output, trainable, non_trainable,
):
    clone = layer_cls.from_config(layer.get_config())
    if not clone.built:
        clone.build(input_shape)
    _check_counts(clone, trainable, non_trainable)
    clone.set_weights(layer.get_weights())
    if call_kwargs.get("training") or _is_random(layer_cls):
        return
    again = clone(input_data, **call_kwargs)
    tree.map_structure(
        lambda a, b: assert_allclose(
            backend.core.convert_to_numpy(a),
            backend.core.convert_to_numpy(b),
            rtol=1e-5,
            atol=1e-6,
        ),
        again,
        output,
    )


def _is_random(layer_cls) -> bool:
    return bool(getattr(layer_cls, "_random_output", False))


def _check_gradients(layer, input_data, call_kwargs):
    from cornu.src import ops

    gradients = backend.load_integration("gradients")
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]

    def loss(values):
        out, _ = layer.stateless_call(
            values, non_trainable, input_data, **call_kwargs
        )
        return ops.sum(
            ops.stack(
                [ops.mean(ops.square(ops.cast(o, "float32")))
                 for o in tree.flatten(out)]
            )
        )

    value, grads = gradients.value_and_grad(loss, trainable)
    if not np.isfinite(backend.core.convert_to_numpy(value)):
        raise AssertionError(f"{layer.name}: the loss is not finite.")
    for variable, grad in zip(layer.trainable_variables, grads, strict=True):
        grad = backend.core.convert_to_numpy(grad)
        if grad.shape != variable.shape or not np.all(np.isfinite(grad)):
            raise AssertionError(
                f"{layer.name}: bad gradient for {variable.path}: shape "
                f"{grad.shape} (variable {variable.shape}), finite="
                f"{bool(np.all(np.isfinite(grad)))}."
            )


def _check_mixed_precision(layer_cls, init_kwargs, input_data, call_kwargs):
    kwargs = {**init_kwargs, "dtype": "mixed_float16"}
    try:
        layer = layer_cls(**kwargs)
    except TypeError:
        return  # the layer takes no dtype argument
    output = layer(input_data, **call_kwargs)
    for x in tree.flatten(output):
        dtype = dtypes.standardize_dtype(x.dtype)
        if dtypes.is_float_dtype(dtype) and dtype != "float16":
            raise AssertionError(
                f"{layer.name}: under 'mixed_float16' a floating output "
                f"has dtype {dtype}; expected float16."
            )
    for variable in layer.weights:
        if dtypes.is_float_dtype(variable._dtype) and (
            variable._dtype != "float32"
        ):
            raise AssertionError(
                f"{layer.name}: under 'mixed_float16' variable "
                f"{variable.path} is {variable._dtype}; expected float32."
            )


def _tensor_arguments(call_kwargs: dict) -> list:
    return [
        name
        for name, value in call_kwargs.items()
        if any(np.ndim(x) > 0 for x in tree.flatten(value) if x is not None)
    ]


def _inputs_like(input_data: Any) -> Any:
    """`cornu.Input`s of `input_data`'s shapes and dtypes (batch axis
    left free), or None when the data is not a tensor, a list of tensors
    or a dict of tensors."""

    def one(x):
        if not hasattr(x, "shape") or not hasattr(x, "dtype"):
            return None
        shape = tuple(x.shape)
        if not shape:
            return None
        return input_layer.Input(
            shape=shape[1:], dtype=dtypes.standardize_dtype(x.dtype)
        )

    if isinstance(input_data, dict):
        inputs = {k: one(v) for k, v in input_data.items()}
        return None if any(v is None for v in inputs.values()) else inputs
    if isinstance(input_data, (list, tuple)):
        inputs = [one(v) for v in input_data]
        return None if any(v is None for v in inputs) else inputs
    return one(input_data)


def _save_check_skip_reason(input_data: Any, call_kwargs: dict) -> Any:
    """Why `run_layer_test` cannot wrap the layer in a Functional model
    (None when it can): its inputs must be tensors, lists or dicts of
    tensors with a batch axis, and no call argument may be a tensor."""
    tensors = _tensor_arguments(call_kwargs)
    if tensors:
        return (
            f"the call arguments {tensors} are tensors, which a Functional "
            "model cannot take as fixed arguments"
        )
    if _inputs_like(input_data) is None:
        return (
            "the inputs are not a tensor (with a batch axis), a list or a "
            "dict of them"
        )
    return None


def _check_save_and_load(
    layer_cls, init_kwargs, input_data, call_kwargs, custom_objects
):
    """Wraps a fresh layer in a Functional model, saves it to `.cornu`,
    loads it and compares weights and (when deterministic) predictions."""
    if _save_check_skip_reason(input_data, call_kwargs) is not None:
        return
    layer = layer_cls(**init_kwargs)
    inputs = _inputs_like(input_data)
    model = model_lib.Model(inputs, layer(inputs, **call_kwargs))
    expected = model(input_data)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.cornu")
        saving_api.save_model(model, path)
        try:
            loaded = saving_api.load_model(path, custom_objects=custom_objects)
        except Exception as error:
            raise AssertionError(
                f"{layer_cls.__name__}: a Functional model around the layer "
                f"was saved to .cornu but does not load back: {error}"
            ) from error
    names = [v.path for v in model.weights]
    loaded_weights = loaded.get_weights()
    if len(loaded_weights) != len(names):
        raise AssertionError(
            f"{layer_cls.__name__}: {len(names)} weights were saved to "
            f".cornu but the loaded model has {len(loaded_weights)}."
        )
    for name, want, got in zip(
        names, model.get_weights(), loaded_weights, strict=True
    ):
        if want.shape != got.shape or not np.array_equal(
            want, got, equal_nan=want.dtype.kind in "fc"
        ):
            raise AssertionError(
                f"{layer_cls.__name__}: weight {name} changed in a .cornu "
                "save/load round trip."
            )
    if call_kwargs.get("training") or _is_random(layer_cls):
        return
    got = [
        backend.core.convert_to_numpy(x)
        for x in tree.flatten(loaded(input_data))
    ]
    want = [backend.core.convert_to_numpy(x) for x in tree.flatten(expected)]
    if len(got) != len(want) or not all(
        np.array_equal(g, w, equal_nan=w.dtype.kind in "fc")
        for g, w in zip(got, want, strict=False)
    ):
        raise AssertionError(
            f"{layer_cls.__name__}: a Functional model around the layer "
            "predicts differently after a .cornu save/load round trip."
        )
