"""The JAX training step (integration tier, STYLE.md R23).

Steps are pure functions of the training state (trainable, non-trainable,
optimizer and metric variable values), compiled once with `jax.jit` with
the state's buffers donated (but the metrics' scalars), and
`steps_per_execution` batches run in one compiled call. During an epoch
the state lives outside the variables; `_sync_state_to_variables` writes
it back (at epoch end, before validation, and whenever a callback reads
`self.model`). A loop starts from the variables' own arrays, copying
only those something else also holds (`_unshared`), so donation never
deletes an array anyone can still read.
"""

from __future__ import annotations

import sys
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from cornu.src import tree
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.trainer_utils import standardize_batch

_MODES = {
    "train": ("trainable", "non_trainable", "optimizer", "metrics"),
    "test": ("trainable", "non_trainable", "metrics"),
    "predict": ("trainable", "non_trainable"),
}


@jax.jit
def _copy_arrays(values: list) -> list:
    """Fresh buffers for `values` in one dispatch instead of one per
    array. (A batched `device_put` needs no compile, but costs about
    40 us of Python per array at every epoch: 8% of a batch-512 MLP's
    step.)"""
    return [jnp.copy(value) for value in values]


# References to a variable's array when only the variable holds it, as
# `sys.getrefcount(values[i])` counts them: the variable, the list and
# the call's argument.
_ONLY_THE_VARIABLE = 3


def _unshared(values: list) -> list:
    """`values`, with a copy of each array something besides its
    variable holds (a user's reference, another variable, a callback's
    saved weights): the compiled steps donate the buffers they are
    given, which deletes them for every holder. The arrays the last
    loop wrote back are held by their variables only, so an epoch
    starts without copying."""
    shared = [
        i
        for i in range(len(values))
        if sys.getrefcount(values[i]) > _ONLY_THE_VARIABLE
    ]
    if shared:
        copies = _copy_arrays([values[i] for i in shared])
        for i, copy in zip(shared, copies, strict=True):
            values[i] = copy
    return values


