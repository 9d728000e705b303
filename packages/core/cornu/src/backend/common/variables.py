"""`Variable`: mutable state holding a backend tensor, shared by backends.

Each backend subclasses `Variable` in its `core.py` and implements three
hooks: `_convert_to_tensor` (a value to a backend tensor of a dtype),
`_initialize` (store the first value) and `_direct_assign` (store a new
value). Everything else (paths from `name_scope`, `StatelessScope`
handling, operators, NumPy interop) lives here.
"""

from __future__ import annotations

import operator
from typing import Any
from typing import Callable

import numpy as np

from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import autocast_scope
from cornu.src.backend.common import deferred_init
from cornu.src.backend.common import dtypes
from cornu.src.backend.common import global_state
from cornu.src.backend.common import name_scope
from cornu.src.backend.common import stateless_scope

_OPEN_SCOPES = global_state.variable_read_scopes
_AGGREGATIONS = (None, "none", "mean", "sum", "only_first_replica")
_SYNCHRONIZATIONS = (None, "none", "on_read", "on_write", "auto")


def standardize_shape(shape: Any) -> tuple:
    """`shape` as a tuple of non-negative ints or `None`s."""
    if shape is None or isinstance(shape, (str, bytes)):
        raise ValueError(
            "Expected a shape: a tuple of non-negative ints (or None for "
            f"unknown dims). Received: shape={shape!r}."
        )
    try:
        dims = tuple(shape)
    except TypeError:
        raise ValueError(
            "Expected a shape: a tuple of non-negative ints (or None for "
            f"unknown dims). Received: shape={shape!r}."
        ) from None
    out = []
    for d in dims:
        if d is None:
            out.append(None)
            continue
        if isinstance(d, (bool, float, str)) or not hasattr(d, "__index__"):
            raise ValueError(
                f"Invalid dimension {d!r} in shape {shape!r}: dimensions "
                "must be non-negative ints or None."
            )
        d = int(d)
        if d < 0:
            raise ValueError(
                f"Invalid dimension {d} in shape {shape!r}: dimensions must "
                "be non-negative."
            )
        out.append(d)
    return tuple(out)


@cornu_export("cornu.backend.is_float_dtype")
def is_float_dtype(dtype: Any) -> bool:
    """Whether `dtype` is a floating-point dtype (bfloat16 included).

    Example:

    >>> cornu.backend.is_float_dtype("bfloat16")
    True
    >>> cornu.backend.is_float_dtype("int32")
    False
    """
    return dtypes.is_float_dtype(dtype)


@cornu_export("cornu.backend.is_int_dtype")
def is_int_dtype(dtype: Any) -> bool:
    """Whether `dtype` is a signed or unsigned integer dtype.

    Example:

    >>> cornu.backend.is_int_dtype("uint8")
    True
    >>> cornu.backend.is_int_dtype("float32")
    False
    """
    return dtypes.is_int_dtype(dtype)


def _unwrap(x: Any) -> Any:
    return x.value if isinstance(x, Variable) else x


def _binary(op: Callable, reflected: bool = False) -> Callable:
    if reflected:
        return lambda self, other: op(self._operand(other), self.value)
    return lambda self, other: op(self.value, self._operand(other))


