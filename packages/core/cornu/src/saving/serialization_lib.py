"""Objects <-> Keras 3 config dicts, resolving names safely.

A serialized object is `{"module", "class_name", "config",
"registered_name"}` (plus `build_config` / `compile_config` when the object
has them); plain values stay plain; bytes, slices, `...`, NumPy arrays,
tensors and lambdas use Keras 3's `__bytes__`, `__slice__`, `__ellipsis__`,
`__numpy__`, `__tensor__` and `__lambda__` forms. Public cornu classes are
written under their public namespace (`"module": "cornu.initializers"`);
Keras 3's `"keras.initializers"` reads back the same way.

Safety: deserialization never imports a module named by a config and never
calls a function named by one. Names resolve only through `custom_objects`,
active `CustomObjectScope`s, registered objects, the caller's
`module_objects` and cornu's export registry (whose module paths are
cornu's own). Lambda bytecode runs only with safe mode off.
"""

from __future__ import annotations

import inspect
import types
import warnings
from typing import Any

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.backend.common import dtypes
from cornu.src.ops import keras_tensor
from cornu.src.ops.core import tensors
from cornu.src.saving import function_code
from cornu.src.saving import object_registration
from cornu.src.saving import public_names
from cornu.src.saving import serialization_scopes

PLAIN_TYPES = (str, int, float, bool)

# Namespaces searched for a built-in function saved as `module="builtins"`.
BUILTIN_MODULES = (
    "activations",
    "constraints",
    "initializers",
    "losses",
    "metrics",
    "optimizers",
    "regularizers",
)

_MSG_LAMBDA_SAFE_MODE = (
    "Requested the deserialization of a `lambda` object. Loading it runs "
    "Python bytecode stored in the file, which carries a risk of arbitrary "
    "code execution, and is disallowed by default. If you trust the source "
    "of the file, pass `safe_mode=False` to the loading function or call "
    "`cornu.config.enable_unsafe_deserialization()`."
)


# Keras 3 keeps these in serialization_lib; they are re-bound here so code
# written against that layout finds them.
SafeModeScope = serialization_scopes.SafeModeScope
ObjectSharingScope = serialization_scopes.ObjectSharingScope
in_safe_mode = serialization_scopes.in_safe_mode
get_shared_object = serialization_scopes.get_shared_object
record_object_after_serialization = (
    serialization_scopes.record_object_after_serialization
)
record_object_after_deserialization = (
    serialization_scopes.record_object_after_deserialization
)
public_name = public_names.public_name
public_object = public_names.public_object
_public_namespace = public_names.public_namespace
_is_internal_module = public_names.is_internal_module
_unique_exported_by_name = public_names.unique_exported_by_name


# ------------------------------------------------------------ serialize


