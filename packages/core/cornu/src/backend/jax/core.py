"""Tensors, variables, control flow and scatter/slice on the JAX backend.

JAX arrays are immutable: a `Variable` replaces its array on `assign`.
Control flow maps onto `jax.lax` so that it compiles under `jax.jit`.
"""

import contextlib

import jax
import jax.numpy as jnp
import numpy as np

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.common import device_scope as device_lib
from cornu.src.backend.common import loop_utils
from cornu.src.backend.common import variables
from cornu.src.backend.common.dtypes import python_value_dtype
from cornu.src.backend.common.dtypes import standardize_dtype


class Variable(variables.Variable):
    __doc__ = variables.Variable.__doc__

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def _convert_assigned(self, value):
        if type(value) in (int, float) and trace_free():
            return _device_scalar(value, self._dtype)
        return convert_to_tensor(value, dtype=self._dtype)

    def _initialize(self, value):
        self._value = value

    def _direct_assign(self, value):
        self._value = value

    def __jax_array__(self):
        return self.value


def _flatten_variable(variable):
    return (variable.value,), (
        variable.name,
        variable.path,
        variable.dtype,
        variable.shape,
        variable.trainable,
    )


def _unflatten_variable(aux, children):
    # A detached copy holding the (possibly traced) leaf: JAX rebuilds
    # pytrees while tracing, and must not create or update real variables.
    variable = object.__new__(Variable)
    variable.__dict__.update(
        _name=aux[0], _path=aux[1], _dtype=aux[2], _shape=aux[3],
        _ndim=len(aux[3]), _trainable=aux[4], _autocast=True,
        _aggregation="none", _synchronization="auto",
        _overwrite_with_gradient=False, regularizer=None, constraint=None,
        _initializer=None, _value=children[0],
    )
    return variable


class _ScalarCache:
    """Device scalars assigned to variables (`metric.reset_state()`'s
    `assign(0)` at every epoch), by `(value, dtype)`. jax arrays are
    immutable, so variables may share one; copying a number to the
    device costs 40-300 us per call, a dict look-up under 1 us. An array
    something donated (deleted) is made again."""

    arrays: dict = {}
    limit = 64


def _device_scalar(value, dtype):
    key = (type(value), value, dtype)
    array = _ScalarCache.arrays.get(key)
    if array is None or array.is_deleted():
        array = convert_to_tensor(value, dtype=dtype)
        if len(_ScalarCache.arrays) < _ScalarCache.limit:
            _ScalarCache.arrays[key] = array
    return array


# Registering Variable as a pytree lets jnp functions accept it directly.
jax.tree_util.register_pytree_node(
    Variable, _flatten_variable, _unflatten_variable
)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if dtype is None and isinstance(x, jax.Array):
        return x  # hot path: already a tensor
    if isinstance(x, variables.Variable):
        x = x.value
    if dtype is None:
        dtype = python_value_dtype(x, config.floatx())
    else:
        dtype = standardize_dtype(dtype)
    if isinstance(x, jax.Array) and (dtype is None or x.dtype == dtype):
        return x
    if not isinstance(x, jax.Array) and trace_free():
        out = _from_host(x, dtype)
        if out is not None:
            return out
    return jnp.asarray(x, dtype=dtype)


try:  # private in jax 0.10; the fallback below if jax moves it
    from jax._src.core import trace_state_clean as _trace_state_clean
except ImportError:  # pragma: no cover
    _trace_state_clean = None


def trace_free():
    """Whether no jax transformation (jit, grad, vmap) is active: code runs
    eagerly, on concrete arrays."""
    if _trace_state_clean is not None:
        return _trace_state_clean()
    return not isinstance(jnp.zeros(()), jax.core.Tracer)  # pragma: no cover


def _from_host(x, dtype):
    """`x` (NumPy data or Python numbers) copied to the device as `dtype`,
    or None where NumPy's conversion might differ from XLA's.

    Eagerly, `jnp.asarray` compiles one XLA program per new shape (tens
    of ms: every weight, constant and batch shape of a new model), a
    device copy compiles nothing. Only value-preserving conversions, and
    float roundings (the same round-to-nearest-even in NumPy and XLA),
    are done here; the rest is left to `jnp.asarray` and its errors.
    """
    if isinstance(x, (list, tuple)):
        scalars = (bool, int, float, np.generic)
        if not all(isinstance(v, scalars) for v in x):
            return None  # nested sequences, tensors: left to jnp
    elif not isinstance(x, (np.ndarray, np.generic, bool, int, float)):
        return None
    if dtype is None and not isinstance(x, (np.ndarray, np.generic)):
        return None
    try:
        array = np.asarray(x)
        target = array.dtype if dtype is None else np.dtype(jnp.dtype(dtype))
    except (TypeError, ValueError, OverflowError):
        return None
    src, dst = array.dtype, target.newbyteorder("=")
    if src.kind not in "biuf" or dst.kind not in "biuf":
        return None
    unsafe = src != dst and not np.can_cast(src, dst, casting="safe")
    # To a float: NumPy and XLA round alike. To an integer: only integers
    # that fit (NumPy and XLA differ on what else does).
    if unsafe and dst.kind != "f" and not _ints_fit(array, dst):
        return None
    return jax.device_put(array.astype(dst, copy=False), may_alias=False)


