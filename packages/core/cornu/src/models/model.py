"""`Model`: a layer that groups layers, the unit of training and saving.

Two ways to make one: `Model(inputs, outputs)` from symbolic tensors
returns a `Functional` model (see `functional.py`); subclassing `Model`
with an `__init__` that creates layers and a `call` that uses them gives
a subclassed model.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.layers import call_spec as call_spec_lib
from cornu.src.layers.layer import Layer
from cornu.src.trainers.trainer import Trainer
from cornu.src.utils import summary_utils

# The backend's step functions (STYLE.md R7: picked in one line).
_BackendTrainer = backend.load_integration("trainer").Trainer


@cornu_export(["cornu.Model", "cornu.models.Model"])
class Model(_BackendTrainer, Trainer, Layer):
    """Groups layers into an object with training and inference features.

    `Model(inputs, outputs, name=None)` with `cornu.Input` tensors and the
    tensors computed from them makes a Functional model. Subclass `Model`
    to write the forward pass yourself in `call`.

    Args:
        *args: `inputs, outputs` for a Functional model.
        **kwargs: `inputs`, `outputs`, `name`, `trainable`, `dtype`.

    Example:

    >>> inputs = cornu.Input(shape=(3,), name="x")
    >>> outputs = cornu.ops.multiply(inputs, 2.0)
    >>> model = cornu.Model(inputs, outputs)
    >>> y = model(cornu.ops.ones((1, 3)))
    >>> type(model).__name__, cornu.ops.convert_to_numpy(y).tolist()
    ('Functional', [[2.0, 2.0, 2.0]])

    >>> class Twice(cornu.Model):
    ...     def call(self, x):
    ...         return x * 2.0
    >>> cornu.ops.convert_to_numpy(Twice()(cornu.ops.ones((1,)))).tolist()
    [2.0]
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> Model:
        if functional_init_arguments(args, kwargs):
            functional = _functional_class()
            if cls is Model:
                return functional.__new__(functional, *args, **kwargs)
            # A subclass called with `(inputs, outputs)` becomes a
            # Functional subclass, as in Keras (its bases are rewritten).
            _inject_functional_class(cls)
        return super().__new__(cls, *args, **kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        functional = _functional_class()
        if functional_init_arguments(args, kwargs) and isinstance(
            self, functional
        ):
            functional.__init__(self, *args, **kwargs)
            return
        if args:
            raise TypeError(
                f"{type(self).__name__}.__init__ takes keyword arguments "
                f"only (name=, trainable=, dtype=). Received positional "
                f"arguments: {args!r}."
            )
        Layer.__init__(self, **kwargs)

    def summary(
        self,
        line_length: int | None = None,
        positions: list | None = None,
        print_fn: Any = None,
        expand_nested: bool = False,
        show_trainable: bool = False,
        layer_range: list | None = None,
    ) -> None:
        """Prints a table of the model's layers, output shapes and
        parameter counts, with totals and their memory size.

        Functional models also show which layers feed each layer. A
        subclassed model shows the output shapes of its last call, so it
        must have been called (or built) first.

        Args:
            line_length: Width of the table in characters (default 100).
            positions: Accepted for Keras compatibility; column widths are
                computed from the contents.
            print_fn: Function called with each line; defaults to printing
                to stdout.
            expand_nested: Also list the layers of nested models.
            show_trainable: Add a column telling whether each layer is
                trainable.
            layer_range: `[first_name, last_name]`: only the layers from
                `first_name` to `last_name`.

        Example:

        >>> model = cornu.Sequential(
        ...     [cornu.Input((4,)), cornu.layers.Dense(2, name="out")])
        >>> lines = []
        >>> model.summary(print_fn=lines.append)
        >>> [line for line in lines if "params" in line][0].strip()
        'Total params: 10 (40.00 B)'
        """
        if not self.built:
            raise ValueError(
                f"Model {self.name!r} has not yet been built, so its "
                "summary is unknown. Call it on a batch of data or call "
                "`model.build(input_shape)` first."
            )
        summary_utils.print_summary(
            self,
            line_length=line_length,
            positions=positions,
            print_fn=print_fn,
            expand_nested=expand_nested,
            show_trainable=show_trainable,
            layer_range=layer_range,
        )

    @property
    def layers(self) -> list:
        """The model's direct sub-layers, in order."""
        return self._flatten_layers(include_self=False, recursive=False)

    @layers.setter
    def layers(self, _: Any) -> None:
        raise AttributeError(
            "`Model.layers` attribute is reserved and should not be used. "
            "Please use another name."
        )

    def get_layer(self, name: str | None = None, index: int | None = None):
        """Retrieves a layer by its name or its index in `layers`.

        Args:
            name: The layer's name.
            index: Its position in `layers`.

        Returns:
            The layer.
        """
        if index is not None and name is not None:
            raise ValueError(
                "Provide only a layer name or a layer index, not both. "
                f"Received: index={index}, name={name!r}."
            )
        layers = self.layers
        if index is not None:
            if not -len(layers) <= index < len(layers):
                raise ValueError(
                    f"Was asked to retrieve layer at index {index} but model "
                    f"{self.name!r} only has {len(layers)} layers."
                )
            return layers[index]
        if name is not None:
            for layer in layers:
                if layer.name == name:
                    return layer
            raise ValueError(
                f"No such layer: {name!r}. Existing layers are: "
                f"{[layer.name for layer in layers]}."
            )
        raise ValueError(
            "Provide either a layer name or layer index at `get_layer`, "
            "e.g. `model.get_layer(name='dense')` or "
            "`model.get_layer(index=0)`."
        )

    # ------------------------------------------------------------ saving
    def save(
        self,
        filepath: Any,
        overwrite: bool = True,
        zipped: bool | None = None,
        **kwargs: Any,
    ) -> None:
        """Saves the model (config, weights, optimizer state) to one file.

        See `cornu.saving.save_model`.
        """
        from cornu.src.saving import saving_api

        saving_api.save_model(
            self, filepath, overwrite=overwrite, zipped=zipped, **kwargs
        )

    def save_weights(
        self,
        filepath: Any,
        overwrite: bool = True,
        max_shard_size: Any = None,
    ) -> None:
        """Saves the weights (safetensors). See `cornu.saving`."""
        from cornu.src.saving import saving_api

        saving_api.save_weights(
            self, filepath, overwrite=overwrite, max_shard_size=max_shard_size
        )

    def load_weights(
        self, filepath: Any, skip_mismatch: bool = False, **kwargs: Any
    ) -> None:
        """Loads weights saved by `save_weights` (or a whole-model file)."""
        from cornu.src.saving import saving_api

        saving_api.load_weights(
            self, filepath, skip_mismatch=skip_mismatch, **kwargs
        )

    def export(
        self,
        filepath: Any,
        format: str = "tf_saved_model",
        verbose: bool | None = None,
        input_signature: Any = None,
        **kwargs: Any,
    ) -> None:
        """Exports the model's forward pass as an artifact for inference.

        The artifact runs without cornu or the model's Python code:
        `"tf_saved_model"` (`tf.saved_model.load(path).serve(x)`;
        tensorflow and jax backends), `"onnx"` (onnxruntime; torch, and
        tensorflow through tf2onnx), `"openvino"` (a `.xml` + `.bin` IR for
        `openvino.Core().compile_model`; torch, tensorflow, and jax with
        fixed input shapes), `"litert"` (a `.tflite` file; tensorflow and
        jax backends, needs TensorFlow) and `"torch"` (a `torch.export`
        `.pt2` program; torch backend). A
        format the active backend cannot write raises
        `cornu.errors.BackendNotSupportedError` naming the backend to use.
        See `docs/export.md`.

        Args:
            filepath: Path of the artifact (a folder for a SavedModel).
            format: One of the formats above. Defaults to
                `"tf_saved_model"`.
            verbose: Print a message after export. Defaults to `None`,
                which prints.
            input_signature: Shapes and dtypes of the inputs: a list with
                one entry per positional argument, each a `cornu.InputSpec`
                (or a `KerasTensor`, a tensor, a `tf.TensorSpec`) or a
                nested structure of them. Inferred from the model when
                `None` (batch axis dynamic).
            **kwargs: Format and backend options: `opset_version` (onnx),
                `is_static` and `jax2tf_kwargs` (jax, SavedModel), options
                of `tf.lite.TFLiteConverter` (litert), of
                `torch.export.export` (torch backend), of
                `tf2onnx.convert.from_function` (onnx, tensorflow backend).
                An unknown option raises an error naming it.

        Example:

        ```python
        model.export("model.onnx", format="onnx")
        session = onnxruntime.InferenceSession("model.onnx")
        outputs = session.run(None, {session.get_inputs()[0].name: x})
        ```
        """
        from cornu.src.export import model_export

        model_export.export_model(
            self,
            filepath,
            format=format,
            verbose=verbose,
            input_signature=input_signature,
            **kwargs,
        )

    def to_json(self, **kwargs: Any) -> str:
        """Returns a JSON string with the model's configuration.

        Keras 3's layout; load it with `cornu.models.model_from_json`.
        The weights are not included.

        Args:
            **kwargs: Passed to `json.dumps()` (e.g. `indent=2`).

        Returns:
            A JSON string.

        Example:

        >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
        >>> import json
        >>> json.loads(model.to_json())["class_name"]
        'Sequential'
        """
        from cornu.src.models import json_io

        return json_io.model_to_json(self, **kwargs)

    @classmethod
    def from_config(cls, config: dict, custom_objects: dict | None = None):
        """Rebuilds a model from `get_config()`'s output."""
        functional = _functional_class()
        is_graph = all(
            key in config for key in ("layers", "input_layers", "output_layers")
        )
        if is_graph and (
            cls is Model
            or issubclass(cls, functional)
            or cls.__init__ is Model.__init__
        ):
            target = functional if cls is Model else cls
            return functional.from_config.__func__(
                target, config, custom_objects=custom_objects
            )
        return super().from_config(config)


def functional_init_arguments(args: tuple, kwargs: dict) -> bool:
    """Whether constructor arguments describe a Functional model."""
    if len(args) == 2:
        return True
    if len(args) == 1 and "outputs" in kwargs:
        return True
    return "inputs" in kwargs and "outputs" in kwargs


def _inject_functional_class(cls: type) -> type:
    """Rewrites `cls`'s bases so that `Model` becomes `Functional`."""
    functional = _functional_class()
    if cls is Model:
        return functional
    if issubclass(cls, functional):
        return cls
    cls.__bases__ = tuple(
        _inject_functional_class(base)
        if isinstance(base, type) and issubclass(base, Model)
        else base
        for base in cls.__bases__
    )
    # `call` now resolves to Functional's: re-read its signature.
    cls._call_spec = call_spec_lib.CallSignature(cls.call)
    return cls


def _functional_class() -> type:
    """`Functional`, found among `Model`'s subclasses (it is defined in
    `functional.py`, which imports this module)."""
    for subclass in Model.__subclasses__():
        if subclass.__dict__.get("_is_functional_root"):
            return subclass
    raise RuntimeError(
        "cornu.src.models.functional is not loaded; import `cornu` (or "
        "`cornu.src.models`) rather than `cornu.src.models.model` alone."
    )


__all__ = ["Model"]