class Variable:
    """A named, mutable tensor: model weights, optimizer slots, counters.

    The value is a tensor of the active backend; `assign` replaces it. Its
    `path` joins the names of the enclosing `cornu.name_scope`s and its
    `name`. Variables work as operands of Python operators, of `cornu.ops`
    and of NumPy functions. Inside a `cornu.StatelessScope`, reads and
    assignments go through the scope instead.

    Args:
        initializer: The initial value (a tensor, array or Python value), or
            a callable `initializer(shape, dtype)` returning it.
        shape: The shape; required when `initializer` is callable.
        dtype: The dtype. Defaults to the initial value's dtype, or to
            `cornu.config.floatx()` for a callable initializer.
        trainable: Whether optimizers should update it. Defaults to `True`.
        autocast: Whether layers may cast it to their compute dtype.
        aggregation: How replicas combine it: `"none"`, `"mean"`, `"sum"`
            or `"only_first_replica"`.
        synchronization: When replicas synchronize it: `"auto"`, `"none"`,
            `"on_read"` or `"on_write"`.
        name: The name, a string without `/`. Defaults to `"variable"`,
            made unique per session.

    Example:

    >>> v = cornu.Variable([1.0, 2.0], name="w")
    >>> v.shape, v.dtype, v.trainable, v.path
    ((2,), 'float32', True, 'w')
    >>> _ = v.assign_add([1.0, 1.0])
    >>> v.numpy().tolist()
    [2.0, 3.0]
    >>> cornu.ops.convert_to_numpy(v * 2).tolist()
    [4.0, 6.0]
    """

    # The initializer a load may still need to run (`deferred_init`).
    _pending_initializer = None

    def __init__(
        self,
        initializer: Any,
        shape: Any = None,
        dtype: Any = None,
        trainable: bool = True,
        autocast: bool = True,
        aggregation: str = "none",
        synchronization: str = "auto",
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        del kwargs  # backend-specific options (e.g. sharding layouts)
        if name is None:
            name = global_state.unique_name("variable")
        if not isinstance(name, str) or "/" in name or not name:
            raise ValueError(
                "Variable expects `name` to be a non-empty string without "
                f"'/'. Received: name={name!r}. Use `cornu.name_scope` to "
                "build paths."
            )
        if aggregation not in _AGGREGATIONS:
            raise ValueError(
                f"Variable expects `aggregation` in {_AGGREGATIONS}. "
                f"Received: aggregation={aggregation!r}."
            )
        if synchronization not in _SYNCHRONIZATIONS:
            raise ValueError(
                f"Variable expects `synchronization` in {_SYNCHRONIZATIONS}."
                f" Received: synchronization={synchronization!r}."
            )
        self._name = name
        parent = name_scope.current_path()
        self._path = f"{parent}/{name}" if parent else name
        self._trainable = bool(trainable)
        self._autocast = bool(autocast)
        self._aggregation = aggregation or "none"
        self._synchronization = synchronization or "none"
        self._overwrite_with_gradient = False
        self.regularizer = None
        self.constraint = None
        self._initializer = None
        self._value = None
        if isinstance(initializer, str):
            raise TypeError(
                "Variable expects `initializer` to be a value or a callable "
                f"`(shape, dtype) -> value`. Received the string "
                f"{initializer!r}. Pass `cornu.initializers.get("
                f"{initializer!r})` instead."
            )
        if callable(initializer):
            if shape is None:
                raise ValueError(
                    "Variable needs `shape` when `initializer` is callable. "
                    f"Received: initializer={initializer!r}, shape=None. "
                    "Pass e.g. `Variable(init, shape=(3, 4))`."
                )
            self._shape = self._validate_shape(shape)
            self._dtype = dtypes.standardize_dtype(dtype or config.floatx())
            if stateless_scope.in_stateless_scope():
                self._initializer = initializer
                _register_uninitialized(self)
            elif deferred_init.pending_variables() is not None:
                # A load will overwrite the value: zeros now, and the
                # initializer only if the load does not (deferred_init).
                zeros = np.zeros(self._shape, "float32")
                self._initialize(self._convert_to_tensor(zeros, self._dtype))
                self._pending_initializer = initializer
                deferred_init.pending_variables().append(self)
            else:
                self._initialize_with_initializer(initializer)
        else:
            if stateless_scope.in_stateless_scope():
                raise ValueError(
                    "A Variable with a concrete initial value cannot be "
                    "created inside a StatelessScope. Create variables "
                    "before entering the scope (e.g. in a layer's `build`)."
                )
            value = self._convert_to_tensor(_unwrap(initializer), dtype)
            self._dtype = dtypes.standardize_dtype(value.dtype)
            self._shape = self._validate_shape(tuple(value.shape))
            if shape is not None and standardize_shape(shape) != self._shape:
                raise ValueError(
                    f"Variable '{self._path}': the initial value has shape "
                    f"{self._shape} but `shape={tuple(shape)}` was passed."
                )
            self._initialize(value)
        self._ndim = len(self._shape)

    # Backend hooks.
    def _convert_to_tensor(self, value: Any, dtype: Any = None) -> Any:
        raise NotImplementedError

    def _convert_assigned(self, value: Any) -> Any:
        """A value given to `assign`, as a tensor of the variable's dtype
        (a backend may reuse tensors here, e.g. for constants)."""
        return self._convert_to_tensor(value, self._dtype)

    def _initialize(self, value: Any) -> None:
        raise NotImplementedError

    def _direct_assign(self, value: Any) -> None:
        raise NotImplementedError

    def _to_numpy(self, value: Any) -> np.ndarray:
        return np.asarray(value)

    def _operand(self, other: Any) -> Any:
        """`other` as an operand of a Python operator on the value."""
        other = _unwrap(other)
        if isinstance(other, (list, tuple, np.ndarray)):
            return self._convert_to_tensor(other)
        return other

    def _validate_shape(self, shape: Any) -> tuple:
        shape = standardize_shape(shape)
        if None in shape:
            raise ValueError(
                "Variable shapes must be fully defined. Received: shape="
                f"{shape} for variable '{self._path}'."
            )
        return shape

    def _initialize_with_initializer(self, initializer: Callable) -> None:
        value = self._convert_to_tensor(
            initializer(self._shape, dtype=self._dtype), self._dtype
        )
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"The initializer of variable '{self._path}' returned shape "
                f"{tuple(value.shape)}; expected {self._shape}."
            )
        self._initialize(value)

    def _deferred_initialize(self) -> None:
        if self._value is not None:
            return
        self._initialize_with_initializer(self._initializer)
        self._initializer = None

    @property
    def value(self) -> Any:
        """The current value, a backend tensor (cast to the compute dtype
        inside a mixed-precision layer's call)."""
        if not _OPEN_SCOPES.count and self._value is not None:
            return self._value  # hot path: no scope is open anywhere
        value = self._read()
        autocast = autocast_scope.get_autocast_scope()
        if autocast is not None:
            return autocast.maybe_cast(self, value)
        return value

    def _read(self) -> Any:
        scope = stateless_scope.get_stateless_scope()
        if scope is not None:
            value = scope.get_current_value(self)
            if value is not None:
                return value
        if self._value is None:
            # Created in a StatelessScope and not yet initialized: a
            # placeholder of the right shape and dtype.
            return self._convert_to_tensor(
                self._initializer(self._shape, dtype=self._dtype),
                self._dtype,
            )
        return self._value

    def assign(self, value: Any) -> Variable:
        """Replaces the value (same shape); returns the variable."""
        value = self._convert_assigned(_unwrap(value))
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"Variable '{self._path}' has shape {self._shape}; cannot "
                f"assign a value of shape {tuple(value.shape)}. Reshape the "
                "value, or create a new variable."
            )
        scope = stateless_scope.get_stateless_scope()
        if scope is not None:
            scope.add_update((self, value))
        else:
            self._direct_assign(value)
            if self._pending_initializer is not None:
                self._pending_initializer = None  # a load set the value
        return self

    def assign_add(self, value: Any) -> Variable:
        """Adds `value` to the variable; returns the variable."""
        if (
            not _OPEN_SCOPES.count
            and self._value is not None
            and self._direct_add(value, 1)
        ):
            return self
        return self.assign(self._read() + self._operand(value))

    def assign_sub(self, value: Any) -> Variable:
        """Subtracts `value` from the variable; returns the variable."""
        if (
            not _OPEN_SCOPES.count
            and self._value is not None
            and self._direct_add(value, -1)
        ):
            return self
        return self.assign(self._read() - self._operand(value))

    def _direct_add(self, value: Any, sign: int) -> bool:
        """Backends with in-place tensors add `sign * value` in place when
        nothing needs converting and return `True` (a metric's hot path);
        `False` means: take the general path."""
        del value, sign
        return False

    def numpy(self) -> np.ndarray:
        """The value as a NumPy array."""
        return self._to_numpy(self._read())

    @property
    def dtype(self) -> str:
        """The dtype; inside a mixed-precision layer's call, floating
        variables report (and read as) the compute dtype."""
        autocast = autocast_scope.get_autocast_scope()
        if autocast is not None:
            return autocast.read_dtype(self)
        return self._dtype

    @property
    def shape(self) -> tuple:
        return self._shape

    @property
    def ndim(self) -> int:
        return self._ndim

    @property
    def name(self) -> str:
        return self._name

    @property
    def path(self) -> str:
        return self._path

    @property
    def trainable(self) -> bool:
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        self._trainable = bool(value)

    @property
    def autocast(self) -> bool:
        return self._autocast

    @property
    def aggregation(self) -> str:
        return self._aggregation

    @property
    def synchronization(self) -> str:
        return self._synchronization

    @property
    def overwrite_with_gradient(self) -> bool:
        """Whether optimizers replace the value by its gradient."""
        return self._overwrite_with_gradient

    @overwrite_with_gradient.setter
    def overwrite_with_gradient(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise TypeError(
                "`overwrite_with_gradient` must be a bool. Received: "
                f"{value!r}."
            )
        self._overwrite_with_gradient = value

    def __repr__(self) -> str:
        shown = ""
        if self._value is not None:
            try:
                shown = f", value={self._to_numpy(self._value)}"
            except Exception:  # noqa: BLE001 - repr must never raise
                shown = ""
        return (
            f"<Variable path={self._path}, shape={self._shape}, "
            f"dtype={self._dtype}{shown}>"
        )

    # NumPy interop.
    def __array_ufunc__(
        self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any
    ) -> Any:
        # `ndarray + variable` reads the variable's current value (cast to
        # the compute dtype inside a mixed-precision layer), not a copy
        # made by `__array__`.
        inputs = tuple(
            x._to_numpy(x.value) if isinstance(x, Variable) else x
            for x in inputs
        )
        return getattr(ufunc, method)(*inputs, **kwargs)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def __getitem__(self, key: Any) -> Any:
        return self.value[key]

    def __bool__(self) -> bool:
        raise TypeError(
            f"Variable '{self._path}' has no truth value. Compare its value "
            "explicitly, e.g. `bool(cornu.ops.all(v.value > 0))`."
        )

    def __int__(self) -> int:
        return int(self._scalar())

    def __float__(self) -> float:
        return float(self._scalar())

    def _scalar(self) -> np.ndarray:
        if self._ndim:
            raise TypeError(
                f"Only scalar variables convert to Python numbers; "
                f"'{self._path}' has shape {self._shape}."
            )
        return self.numpy()

    # Identity hashing (variables key optimizer slots); `==` is element-wise
    # as in Keras.
    __hash__ = object.__hash__

    def __neg__(self) -> Any:
        return -self.value

    def __pos__(self) -> Any:
        return self.value

    def __abs__(self) -> Any:
        return abs(self.value)

    def __invert__(self) -> Any:
        return ~self.value

    __eq__ = _binary(operator.eq)
    __ne__ = _binary(operator.ne)
    __lt__ = _binary(operator.lt)
    __le__ = _binary(operator.le)
    __gt__ = _binary(operator.gt)
    __ge__ = _binary(operator.ge)
    __add__ = _binary(operator.add)
    __radd__ = _binary(operator.add, reflected=True)
    __sub__ = _binary(operator.sub)
    __rsub__ = _binary(operator.sub, reflected=True)
    __mul__ = _binary(operator.mul)
    __rmul__ = _binary(operator.mul, reflected=True)
    __truediv__ = _binary(operator.truediv)
    __rtruediv__ = _binary(operator.truediv, reflected=True)
    __floordiv__ = _binary(operator.floordiv)
    __rfloordiv__ = _binary(operator.floordiv, reflected=True)
    __mod__ = _binary(operator.mod)
    __rmod__ = _binary(operator.mod, reflected=True)
    __pow__ = _binary(operator.pow)
    __rpow__ = _binary(operator.pow, reflected=True)
    __matmul__ = _binary(operator.matmul)
    __rmatmul__ = _binary(operator.matmul, reflected=True)
    __and__ = _binary(operator.and_)
    __rand__ = _binary(operator.and_, reflected=True)
    __or__ = _binary(operator.or_)
    __ror__ = _binary(operator.or_, reflected=True)
    __xor__ = _binary(operator.xor)
    __rxor__ = _binary(operator.xor, reflected=True)


def _register_uninitialized(variable: Variable) -> None:
    pending = global_state.get("uninitialized_variables")
    if pending is None:
        pending = []
        global_state.set("uninitialized_variables", pending)
    pending.append(variable)


def initialize_all_variables() -> None:
    """Initializes the variables created inside a `StatelessScope`."""
    pending = global_state.get("uninitialized_variables") or []
    global_state.set("uninitialized_variables", [])
    for variable in pending:
        variable._deferred_initialize()
