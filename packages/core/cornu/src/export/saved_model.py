"""`ExportArchive` and `export_saved_model`: TensorFlow SavedModels.

A SavedModel holds serving functions ("endpoints") as TensorFlow graphs
plus the variables they read, and loads with `tf.saved_model.load`
without cornu or the model's Python code. The backend turns each
endpoint into a `tf.function` (`backend/<name>/export.py`: the jax
backend converts with jax2tf, the tensorflow backend traces the call
itself); this module holds what every backend shares: tracking variables
as `tf.Variable`s (copies of their values, or the backend's own
`tf.Variable`s where its `tf_variable` gives them), endpoint bookkeeping
and writing the files.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from cornu.src import tree
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.variables import Variable
from cornu.src.export import export_utils
from cornu.src.layers.layer import Layer

DEFAULT_ENDPOINT_NAME = "serve"


def _tf() -> Any:
    return export_utils.optional_module(
        "tensorflow", "tensorflow", "Writing a TensorFlow SavedModel"
    )


def export_saved_model(
    model: Any,
    filepath: Any,
    verbose: bool | None = None,
    input_signature: Any = None,
    **kwargs: Any,
) -> None:
    """Exports `model`'s forward pass as a TensorFlow SavedModel.

    The artifact holds one endpoint, `serve` (also the signature
    `serving_default`), and runs without cornu:
    `tf.saved_model.load(filepath).serve(x)`.

    Args:
        model: A built model.
        filepath: Directory to write.
        verbose: Print the endpoints after writing (default `True`).
        input_signature: Shapes and dtypes of the inputs (see
            `Model.export`); inferred from the model when `None`.
        **kwargs: Backend options (jax: `is_static`, `jax2tf_kwargs`;
            ignored on tensorflow, as in Keras).
    """
    if verbose is None:
        verbose = True
    if input_signature is None:
        input_signature = export_utils.get_input_signature(model)
    archive = ExportArchive()
    archive.track_and_add_endpoint(
        DEFAULT_ENDPOINT_NAME, model, input_signature, **kwargs
    )
    archive.write_out(filepath, verbose=verbose)


@cornu_export("cornu.export.ExportArchive")
class ExportArchive:
    """Writes SavedModel artifacts with custom serving endpoints.

    Use `track()` to register the layers or models whose variables the
    endpoints read, `add_endpoint()` for each serving function (with the
    shapes and dtypes of its inputs), then `write_out()`. The artifact
    loads with `tf.saved_model.load` and exposes each endpoint as a
    method; the model's Python code is not needed any more.

    Needs TensorFlow, and a backend whose functions become TensorFlow
    graphs (tensorflow; jax, via jax2tf); elsewhere the constructor raises
    `cornu.errors.BackendNotSupportedError` naming the alternative.
    `cornu.export.ExportArchive` mirrors `keras.export.ExportArchive`.

    Example (see `docs/export.md` for one that runs):

    ```python
    archive = cornu.export.ExportArchive()
    archive.track(model)
    archive.add_endpoint(
        "serve",
        lambda x: model(x, training=False),
        [cornu.InputSpec(shape=(None, 3), dtype="float32")],
    )
    archive.write_out("path/to/saved_model")
    tf.saved_model.load("path/to/saved_model").serve(x)
    ```

    >>> [m for m in ("track", "add_endpoint", "write_out")
    ...  if hasattr(cornu.export.ExportArchive, m)]
    ['track', 'add_endpoint', 'write_out']
    """

    def __init__(self) -> None:
        self._backend = export_utils.backend_export_module("tf_saved_model")
        tf = _tf()
        self._tf_trackable = tf.__internal__.tracking.AutoTrackable()
        self._tf_trackable.variables = []
        self._tf_trackable.trainable_variables = []
        self._tf_trackable.non_trainable_variables = []
        self._tf_trackable.tracked_resources = []
        self._endpoint_names: list[str] = []
        self._endpoint_signatures: dict[str, Any] = {}
        # Tracked cornu variables, in the order of their tf.Variables.
        self._backend_variables: list = []
        self._tf_by_id: dict[int, Any] = {}
        self.tensorflow_version = tf.__version__

    @property
    def endpoint_names(self) -> list[str]:
        """The names of the endpoints added so far, in order."""
        return list(self._endpoint_names)

    @property
    def variables(self) -> list:
        """The tracked variables, as `tf.Variable`s."""
        return self._tf_trackable.variables

    @property
    def trainable_variables(self) -> list:
        return self._tf_trackable.trainable_variables

    @property
    def non_trainable_variables(self) -> list:
        return self._tf_trackable.non_trainable_variables

    def track(self, resource: Any) -> None:
        """Tracks the variables of a layer or model (or a TensorFlow
        trackable such as a lookup table) so that endpoints can read them.

        Args:
            resource: A built `Layer`/`Model`, or a TensorFlow trackable.
        """
        tf = _tf()
        if isinstance(resource, Layer):
            if not resource.built:
                raise ValueError(
                    f"The layer {resource.name!r} provided to `track()` has "
                    "not yet been built. It must be built before export: "
                    "call it on a batch of data first."
                )
            trainable = [
                self._tf_variable(v) for v in resource.trainable_variables
            ]
            non_trainable = [
                self._tf_variable(v) for v in resource.non_trainable_variables
            ]
            root = self._tf_trackable
            root.trainable_variables = _unique(
                list(root.trainable_variables) + trainable
            )
            root.non_trainable_variables = _unique(
                list(root.non_trainable_variables) + non_trainable
            )
            root.variables = list(root.trainable_variables) + list(
                root.non_trainable_variables
            )
            return
        if isinstance(resource, tf.__internal__.tracking.Trackable):
            self._tf_trackable.tracked_resources = list(
                self._tf_trackable.tracked_resources
            ) + [resource]
            return
        raise ValueError(
            "Invalid resource type. Expected a cornu `Layer` or `Model` or "
            f"a TensorFlow `Trackable` object. Received: {resource!r} of "
            f"type {type(resource).__name__}."
        )

    def _tf_variable(self, variable: Any) -> Any:
        """The `tf.Variable` holding `variable`'s value (made once)."""
        tf = _tf()
        if isinstance(variable, tf.Variable):
            return variable
        if id(variable) not in self._tf_by_id:
            own = getattr(self._backend, "tf_variable", None)
            if own is not None:  # the backend's variables are tf.Variables
                self._tf_by_id[id(variable)] = own(variable)
            else:
                self._tf_by_id[id(variable)] = tf.Variable(
                    variable.numpy(),
                    dtype=variable.dtype,
                    trainable=variable.trainable,
                    name=variable.name,
                )
            self._backend_variables.append(variable)
        return self._tf_by_id[id(variable)]

    def tf_variables_for(self, variables: list) -> list:
        """The tracked `tf.Variable`s of cornu `variables` (in order)."""
        return [self._tf_by_id[id(v)] for v in variables]

    def add_endpoint(
        self,
        name: str,
        fn: Any,
        input_signature: Any = None,
        **kwargs: Any,
    ) -> Any:
        """Registers a serving endpoint.

        Args:
            name: The endpoint's name (a method of the reloaded artifact).
            fn: A callable reading only tracked variables; or a
                `tf.function` already called at least once, when
                `input_signature` is `None`.
            input_signature: List with one entry per positional argument
                of `fn`: a `cornu.InputSpec` (or a `KerasTensor`, tensor or
                `tf.TensorSpec`), or a nested list/dict of them.
            **kwargs: Backend options (jax: `is_static`, `jax2tf_kwargs`;
                ignored on tensorflow, as in Keras).

        Returns:
            The `tf.function` added to the archive.
        """
        tf = _tf()
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(
                "`name` must be a Python identifier (it becomes a method of "
                f"the reloaded artifact). Received: name={name!r}."
            )
        if name in self._endpoint_names:
            raise ValueError(f"Endpoint name '{name}' is already taken.")
        if input_signature is None:
            if not isinstance(fn, tf.types.experimental.GenericFunction):
                raise ValueError(
                    "If the `fn` argument provided is not a `tf.function`, "
                    "you must provide an `input_signature` argument to "
                    "specify the shape and dtype of the function arguments. "
                    "Example:\n\n  archive.add_endpoint(name='serve', "
                    "fn=model.call,\n      input_signature=[cornu.InputSpec("
                    "shape=(None, 3), dtype='float32')])"
                )
            if not fn._list_all_concrete_functions():
                raise ValueError(
                    f"The provided tf.function {fn!r} has never been called. "
                    "Call it once, or pass an `input_signature` argument to "
                    "`add_endpoint()`."
                )
            decorated = fn
        else:
            specs = export_utils.standardize_signature(input_signature)
            decorated = self._backend.make_tf_endpoint(
                self, fn, specs, **kwargs
            )
            self._endpoint_signatures[name] = specs
        setattr(self._tf_trackable, name, decorated)
        self._endpoint_names.append(name)
        return decorated

    def track_and_add_endpoint(
        self, name: str, resource: Any, input_signature: Any, **kwargs: Any
    ) -> Any:
        """Tracks `resource` and adds an endpoint calling it.

        Args:
            name: The endpoint's name.
            resource: A built layer or model.
            input_signature: As in `add_endpoint`.
            **kwargs: As in `add_endpoint`.

        Returns:
            The `tf.function` added to the archive.
        """
        self.track(resource)
        return self.add_endpoint(
            name, resource.__call__, input_signature, **kwargs
        )

    def add_variable_collection(self, name: str, variables: Any) -> None:
        """Saves a list of variables, retrievable as an attribute of the
        reloaded artifact.

        Args:
            name: The attribute name.
            variables: A list, tuple or set of `cornu.Variable`s (or
                `tf.Variable`s).
        """
        tf = _tf()
        if not isinstance(variables, (list, tuple, set)):
            raise ValueError(
                "Expected `variables` to be a list/tuple/set. Received "
                f"instead object of type '{type(variables).__name__}'."
            )
        bad = {
            type(v).__name__
            for v in variables
            if not isinstance(v, (Variable, tf.Variable))
        }
        if bad:
            raise ValueError(
                "Expected all elements in `variables` to be `cornu.Variable` "
                f"or `tf.Variable` instances. Found: {sorted(bad)}."
            )
        setattr(
            self._tf_trackable,
            name,
            [self._tf_variable(v) for v in tree.flatten(list(variables))],
        )

    def write_out(
        self, filepath: Any, options: Any = None, verbose: bool = True
    ) -> None:
        """Writes the SavedModel to `filepath` (a directory).

        Every endpoint becomes a signature; the first one is also
        `"serving_default"` (TF-Serving needs it) unless an endpoint has
        that name.

        Args:
            filepath: `str` or `pathlib.Path`.
            options: A `tf.saved_model.SaveOptions`, or `None`.
            verbose: Print the endpoints and their signatures.
        """
        tf = _tf()
        if not self._endpoint_names:
            raise ValueError(
                "No endpoints have been set yet. Call add_endpoint()."
            )
        signatures = {
            name: self._concrete_fn(name) for name in self._endpoint_names
        }
        if "serving_default" not in signatures:
            signatures["serving_default"] = signatures[self._endpoint_names[0]]
        # Every variable an endpoint reads must be reachable from the root
        # (the tensorflow backend's endpoints read the model's own
        # `tf.Variable`s, some of which `track()` may not have listed).
        self._tf_trackable._all_variables = _unique(
            [v for fn in signatures.values() for v in fn.variables]
        )
        tf.saved_model.save(
            self._tf_trackable,
            os.fspath(filepath),
            options=options,
            signatures=signatures,
        )
        if verbose:
            lines = [
                f"Saved artifact at '{filepath}'. The following endpoints "
                "are available:"
            ]
            for name in self._endpoint_names:
                printed = signatures[name].pretty_printed_signature()
                lines.append(
                    f"\n* Endpoint '{name}'\n"
                    + "\n".join(printed.split("\n")[1:])
                )
            sys.stdout.write("\n".join(lines) + "\n")

    def _concrete_fn(self, name: str) -> Any:
        fn = getattr(self._tf_trackable, name)
        if name in self._endpoint_signatures:
            return fn.get_concrete_function()
        return fn._list_all_concrete_functions()[0]


def _unique(items: list) -> list:
    seen: set[int] = set()
    out = []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out