class Trainer:
    """Step functions for the jax backend."""

    _auto_jit_compile = True
    _jax_state = None
    _jax_mode = None

    # ------------------------------------------------------------- state
    def _state_variables(self, kind: str) -> list:
        cached = self._loop_variables  # set while a loop runs
        if cached is not None and kind != "optimizer":
            return cached[kind]
        if kind == "trainable":
            return self.trainable_variables
        if kind == "non_trainable":
            return self.non_trainable_variables
        if kind == "optimizer":
            return self.optimizer.variables if self.optimizer else []
        return self.metrics_variables

    def _begin_state(self, mode: str) -> None:
        object.__setattr__(self, "_jax_mode", mode)
        donated = self.jit_compile and mode != "predict"
        state = []
        for kind in _MODES[mode]:
            values = [v.value for v in self._state_variables(kind)]
            if donated and kind != "metrics" and values:
                values = _unshared(values)
            state.append(values)
        object.__setattr__(self, "_jax_state", tuple(state))

    def _sync_state_to_variables(self) -> None:
        state, mode = self._jax_state, self._jax_mode
        if state is None or mode == "predict":
            object.__setattr__(self, "_jax_state", None)
            return
        object.__setattr__(self, "_jax_state", None)
        # Every kind, the trainable variables of a test loop too: the
        # step donated the buffers they held.
        for kind, values in zip(_MODES[mode], state, strict=True):
            for variable, value in zip(
                self._state_variables(kind), values, strict=True
            ):
                variable.assign(value)

    def _current_state(self) -> tuple:
        if self._jax_state is None:
            self._begin_state(self._jax_mode or "train")
        return self._jax_state

    # ------------------------------------------------------------- steps
    def compute_loss_and_updates(
        self,
        trainable_variables: list,
        non_trainable_variables: list,
        metrics_variables: list,
        x: Any,
        y: Any,
        sample_weight: Any,
        training: bool = False,
        optimizer_variables: list | None = None,
    ) -> tuple:
        """The loss as a pure function of the variable values.

        Returns:
            `(loss, (unscaled_loss, y_pred, non_trainable_variables,
            metrics_variables))`; `loss` is scaled by the optimizer's loss
            scale when training.
        """
        mapping = list(
            zip(self.trainable_variables, trainable_variables, strict=True)
        )
        mapping += zip(
            self.non_trainable_variables, non_trainable_variables, strict=True
        )
        mapping += zip(self.metrics_variables, metrics_variables, strict=True)
        with StatelessScope(state_mapping=mapping, collect_losses=True) as (
            scope
        ):
            y_pred = self._call_model(x, training=training)
            object.__setattr__(self, "_losses_override", list(scope.losses))
            try:
                loss = self._compute_loss(
                    x, y, y_pred, sample_weight, training=training
                )
            finally:
                object.__setattr__(self, "_losses_override", None)
        non_trainable = _updated(
            scope, self.non_trainable_variables, non_trainable_variables
        )
        metrics = _updated(scope, self.metrics_variables, metrics_variables)
        unscaled = loss
        if training and self.optimizer is not None:
            opt_mapping = list(
                zip(
                    self.optimizer.variables,
                    optimizer_variables or [],
                    strict=True,
                )
            )
            with StatelessScope(state_mapping=opt_mapping):
                loss = self.optimizer.scale_loss(loss)
        return loss, (unscaled, y_pred, non_trainable, metrics)

    def _stateless_metrics(
        self, metrics_variables, loss, x, y, y_pred, sample_weight
    ) -> tuple:
        mapping = list(
            zip(self.metrics_variables, metrics_variables, strict=True)
        )
        with StatelessScope(state_mapping=mapping) as scope:
            self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
            logs = self.compute_metrics(x, y, y_pred, sample_weight)
        return logs, _updated(scope, self.metrics_variables, metrics_variables)

    def train_step(self, state: tuple, data: Any) -> tuple:
        """One training step as a pure function: `(logs, new_state)`."""
        trainable, non_trainable, optimizer_vars, metrics_vars = state
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        grad_fn = jax.value_and_grad(
            self.compute_loss_and_updates, has_aux=True
        )
        (_, aux), grads = grad_fn(
            trainable,
            non_trainable,
            metrics_vars,
            x,
            y,
            sample_weight,
            training=True,
            optimizer_variables=optimizer_vars,
        )
        unscaled, y_pred, non_trainable, metrics_vars = aux
        if self.optimizer is not None and trainable:
            trainable, optimizer_vars = self.optimizer.stateless_apply(
                optimizer_vars, grads, trainable
            )
        logs, metrics_vars = self._stateless_metrics(
            metrics_vars, unscaled, x, y, y_pred, sample_weight
        )
        return logs, (trainable, non_trainable, optimizer_vars, metrics_vars)

    def test_step(self, state: tuple, data: Any) -> tuple:
        """One evaluation step as a pure function: `(logs, new_state)`."""
        trainable, non_trainable, metrics_vars = state
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        _, aux = self.compute_loss_and_updates(
            trainable,
            non_trainable,
            metrics_vars,
            x,
            y,
            sample_weight,
            training=False,
        )
        unscaled, y_pred, non_trainable, metrics_vars = aux
        logs, metrics_vars = self._stateless_metrics(
            metrics_vars, unscaled, x, y, y_pred, sample_weight
        )
        return logs, (trainable, non_trainable, metrics_vars)

    def predict_step(self, state: tuple, data: Any) -> tuple:
        """The model's outputs as a pure function: `(outputs, state)`."""
        trainable, non_trainable = state
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        mapping = list(zip(self.trainable_variables, trainable, strict=True))
        mapping += zip(self.non_trainable_variables, non_trainable, strict=True)
        with StatelessScope(state_mapping=mapping) as scope:
            outputs = self._call_model(x, training=False)
        non_trainable = _updated(
            scope, self.non_trainable_variables, non_trainable
        )
        return outputs, (trainable, non_trainable)

    # ---------------------------------------------------- step functions
    def _compile(self, step, donate: bool):
        def run(state, batches):
            logs = None
            for batch in batches:
                logs, state = step(state, batch)
            return logs, state

        if not self.jit_compile:
            return run

        def run_split(head, metrics, batches):
            return run((*head, metrics), batches)

        jitted = jax.jit(run_split, donate_argnums=(0,) if donate else ())

        def compiled(state, batches):
            # The metrics' values (a few scalars) are not donated:
            # variables may share them (see `core._device_scalar`).
            return jitted(state[:-1], state[-1], batches)

        return _eager_for_strings(compiled, run)

    def make_train_function(self, force: bool = False):
        """The function running `train_step` over a group of batches."""
        if self.train_function is not None and not force:
            return self.train_function
        run = self._compile(self.train_step, donate=True)

        def train_function(batches):
            batches = [standardize_batch(b) for b in batches]
            logs, state = run(self._current_state(), batches)
            object.__setattr__(self, "_jax_state", state)
            return logs

        object.__setattr__(self, "train_function", train_function)
        return train_function

    def make_test_function(self, force: bool = False):
        if self.test_function is not None and not force:
            return self.test_function
        run = self._compile(self.test_step, donate=True)

        def test_function(batches):
            batches = [standardize_batch(b) for b in batches]
            logs, state = run(self._current_state(), batches)
            object.__setattr__(self, "_jax_state", state)
            return logs

        object.__setattr__(self, "test_function", test_function)
        return test_function

    def make_predict_function(self, force: bool = False):
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self.predict_step

        def run(state, batches):
            outputs = []
            for batch in batches:
                out, state = step(state, batch)
                outputs.append(out)
            return outputs, state

        if self.jit_compile:
            run = _eager_for_strings(jax.jit(run), run)

        def predict_function(batches):
            batches = [standardize_batch(b) for b in batches]
            outputs, state = run(self._current_state(), batches)
            object.__setattr__(self, "_jax_state", state)
            return outputs

        object.__setattr__(self, "predict_function", predict_function)
        return predict_function


def _eager_for_strings(jitted, eager):
    """`jitted`, except for batches holding NumPy arrays of strings
    (inputs of StringLookup, TextVectorization, ...), which `jax.jit`
    cannot take: those steps run eagerly."""

    def run(state, batches):
        for leaf in jax.tree_util.tree_leaves(batches):
            if isinstance(leaf, np.ndarray) and leaf.dtype.kind in "USO":
                return eager(state, batches)
        return jitted(state, batches)

    return run


def _updated(scope, variables: list, values: list) -> list:
    out = []
    for variable, value in zip(variables, values, strict=True):
        new = scope.get_current_value(variable)
        out.append(value if new is None else new)
    return out


def _batch_size(x: Any) -> Any:
    for value in tree.flatten(x):
        shape = getattr(value, "shape", None)
        if shape is not None and len(shape):
            return shape[0]
    return 1


__all__ = ["Trainer"]