@cornu_export(
    [
        "cornu.saving.serialize_keras_object",
        "cornu.utils.serialize_keras_object",
    ]
)
def serialize_keras_object(obj: Any) -> Any:
    """Returns the config (plain Python data) describing `obj`.

    The reverse of `deserialize_keras_object`. Objects with `get_config()`
    become `{"module", "class_name", "config", "registered_name"}` dicts;
    lists, tuples and dicts are serialized item by item; named functions
    become `{"module": "builtins", "class_name": "function", "config":
    <registered name>, ...}` as in Keras 3.

    Args:
        obj: The object to serialize.

    Returns:
        A JSON-friendly Python value (tuples stay tuples).

    Raises:
        TypeError: for objects without `get_config()`.

    Example:

    >>> init = cornu.initializers.Constant(3.0)
    >>> config = cornu.saving.serialize_keras_object(init)
    >>> config["module"], config["class_name"], config["config"]
    ('cornu.initializers', 'Constant', {'value': 3.0})
    """
    if obj is None or isinstance(obj, PLAIN_TYPES):
        return obj
    if isinstance(obj, list):
        return [serialize_keras_object(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(serialize_keras_object(x) for x in obj)
    if isinstance(obj, dict):
        return serialize_dict(obj)
    if isinstance(obj, bytes):
        return {"class_name": "__bytes__", "config": {"value": obj.decode()}}
    if isinstance(obj, slice):
        return {
            "class_name": "__slice__",
            "config": {
                "start": serialize_keras_object(obj.start),
                "stop": serialize_keras_object(obj.stop),
                "step": serialize_keras_object(obj.step),
            },
        }
    if obj is Ellipsis:
        return {"class_name": "__ellipsis__", "config": {}}
    special = _serialize_array_like(obj)
    if special is not None:
        return special
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        return _serialize_lambda(obj)
    if inspect.isroutine(obj):
        return {
            "module": "builtins",
            "class_name": "function",
            "config": object_registration.get_registered_name(obj),
            "registered_name": "function",
        }
    if inspect.isclass(obj) or not hasattr(obj, "get_config"):
        raise TypeError(
            f"Cannot serialize {obj!r} of type {type(obj).__name__}: only "
            "instances with a `get_config()` method, functions and plain "
            "Python values can be serialized. Add a `get_config()` method "
            "returning the constructor arguments."
        )
    config = _class_config(obj)
    _add_build_and_compile_config(obj, config)
    record_object_after_serialization(obj, config)
    return config


def serialize_dict(obj: dict) -> dict:
    """Serializes each value of `obj` (keys are kept)."""
    return {key: serialize_keras_object(value) for key, value in obj.items()}


def _serialize_array_like(obj: Any) -> Any:
    if isinstance(obj, keras_tensor.KerasTensor):
        history = getattr(obj, "_keras_history", None) or getattr(
            obj, "_history", None
        )
        if history:
            history = list(history)
            history[0] = getattr(history[0], "name", history[0])
        return {
            "class_name": "__keras_tensor__",
            "config": {
                "shape": obj.shape,
                "dtype": obj.dtype,
                "keras_history": history,
            },
        }
    if isinstance(obj, np.dtype):
        return dtypes.standardize_dtype(obj)
    if isinstance(obj, np.ndarray) and obj.ndim > 0:
        # NumPy arrays are `__numpy__` on every backend (Keras 3 writes
        # `__tensor__` for them on its numpy backend only).
        return {
            "class_name": "__numpy__",
            "config": {
                "value": obj.tolist(),
                "dtype": dtypes.standardize_dtype(obj.dtype),
            },
        }
    if isinstance(obj, (np.ndarray, np.generic)):
        return obj.item()
    if tensors.is_tensor(obj):
        return {
            "class_name": "__tensor__",
            "config": {
                "value": tensors.convert_to_numpy(obj).tolist(),
                "dtype": dtypes.standardize_dtype(obj.dtype),
            },
        }
    return None


def _serialize_lambda(fn: types.FunctionType) -> dict:
    warnings.warn(
        "The object being serialized includes a `lambda`. Reloading it "
        "needs `safe_mode=False`, because it is stored as Python bytecode. "
        "Use a named function registered with "
        "`@cornu.saving.register_keras_serializable()` instead.",
        stacklevel=3,
    )
    return {
        "class_name": "__lambda__",
        "config": {"value": function_code.dump_function(fn)},
    }


def _class_config(obj: Any) -> dict:
    inner = obj.get_config()
    if not isinstance(inner, dict):
        raise TypeError(
            f"The `get_config()` method of {obj!r} must return a dict. "
            f"It returned: {inner!r} of type {type(inner).__name__}."
        )
    inner = serialize_dict(inner)
    cls = type(obj)
    path = public_name(cls)
    if path is not None:
        module, _, class_name = path.rpartition(".")
        return {
            "module": module,
            "class_name": class_name,
            "config": inner,
            "registered_name": None,
        }
    return {
        "module": cls.__module__,
        "class_name": cls.__name__,
        "config": inner,
        "registered_name": object_registration.get_registered_name(cls),
    }


def _add_build_and_compile_config(obj: Any, config: dict) -> None:
    if hasattr(obj, "get_build_config"):
        build_config = obj.get_build_config()
        if build_config is not None:
            config["build_config"] = serialize_dict(build_config)
    if hasattr(obj, "get_compile_config"):
        compile_config = obj.get_compile_config()
        if compile_config is not None:
            config["compile_config"] = serialize_dict(compile_config)


# ---------------------------------------------------------- deserialize


@cornu_export(
    [
        "cornu.saving.deserialize_keras_object",
        "cornu.utils.deserialize_keras_object",
    ]
)
def deserialize_keras_object(
    config: Any,
    custom_objects: dict[str, Any] | None = None,
    safe_mode: bool = True,
    **kwargs: Any,
) -> Any:
    """Rebuilds the object described by a config (Keras 3 layout).

    A config dict holds `class_name`, `config` (the `get_config()` output),
    `module` and `registered_name` (the `"package>name"` key of a
    registered class). The class is looked up, never imported: in
    `custom_objects`, active `CustomObjectScope`s, objects registered with
    `register_keras_serializable`, the `module_objects` keyword a library
    passes, and cornu's public API (`"module": "keras.layers"` or
    `"cornu.layers"` both name `cornu.layers`). Then `cls.from_config(...)`
    runs, inside a `CustomObjectScope` and a `SafeModeScope`, so nested
    configs resolve the same way.

    Args:
        config: A config dict, a list of them, or a plain value.
        custom_objects: Optional dict mapping names to classes/functions.
        safe_mode: Bool. When `True` (default), `lambda` bytecode is
            refused; `False` lets a file run code, so use it only for
            trusted files. An enclosing `SafeModeScope` or
            `cornu.config.enable_unsafe_deserialization()` overrides it.
        **kwargs: `module_objects`, a dict of the calling library's
            objects; with it, names missing everywhere come back unchanged
            as strings (Keras 3 behaviour, so `get()` can report them).

    Returns:
        The object described by `config`.

    Raises:
        TypeError: if a class or function cannot be located, or a class
            has no `from_config`.
        ValueError: for a `lambda` in safe mode.

    Example:

    >>> config = {"module": "keras.initializers", "class_name": "Constant",
    ...           "config": {"value": 2.0}, "registered_name": None}
    >>> init = cornu.saving.deserialize_keras_object(config)
    >>> type(init).__name__, init.value
    ('Constant', 2.0)
    """
    module_objects = kwargs.pop("module_objects", None)
    scoped = in_safe_mode()
    if scoped is not None:
        safe_mode = scoped
    custom_objects = dict(custom_objects or {})
    if config is None:
        return None
    if isinstance(config, str):
        found = _lookup(config, custom_objects)
        if found is not None:
            return found
        if module_objects is not None and config in module_objects:
            return _from_module_objects(
                module_objects[config], {}, custom_objects, safe_mode
            )
        return config
    if isinstance(config, (list, tuple)):
        return [
            deserialize_keras_object(
                x, custom_objects=custom_objects, safe_mode=safe_mode
            )
            for x in config
        ]
    if isinstance(config, PLAIN_TYPES):
        return config
    if not isinstance(config, dict):
        raise TypeError(
            f"Could not parse config {config!r} of type "
            f"{type(config).__name__}: expected a dict, list, string or "
            "plain Python value."
        )
    if config.get("class_name") == "__tuple__" and "items" in config:
        # tf.keras's JSON form of a tuple.
        return tuple(
            deserialize_keras_object(
                x, custom_objects=custom_objects, safe_mode=safe_mode
            )
            for x in config["items"]
        )
    if module_objects is not None:
        if "class_name" not in config:
            raise ValueError(
                f"Unknown config {config!r}: a dict config needs a "
                "'class_name' key naming the object."
            )
        if not _names_custom_object(config, custom_objects):
            return _deserialize_from_module_objects(
                config, module_objects, custom_objects, safe_mode
            )
    if "class_name" not in config or "config" not in config:
        return {
            key: deserialize_keras_object(
                value, custom_objects=custom_objects, safe_mode=safe_mode
            )
            for key, value in config.items()
        }
    return _deserialize_dict(config, custom_objects, safe_mode)


def _lookup(name: Any, custom_objects: dict) -> Any:
    """`name` in scopes, the global registry or `custom_objects`."""
    if not isinstance(name, str):
        return None
    return object_registration.get_registered_object(
        name, custom_objects=custom_objects
    )


def _names_custom_object(config: dict, custom_objects: dict) -> bool:
    inner = config.get("config")
    candidates = [config.get("class_name"), config.get("registered_name")]
    if isinstance(inner, str):
        candidates.append(inner)
    return any(
        name not in (None, "function")
        and _lookup(name, custom_objects) is not None
        for name in candidates
    )


def _deserialize_from_module_objects(
    config: dict, module_objects: dict, custom_objects: dict, safe_mode: bool
) -> Any:
    class_name = config["class_name"]
    inner = config.get("config")
    if class_name == "function":
        name = (
            inner if isinstance(inner, str) else config.get("registered_name")
        )
        if name in module_objects:
            return module_objects[name]
        return name
    if class_name in module_objects:
        return _from_module_objects(
            module_objects[class_name], inner, custom_objects, safe_mode
        )
    if "module" in config and config["module"] is None:
        raise TypeError(_not_found_message("class", class_name, config))
    return class_name


def _from_module_objects(
    obj: Any, inner: Any, custom_objects: dict, safe_mode: bool
) -> Any:
    if not inspect.isclass(obj):
        return obj
    return _instantiate(obj, {"config": inner}, custom_objects, safe_mode)


def _deserialize_dict(
    config: dict, custom_objects: dict, safe_mode: bool
) -> Any:
    class_name = config["class_name"]
    inner = config["config"]
    special = _deserialize_special(class_name, inner, safe_mode)
    if special is not _NOT_SPECIAL:
        return special
    module = config.get("module")
    registered_name = config.get("registered_name", class_name)
    if class_name == "function":
        return _resolve(inner, None, module, "function", config, custom_objects)
    if "shared_object_id" in config:
        shared = get_shared_object(config["shared_object_id"])
        if shared is not None:
            return shared
    cls = _resolve(
        class_name, registered_name, module, "class", config, custom_objects
    )
    if not inspect.isclass(cls):
        return cls
    instance = _instantiate(cls, config, custom_objects, safe_mode)
    if "shared_object_id" in config:
        record_object_after_deserialization(
            instance, config["shared_object_id"]
        )
    return instance


class DeserializationError(TypeError):
    """`from_config` failed; raised once, at the innermost object (outer
    objects let it through rather than repeating their whole configs)."""

    is_deserialization_error = True


def _instantiate(
    cls: type, config: dict, custom_objects: dict, safe_mode: bool
) -> Any:
    if not hasattr(cls, "from_config"):
        raise TypeError(
            f"Cannot rebuild an instance of {cls.__name__!r}: the class has "
            "no `from_config()` class method. Add one (or a `get_config()` "
            f"whose keys match `__init__`). Full object config: {config}"
        )
    inner = config.get("config") or {}
    with (
        object_registration.CustomObjectScope(custom_objects),
        SafeModeScope(safe_mode),
    ):
        try:
            instance = cls.from_config(inner)
        except DeserializationError:
            raise  # a nested object failed: its error names it already
        except TypeError as e:
            raise DeserializationError(
                f"{cls.__name__}.from_config could not rebuild the object "
                f"from its config. Make sure `from_config()` deserializes "
                "nested objects (layers, initializers, ...) that "
                "`get_config()` returned.\n\n"
                f"config={config}\n\nException encountered: {e}"
            ) from e
        build_config = config.get("build_config")
        if build_config and not getattr(instance, "built", True):
            instance.build_from_config(build_config)
            instance.built = True
        compile_config = config.get("compile_config")
        if compile_config and hasattr(instance, "compile_from_config"):
            instance.compile_from_config(compile_config)
            instance.compiled = True
    return instance


_NOT_SPECIAL = object()


def _deserialize_special(class_name: Any, inner: Any, safe_mode: bool) -> Any:
    if class_name == "__keras_tensor__":
        tensor = keras_tensor.KerasTensor(inner["shape"], dtype=inner["dtype"])
        tensor._pre_serialization_keras_history = inner.get("keras_history")
        return tensor
    if class_name == "__tensor__":
        return tensors.convert_to_tensor(inner["value"], dtype=inner["dtype"])
    if class_name == "__numpy__":
        return np.array(inner["value"], dtype=inner["dtype"])
    if class_name == "__bytes__":
        return inner["value"].encode("utf-8")
    if class_name == "__ellipsis__":
        return Ellipsis
    if class_name == "__slice__":
        return slice(
            deserialize_keras_object(inner["start"], safe_mode=safe_mode),
            deserialize_keras_object(inner["stop"], safe_mode=safe_mode),
            deserialize_keras_object(inner["step"], safe_mode=safe_mode),
        )
    if class_name == "__lambda__":
        if safe_mode:
            raise ValueError(_MSG_LAMBDA_SAFE_MODE)
        return function_code.load_function(inner["value"])
    if class_name == "__typespec__":
        raise TypeError(
            "This config holds a TensorFlow `TypeSpec`, which cornu cannot "
            "rebuild yet. Re-save the model without `tf.TypeSpec` inputs."
        )
    return _NOT_SPECIAL


def _resolve(
    name: Any,
    registered_name: Any,
    module: Any,
    kind: str,
    config: dict,
    custom_objects: dict,
) -> Any:
    """The class or function a config names, from the allowed sources."""
    if not isinstance(name, str):
        raise TypeError(
            f"A {kind} config must name the {kind} with a string. "
            f"Received: {name!r}. Full object config: {config}"
        )
    for key in (registered_name, name):
        if key in (None, "function"):
            continue
        found = _lookup(key, custom_objects)
        if found is not None:
            return found
    namespace = _public_namespace(module)
    if namespace is not None:
        found = _public_loadable(namespace, name)
        if found is not None:
            return found
    if kind == "function" and module in ("builtins", None):
        for namespace in BUILTIN_MODULES:
            found = public_object(f"cornu.{namespace}.{name}")
            if found is not None:
                return found
        # Keras <= 3.6 saved registered functions by their bare name.
        suffix = ">" + name
        known = {
            **object_registration.GLOBAL_CUSTOM_OBJECTS,
            **custom_objects,
            **object_registration.scoped_custom_objects(),
        }
        for key, value in known.items():
            if isinstance(key, str) and key.endswith(suffix):
                return value
    if _is_internal_module(module):
        if name in _INTERNAL_CLASSES:
            return public_names.load_registered(_INTERNAL_CLASSES[name])
        found = _unique_exported_by_name(name)
        if inspect.isclass(found):
            return found
    raise TypeError(_not_found_message(kind, name, config))


# Classes Keras writes by their internal module path although they are not
# public (`"module": "keras.src.models.functional", "class_name":
# "Functional"`): the module each loads from is fixed here, never read
# from the file.
_INTERNAL_CLASSES = {
    "Functional": ("cornu.src.models.functional", "Functional"),
}


def _public_loadable(namespace: str, name: str) -> Any:
    """The public class `namespace.name`, or a public function there if
    the namespace holds functions a config may name (activations, losses,
    ops, ...). Other public functions (`cornu.config.set_backend`, ...)
    are never handed back, since the caller might call them."""
    found = public_object(f"{namespace}.{name}")
    if found is None or inspect.isclass(found):
        return found
    short = namespace[len("cornu.") :] if namespace != "cornu" else ""
    if short in BUILTIN_MODULES or short == "ops" or short.startswith("ops."):
        return found
    return None


def _not_found_message(kind: str, name: str, config: dict) -> str:
    return (
        f"Could not locate {kind} {name!r} (module "
        f"{config.get('module')!r}). For safety, cornu never imports a "
        "module named in a config: it looks names up only in "
        "`custom_objects`, active `CustomObjectScope`s, objects registered "
        "with `@cornu.saving.register_keras_serializable()` and cornu's "
        f"public API. If {name!r} is your own {kind}, decorate it with "
        "`@cornu.saving.register_keras_serializable(package='my_package')` "
        f"or pass `custom_objects={{{name!r}: ...}}`. Full object config: "
        f"{config}"
    )
