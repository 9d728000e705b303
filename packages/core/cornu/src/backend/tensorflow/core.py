"""Tensors, variables, control flow and scatter/slice on the TF backend.

A `Variable` holds a `tf.Variable` (created inside any active
`tf.distribute` strategy scope, which then mirrors it) and assigns it in
place, so the same object works eagerly and inside `tf.function`.
Control flow maps onto `tf.cond`/`tf.while_loop` so that it traces.
"""

import builtins
import contextlib

import numpy as np
import tensorflow as tf

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.common import device_scope as device_lib
from cornu.src.backend.common import loop_utils
from cornu.src.backend.common import variables
from cornu.src.backend.common.dtypes import python_value_dtype
from cornu.src.backend.common.dtypes import standardize_dtype

_AGGREGATIONS = {
    "none": tf.VariableAggregation.NONE,
    "mean": tf.VariableAggregation.MEAN,
    "sum": tf.VariableAggregation.SUM,
    "only_first_replica": tf.VariableAggregation.ONLY_FIRST_REPLICA,
}
_SYNCHRONIZATIONS = {
    "none": tf.VariableSynchronization.NONE,
    "auto": tf.VariableSynchronization.AUTO,
    "on_read": tf.VariableSynchronization.ON_READ,
    "on_write": tf.VariableSynchronization.ON_WRITE,
}


def to_tf_dtype(dtype):
    """The `tf.DType` for a cornu dtype name (or any dtype object)."""
    if isinstance(dtype, tf.DType):
        return dtype
    return tf.as_dtype(standardize_dtype(dtype))


class Variable(variables.Variable):
    __doc__ = variables.Variable.__doc__

    def _convert_to_tensor(self, value, dtype=None):
        return convert_to_tensor(value, dtype=dtype)

    def _initialize(self, value):
        self._value = tf.Variable(
            value,
            dtype=value.dtype,
            trainable=self._trainable,
            name=self._name,
            aggregation=_AGGREGATIONS[self._aggregation],
            synchronization=_SYNCHRONIZATIONS[self._synchronization],
        )

    def _direct_assign(self, value):
        self._value.assign(tf.cast(value, self._value.dtype))

    def _direct_add(self, value, sign):
        if self._value.dtype == tf.bool:
            return False
        value = convert_to_tensor(value, self._dtype)
        if tuple(value.shape) != self._shape:
            return False
        if sign > 0:
            self._value.assign_add(value)
        else:
            self._value.assign_sub(value)
        return True

    def _to_numpy(self, value):
        if isinstance(value, (tf.Tensor, tf.Variable)):
            return np.array(value.numpy())  # a copy, never a view
        return np.asarray(value)

    def __tf_tensor__(self, dtype=None, name=None):
        return tf.convert_to_tensor(self.value, dtype=dtype, name=name)

    # `tf.GradientTape.gradient(loss, model.trainable_variables)` (a
    # Keras-style custom `train_step`) watches resource handles: the
    # wrapper answers for its `tf.Variable`.
    _should_act_as_resource_variable = True

    @property
    def handle(self):
        return self._value.handle

    @classmethod
    def bind_operators(cls, ops):
        """Routes Python operators through the backend's NumPy-API `ops`.

        TF's own operators neither promote dtypes nor take 1-D `@`; the
        package `__init__` calls this once `ops` (the `numpy` family
        namespace, which imports this module) exists.
        """
        for dunder, op_name in _BINARY_OPERATORS.items():
            setattr(cls, f"__{dunder}__", _binary_operator(ops, op_name))
            setattr(
                cls,
                f"__r{dunder}__",
                _binary_operator(ops, op_name, reflected=True),
            )
        for dunder, op_name in _COMPARISONS.items():
            setattr(cls, f"__{dunder}__", _binary_operator(ops, op_name))
        cls.__neg__ = lambda self: ops.negative(self.value)
        cls.__abs__ = lambda self: ops.absolute(self.value)
        cls.__invert__ = lambda self: ops.bitwise_invert(self.value)


