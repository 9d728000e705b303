"""The TensorFlow training step (integration tier, STYLE.md R23).

Stateful, as in Keras: the variables are `tf.Variable`s, a
`tf.GradientTape` records the forward pass and the optimizer updates the
variables in place (`assign*` and fused training kernels, see
`optimizer.py`). The steps are `tf.function`s, traced once per input
signature: each distinct batch shape (typically the full batches and a
smaller last one) gets its own trace with static shapes, as `jax.jit`
does (see `_RELAX_SHAPES`); `jit_compile=True` compiles
them with XLA; `steps_per_execution` batches run in one call (the steps
are unrolled in the traced graph). `run_eagerly=True` runs the same steps
as plain Python. Models holding layers that compute on the host with
NumPy (StringLookup, TextVectorization, Hashing, ...) and batches
holding NumPy arrays of strings run eagerly. A model whose variables were
created in a `tf.distribute` strategy's scope runs each step on all its
replicas, each on a shard of the batch (`_distribute.py`).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import tensorflow as tf

from cornu.src import tree
from cornu.src.backend import config
from cornu.src.backend.tensorflow import _distribute
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.trainer_utils import LazyLogs
from cornu.src.trainers.trainer_utils import runs_on_host
from cornu.src.trainers.trainer_utils import standardize_batch

# `tf.function(reduce_retracing=True)` would trace a second batch shape
# with unknown (None) dimensions. cornu's ops compute shapes statically
# (their shape rules read `x.shape`) and are not yet all safe with
# unknown sizes at run time (e.g. `expand_dims` reshapes to a shape
# holding None), so each shape is traced with static dimensions. Turn it
# on once the tensorflow ops handle unknown dimensions everywhere.
_RELAX_SHAPES = False


def _standardize(batch: Any) -> Any:
    """NumPy and TF float64 leaves become floatx (TF tensors from a
    `tf.data.Dataset` arrive here natively, as do NumPy arrays)."""
    batch = standardize_batch(batch)
    floatx = tf.as_dtype(config.floatx())

    def one(value):
        if isinstance(value, tf.Tensor) and value.dtype == tf.float64:
            return tf.cast(value, floatx)
        return value

    return tree.map_structure(one, batch)


def _has_strings(batches: list) -> bool:
    for leaf in tree.flatten(batches):
        if isinstance(leaf, np.ndarray) and leaf.dtype.kind in "USO":
            return True
        if isinstance(leaf, (str, bytes)):
            return True
    return False


def _batch_size(x: Any) -> Any:
    for value in tree.flatten(x):
        shape = getattr(value, "shape", None)
        if shape is not None and len(shape):
            if shape[0] is None:
                return tf.shape(value)[0]
            return shape[0]
    return 1


def _static_size(x: Any) -> int | None:
    """The first-axis size of `x`'s first batched leaf, when known."""
    size = _batch_size(x)
    return size if isinstance(size, int) else None


def _lazy_as_none(step: Any) -> Any:
    """`step` returning `None` for its lazily computed logs (a Python
    object cannot cross `strategy.run`)."""

    def run(batch):
        out = step(batch)
        return None if isinstance(out, LazyLogs) else out

    return run


def _dense(gradient: Any) -> Any:
    # Gathers (embeddings) give sparse gradients; the optimizers take
    # dense ones.
    if isinstance(gradient, tf.IndexedSlices):
        return tf.convert_to_tensor(gradient)
    return gradient


def _needs_traceable_update(optimizer: Any) -> bool:
    """Whether `apply` branches on the step counter in Python (gradient
    accumulation, EMA overwrites), which a traced step cannot do: those
    optimizers update through `stateless_apply` (their traceable form)
    and the results are assigned."""
    if getattr(optimizer, "gradient_accumulation_steps", None):
        return True
    return bool(
        getattr(optimizer, "use_ema", False)
        and getattr(optimizer, "ema_overwrite_frequency", None)
    )


def _traced(run: Any, batches: list) -> Any:
    out = run(batches)
    # The default steps return lazily computed logs (a Python object):
    # the caller reads them from the metrics afterwards.
    return None if isinstance(out, LazyLogs) else out


def _any_accelerator() -> bool:
    return any(d.device_type != "CPU" for d in tf.config.list_logical_devices())