def _ints_fit(array, dtype):
    if array.dtype.kind not in "iu" or dtype.kind not in "iu":
        return False
    info = np.iinfo(dtype)
    return not array.size or (
        info.min <= array.min() and array.max() <= info.max
    )


def convert_to_numpy(x):
    if isinstance(x, variables.Variable):
        x = x.value
    return np.asarray(x)


def is_tensor(x):
    return isinstance(x, jax.Array)


def cast(x, dtype):
    return convert_to_tensor(x).astype(standardize_dtype(dtype))


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    in_dtype = standardize_dtype(x.dtype)
    if in_dtype == "bfloat16":
        x, in_dtype = x.astype("float32"), "float32"
    if in_dtype != "bool":
        low, high = loop_utils.saturate_limits(in_dtype, dtype)
        x = jnp.clip(x, low, high)
    return x.astype(dtype)


def shape(x):
    return tuple(jnp.shape(x))


def dtype(x):
    return standardize_dtype(convert_to_tensor(x).dtype)


@contextlib.contextmanager
def device_scope(device_name):
    device = device_lib.standardize_device_name(device_name)
    platform = "gpu" if device[0] == "cuda" else device[0]
    try:
        devices = jax.devices(platform)
    except RuntimeError:
        devices = []
    if device[1] >= len(devices):
        raise ValueError(
            f"JAX has no device {device_name!r} (found "
            f"{[str(d) for d in jax.devices()]}). Pick one of those, e.g. "
            "`cornu.device('cpu:0')`."
        )
    with jax.default_device(devices[device[1]]):
        with device_lib.push_device(device):
            yield


def is_tracing():
    """Whether code runs inside a `jax.jit`/`grad`/`vmap` trace: new arrays
    are tracers there."""
    return isinstance(jnp.zeros(()), jax.core.Tracer)


def stop_gradient(variable):
    return jax.lax.stop_gradient(convert_to_tensor(variable))


def custom_gradient(fun):
    return jax.custom_gradient(fun=fun)


def _tensors(structure):
    return tree.map_structure(convert_to_tensor, structure)


def cond(pred, true_fn, false_fn):
    return jax.lax.cond(pred, true_fn, false_fn)


def switch(index, branches, *operands):
    return jax.lax.switch(index, branches, *operands)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    loop_vars, is_sequence = loop_utils.normalize_loop_vars(loop_vars)
    loop_vars = _tensors(loop_vars)

    def body_fn(loop_vars):
        return loop_utils.normalize_loop_vars(body(*loop_vars))[0]

    if maximum_iterations is None:
        outputs = jax.lax.while_loop(
            lambda loop_vars: cond(*loop_vars), body_fn, loop_vars
        )
    else:
        _, outputs = jax.lax.while_loop(
            lambda c: jnp.logical_and(c[0] < maximum_iterations, cond(*c[1])),
            lambda c: (c[0] + 1, body_fn(c[1])),
            (jnp.asarray(0, "int32"), loop_vars),
        )
    return outputs if is_sequence else outputs[0]


def fori_loop(lower, upper, body_fun, init_val):
    return jax.lax.fori_loop(lower, upper, body_fun, _tensors(init_val))


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    return jax.lax.scan(
        f,
        _tensors(init),
        None if xs is None else _tensors(xs),
        length=length,
        reverse=reverse,
        unroll=unroll,
    )


def associative_scan(f, elems, reverse=False, axis=0):
    elems = _tensors(elems)
    if axis < 0:
        # jax.lax.associative_scan mishandles a negative axis with
        # reverse=True: count it from the front.
        axis += jax.tree_util.tree_leaves(elems)[0].ndim
    return jax.lax.associative_scan(f, elems, reverse=reverse, axis=axis)


def map(f, xs):  # noqa: A001 - Keras's name
    return jax.lax.map(f, _tensors(xs))


def vectorized_map(function, elements):
    return jax.vmap(function)(_tensors(elements))


def scatter(indices, values, shape):
    indices = convert_to_tensor(indices)
    values = convert_to_tensor(values)
    zeros = jnp.zeros(shape, dtype=values.dtype)
    return zeros.at[tuple(jnp.moveaxis(indices, -1, 0))].add(values)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    indices = convert_to_tensor(indices)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    return inputs.at[tuple(jnp.moveaxis(indices, -1, 0))].set(updates)


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    sizes = tuple(int(s) for s in np.asarray(shape).reshape(-1))
    start_indices = convert_to_tensor(start_indices)
    return jax.lax.dynamic_slice(
        convert_to_tensor(inputs), tuple(start_indices), sizes
    )


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = convert_to_tensor(updates, dtype=inputs.dtype)
    start_indices = convert_to_tensor(start_indices)
    return jax.lax.dynamic_update_slice(
        inputs, updates, tuple(start_indices)
    )


def unstack(x, num=None, axis=0):
    x = convert_to_tensor(x)
    return [jnp.take(x, i, axis=axis) for i in range(x.shape[axis])]