_BINARY_OPERATORS = {
    "add": "add",
    "sub": "subtract",
    "mul": "multiply",
    "truediv": "true_divide",
    "floordiv": "floor_divide",
    "mod": "mod",
    "pow": "power",
    "matmul": "matmul",
    "and": "bitwise_and",
    "or": "bitwise_or",
    "xor": "bitwise_xor",
}
_COMPARISONS = {
    "eq": "equal",
    "ne": "not_equal",
    "lt": "less",
    "le": "less_equal",
    "gt": "greater",
    "ge": "greater_equal",
}


def _binary_operator(ops, op_name, reflected=False):
    op = getattr(ops, op_name)

    def operator(self, other):
        other = other.value if isinstance(other, variables.Variable) else other
        if reflected:
            return op(other, self.value)
        return op(self.value, other)

    operator.__name__ = op_name
    return operator


def _variable_to_tensor(value, dtype=None, name=None, as_ref=False):
    del as_ref
    return tf.convert_to_tensor(value.value, dtype=dtype, name=name)


# Lets TF ops take a cornu Variable: `tf.add(v, 1)`, `tf.matmul(x, v)`.
tf.register_tensor_conversion_function(Variable, _variable_to_tensor)


def _is_tf_value(x):
    return isinstance(x, (tf.Tensor, tf.Variable)) or tf.is_tensor(x)


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None):
    if dtype is None and isinstance(x, tf.Tensor):
        return x  # hot path: already a tensor
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor) and not sparse:
        x = tf.sparse.to_dense(x)
    elif isinstance(x, tf.RaggedTensor) and not ragged:
        x = x.to_tensor()
    if dtype is None:
        dtype = python_value_dtype(x, config.floatx())
    if _is_tf_value(x):
        if dtype is None:
            return tf.convert_to_tensor(x)
        dtype = to_tf_dtype(dtype)
        if x.dtype == dtype:
            return tf.convert_to_tensor(x)
        return tf.cast(x, dtype)
    if dtype is None:
        return tf.convert_to_tensor(x)
    dtype = to_tf_dtype(dtype)
    if isinstance(x, (list, tuple)) and _contains_tensor(x):
        return tf.cast(tf.stack([convert_to_tensor(e) for e in x]), dtype)
    array = np.asarray(x)
    if array.dtype == object:
        return tf.cast(tf.convert_to_tensor(x), dtype)
    if dtype == tf.string:
        return tf.convert_to_tensor(array, dtype=dtype)
    return tf.cast(tf.convert_to_tensor(array), dtype)


def _contains_tensor(x):
    if _is_tf_value(x) or isinstance(x, variables.Variable):
        return True
    if isinstance(x, (list, tuple)):
        return builtins.any(_contains_tensor(e) for e in x)
    return False


def convert_to_numpy(x):
    if isinstance(x, variables.Variable):
        x = x.value
    if isinstance(x, tf.SparseTensor):
        x = tf.sparse.to_dense(x)
    elif isinstance(x, tf.RaggedTensor):
        x = x.to_tensor()
    if isinstance(x, (tf.Tensor, tf.Variable)):
        return np.asarray(x.numpy())
    return np.asarray(x)


def is_tensor(x):
    return tf.is_tensor(x)


def cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = to_tf_dtype(dtype)
    if x.dtype == dtype:
        return x
    return tf.cast(x, dtype)


def saturate_cast(x, dtype):
    x = convert_to_tensor(x)
    dtype = standardize_dtype(dtype)
    in_dtype = standardize_dtype(x.dtype)
    if in_dtype == "bfloat16":
        x, in_dtype = tf.cast(x, tf.float32), "float32"
    if in_dtype != "bool":
        low, high = loop_utils.saturate_limits(in_dtype, dtype)
        x = tf.clip_by_value(
            x, tf.constant(low, x.dtype), tf.constant(high, x.dtype)
        )
    return tf.cast(x, to_tf_dtype(dtype))


def shape(x):
    """Static dims as ints; unknown dims (while tracing) as scalar
    tensors, as in Keras."""
    if not isinstance(x, (tf.SparseTensor, tf.RaggedTensor)):
        x = convert_to_tensor(x)
    static = x.shape
    if static.rank is None:
        return tf.shape(x)
    dims = static.as_list()
    if None not in dims:
        return tuple(dims)
    dynamic = tf.shape(x)
    return tuple(dynamic[i] if d is None else d for i, d in enumerate(dims))


def dtype(x):
    return standardize_dtype(convert_to_tensor(x).dtype)