class Trainer:
    """Step functions for the tensorflow backend."""

    @property
    def _auto_jit_compile(self) -> bool:
        """`jit_compile="auto"`, as in Keras: XLA on a machine with a GPU
        or TPU, unless a layer says it does not support it
        (`supports_jit = False`); plain `tf.function` on CPU-only hosts
        (XLA there costs more compile time than it saves)."""
        if not _any_accelerator():
            return False
        return all(
            getattr(layer, "supports_jit", True)
            for layer in self._flatten_layers()
        )

    # ------------------------------------------------------------- steps
    def train_step(self, data: Any) -> Any:
        """One training step: forward pass under a `tf.GradientTape`,
        loss, gradients, optimizer update (in place), metric updates.
        Override it for a custom step."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        cached = self._loop_variables  # set while fit & co. run
        variables = (
            cached["trainable"]
            if cached is not None
            else self.trainable_variables
        )
        optimizer = self.optimizer
        targets = [v._value for v in variables]
        with tf.GradientTape() as tape:
            tape.watch(targets)
            y_pred = self._call_model(x, training=True)
            loss = self._compute_loss(
                x, y, y_pred, sample_weight, training=True
            )
            if optimizer is not None:
                scaled = optimizer.scale_loss(loss)
            else:
                scaled = loss
        # Under a tf.distribute strategy: this replica's share of the
        # batch (`None` otherwise; see `_distribute.py`).
        weight = _distribute.shard_weight(_static_size(x))
        if weight != 0:
            self._loss_tracker.update_state(
                loss, sample_weight=_batch_size(x)
            )
        if variables and optimizer is not None:
            if weight == 0:  # an empty shard: zero gradients
                grads = [tf.zeros_like(t) for t in targets]
            else:
                grads = [_dense(g) for g in tape.gradient(scaled, targets)]
            if weight is None:
                self._tf_apply(optimizer, grads, variables)
            else:
                _distribute.apply_gradients(
                    lambda g: self._tf_apply(
                        optimizer, g, variables, stateless=True
                    ),
                    grads,
                    weight,
                )
        if weight == 0:
            return LazyLogs(self)
        return self._step_metrics(x, y, y_pred, sample_weight)

    def test_step(self, data: Any) -> Any:
        """One evaluation step: forward pass, loss and metric updates
        (the loss weighted by the batch size, read from the tensor when
        the traced step leaves it unknown)."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred = self._call_model(x, training=False)
        if _distribute.shard_weight(_static_size(x)) == 0:
            return LazyLogs(self)  # an empty shard of a distributed step
        loss = self._compute_loss(x, y, y_pred, sample_weight, training=False)
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        return self._step_metrics(x, y, y_pred, sample_weight)

    def _tf_apply(
        self,
        optimizer: Any,
        grads: list,
        variables: list,
        stateless: bool = False,
    ):
        """Applies `grads`: in place (fused kernels) by default; through
        `stateless_apply` and assignments where the update must trace
        (see `_needs_traceable_update`) or where `stateless` (mirrored
        variables of a tf.distribute strategy, which a fused kernel would
        update on one device only)."""
        if not stateless and not (
            tf.inside_function() and _needs_traceable_update(optimizer)
        ):
            optimizer.apply(grads, variables)
            return
        opt_variables = optimizer.variables
        new_trainable, new_optimizer = optimizer.stateless_apply(
            [v.value for v in opt_variables],
            grads,
            [v.value for v in variables],
        )
        for variable, value in zip(variables, new_trainable, strict=True):
            variable.assign(value)
        for variable, value in zip(opt_variables, new_optimizer, strict=True):
            variable.assign(value)

    # ---------------------------------------------------- step functions
    def _step_function(self, step, collect: bool):
        """`fn(batches)` running `step` on each batch: the last logs (or
        every output, with `collect`), traced with `tf.function` unless
        the model runs eagerly."""

        strategy = _distribute.strategy_of(self)
        if strategy is not None:
            one = functools.partial(
                _distribute.run, strategy, _lazy_as_none(step), collect=collect
            )
        else:
            one = step

        def run(batches):
            outputs = [one(batch) for batch in batches]
            return outputs if collect else outputs[-1]

        if self.run_eagerly or runs_on_host(self):
            if strategy is None or collect:
                return run
            return lambda batches: run(batches) or LazyLogs(self)

        # A `partial`, not a closure: TF counts retracing per code object,
        # and every model's steps would share one.
        compiled = tf.function(
            functools.partial(_traced, run),
            jit_compile=bool(self.jit_compile),
            reduce_retracing=_RELAX_SHAPES,
            autograph=False,
        )

        def call(batches):
            if _has_strings(batches):
                return run(batches)
            out = compiled(batches)
            return LazyLogs(self) if out is None and not collect else out

        return call

    def make_train_function(self, force: bool = False):
        """The function running `train_step` over a group of batches."""
        if self.train_function is not None and not force:
            return self.train_function
        run = self._step_function(self.train_step, collect=False)

        def train_function(batches):
            return run([_standardize(b) for b in batches])

        object.__setattr__(self, "train_function", train_function)
        return train_function

    def make_test_function(self, force: bool = False):
        """The function running `test_step` over a group of batches."""
        if self.test_function is not None and not force:
            return self.test_function
        run = self._step_function(self.test_step, collect=False)

        def test_function(batches):
            return run([_standardize(b) for b in batches])

        object.__setattr__(self, "test_function", test_function)
        return test_function

    def make_predict_function(self, force: bool = False):
        """The function running `predict_step` over a group of batches;
        it returns one output structure per batch."""
        if self.predict_function is not None and not force:
            return self.predict_function
        run = self._step_function(self.predict_step, collect=True)

        def predict_function(batches):
            return run([_standardize(b) for b in batches])

        object.__setattr__(self, "predict_function", predict_function)
        return predict_function


__all__ = ["Trainer"]