_TF_DEVICE_TYPES = {"cpu": "CPU", "gpu": "GPU", "cuda": "GPU", "tpu": "TPU"}


@contextlib.contextmanager
def device_scope(device_name):
    device = device_lib.standardize_device_name(device_name)
    kind = _TF_DEVICE_TYPES.get(device[0])
    found = tf.config.list_logical_devices(kind) if kind else []
    if device[1] >= len(found):
        raise ValueError(
            f"TensorFlow has no device {device_name!r} (found "
            f"{[d.name for d in tf.config.list_logical_devices()]}). Pick "
            "one of those, e.g. `cornu.device('cpu:0')`."
        )
    with tf.device(f"/{kind}:{device[1]}"):
        with device_lib.push_device(device):
            yield


def is_tracing():
    """Whether code runs inside a `tf.function` trace (graph mode)."""
    return not tf.executing_eagerly()


def stop_gradient(variable):
    return tf.stop_gradient(convert_to_tensor(variable))


def custom_gradient(fun):
    return tf.custom_gradient(f=fun)


def _tensors(structure):
    return tree.map_structure(convert_to_tensor, structure)


def cond(pred, true_fn, false_fn):
    if isinstance(pred, (bool, np.bool_)):
        return true_fn() if pred else false_fn()
    return tf.cond(tf.cast(pred, tf.bool), true_fn, false_fn)


def switch(index, branches, *operands):
    index = tf.clip_by_value(
        tf.cast(convert_to_tensor(index), tf.int32), 0, len(branches) - 1
    )
    fns = [(lambda branch=branch: branch(*operands)) for branch in branches]
    return tf.switch_case(index, fns)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    loop_vars, is_sequence = loop_utils.normalize_loop_vars(loop_vars)
    loop_vars = _tensors(loop_vars)

    def body_fn(*loop_vars):
        outputs = loop_utils.normalize_loop_vars(body(*loop_vars))[0]
        # Keep each loop variable's dtype (Python scalars in `body`).
        return tree.map_structure(
            lambda new, old: cast(new, old.dtype), outputs, loop_vars
        )

    outputs = tf.while_loop(
        cond, body_fn, loop_vars, maximum_iterations=maximum_iterations
    )
    outputs = tuple(outputs)
    return outputs if is_sequence else outputs[0]


def fori_loop(lower, upper, body_fun, init_val):
    init_val = _tensors(init_val)
    lower = convert_to_tensor(lower, "int32")
    upper = convert_to_tensor(upper, "int32")

    def body(i, value):
        new = body_fun(i, value)
        new = tree.map_structure(lambda n, o: cast(n, o.dtype), new, value)
        return i + 1, new

    return tf.while_loop(lambda i, value: i < upper, body, (lower, init_val))[1]


def _stack(tensors):
    return tf.stack([convert_to_tensor(t) for t in tensors])


def _leading_size(xs):
    first = tree.flatten(xs)[0]
    size = first.shape[0]
    return tf.shape(first)[0] if size is None else size


def _graph_scan(f, init, xs, n, reverse):
    """`scan` as one `tf.while_loop` writing `ys` to TensorArrays (for
    traced code, where the length may be unknown)."""

    def element(i):
        if xs is None:
            return None
        return tree.map_structure(lambda t: tf.gather(t, i), xs)

    # One traced call of `f` tells the structure and dtypes of `ys`.
    _, probe = f(init, element(0 if xs is None else tf.constant(0)))
    probe_leaves = [convert_to_tensor(y) for y in tree.flatten(probe)]
    arrays = [
        tf.TensorArray(y.dtype, size=n, element_shape=y.shape)
        for y in probe_leaves
    ]

    def body(i, carry, arrays):
        index = n - 1 - i if reverse else i
        new_carry, y = f(carry, element(index))
        new_carry = tree.map_structure(
            lambda new, old: cast(new, old.dtype), new_carry, carry
        )
        arrays = [
            array.write(index, cast(leaf, array.dtype))
            for array, leaf in zip(arrays, tree.flatten(y), strict=True)
        ]
        return i + 1, new_carry, arrays

    _, carry, arrays = tf.while_loop(
        lambda i, carry, arrays: i < n,
        body,
        (tf.constant(0), init, arrays),
    )
    ys = tree.pack_sequence_as(probe, [array.stack() for array in arrays])
    return carry, ys


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    init = _tensors(init)
    if xs is not None:
        xs = _tensors(xs)
        length = _leading_size(xs)
    if is_tracing() or not isinstance(length, int):
        return _graph_scan(f, init, xs, length, reverse)
    return loop_utils.scan(f, init, xs, int(length), reverse, _stack)


def associative_scan(f, elems, reverse=False, axis=0):
    # Hillis-Steele: log2(n) rounds of `x[i] = f(x[i - shift], x[i])`,
    # each one batched call of `f` (traces to a fixed-size graph).
    elems = _tensors(elems)
    leaves = tree.flatten(elems)
    ndim = leaves[0].shape.rank
    axis = axis % ndim

    def take(x, start, stop):
        index = [builtins.slice(None)] * ndim
        index[axis] = builtins.slice(start, stop)
        return x[tuple(index)]

    if reverse:
        leaves = [tf.reverse(x, [axis]) for x in leaves]
    n = leaves[0].shape[axis]
    shift = 1
    while shift < n:
        earlier = tree.pack_sequence_as(
            elems, [take(x, 0, n - shift) for x in leaves]
        )
        later = tree.pack_sequence_as(
            elems, [take(x, shift, n) for x in leaves]
        )
        combined = tree.flatten(f(earlier, later))
        leaves = [
            tf.concat([take(x, 0, shift), convert_to_tensor(c)], axis)
            for x, c in zip(leaves, combined, strict=True)
        ]
        shift *= 2
    if reverse:
        leaves = [tf.reverse(x, [axis]) for x in leaves]
    return tree.pack_sequence_as(elems, leaves)


def map(f, xs):  # noqa: A001 - Keras's name
    xs = _tensors(xs)
    if is_tracing():
        # One traced call of `f` gives the output signature of map_fn.
        probe = f(tree.map_structure(lambda x: x[0], xs))
        signature = tree.map_structure(
            lambda y: tf.TensorSpec(y.shape, y.dtype),
            _tensors(probe),
        )
        return tf.map_fn(f, xs, fn_output_signature=signature)
    n = tree.flatten(xs)[0].shape[0]
    outputs = [f(tree.map_structure(lambda x, i=i: x[i], xs)) for i in range(n)]
    return tree.map_structure(lambda *ys: _stack(ys), *outputs)


def vectorized_map(function, elements):
    return tf.vectorized_map(function, _tensors(elements))


def _int_indices(indices):
    indices = convert_to_tensor(indices)
    if indices.dtype not in (tf.int32, tf.int64):
        indices = tf.cast(indices, tf.int32)
    return indices


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    shape = tf.cast(convert_to_tensor(shape), tf.int64)
    indices = tf.cast(_int_indices(indices), tf.int64)
    return tf.scatter_nd(indices, values, shape)


def scatter_update(inputs, indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = cast(updates, inputs.dtype)
    return tf.tensor_scatter_nd_update(inputs, _int_indices(indices), updates)


def _clamped_starts(inputs, start_indices, sizes):
    # As `jax.lax.dynamic_slice`: starts move back so the slice fits.
    starts = tf.reshape(
        tf.cast(convert_to_tensor(start_indices), tf.int32), [-1]
    )
    limit = tf.shape(inputs, out_type=tf.int32) - tf.constant(sizes, tf.int32)
    return tf.clip_by_value(starts, 0, tf.maximum(limit, 0))


def slice(inputs, start_indices, shape):  # noqa: A001 - Keras's name
    inputs = convert_to_tensor(inputs)
    sizes = [int(s) for s in np.asarray(shape).reshape(-1)]
    return tf.slice(
        inputs, _clamped_starts(inputs, start_indices, sizes), sizes
    )


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = cast(updates, inputs.dtype)
    sizes = updates.shape.as_list()
    starts = _clamped_starts(inputs, start_indices, sizes)
    if not sizes:
        return updates
    grids = tf.meshgrid(*[tf.range(n) for n in sizes], indexing="ij")
    indices = tf.stack(grids, axis=-1) + starts
    return tf.tensor_scatter_nd_update(inputs, indices, updates)


def unstack(x, num=None, axis=0):
    return tf.unstack(convert_to_tensor(x), num=num, axis=axis)
