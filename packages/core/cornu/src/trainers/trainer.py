"""`Trainer`: `compile`, `fit`, `evaluate`, `predict` and friends, written
once for every backend.

The loops here never touch a framework. Each backend's trainer mixin
(`backend/<name>/trainer.py`, STYLE.md R23) supplies the step functions
(`make_train_function`, ...) and, where the step is stateless (JAX), how
the training state is taken from and written back to the variables
(`_begin_state`, `_sync_state_to_variables`). `Model` is
`class Model(BackendTrainer, Trainer, Layer)`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cornu.src import ops
from cornu.src import optimizers as optimizers_module
from cornu.src import tree
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.metrics.metric import Metric
from cornu.src.metrics.reduction_metrics import Mean
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.saving import serialization_lib
from cornu.src.trainers import compile_utils
from cornu.src.trainers.data_adapters import data_adapter_utils
from cornu.src.trainers.epoch_iterator import EpochIterator
from cornu.src.trainers.trainer_utils import LazyLogs
from cornu.src.trainers.trainer_utils import LoopVariables
from cornu.src.trainers.trainer_utils import accepts_argument
from cornu.src.trainers.trainer_utils import batch_size_of
from cornu.src.trainers.trainer_utils import check_epochs
from cornu.src.trainers.trainer_utils import format_logs
from cornu.src.trainers.trainer_utils import head_samples
from cornu.src.trainers.trainer_utils import make_callback_list
from cornu.src.trainers.trainer_utils import pythonify_logs
from cornu.src.trainers.trainer_utils import regularized_weights
from cornu.src.trainers.trainer_utils import resolve_verbose
from cornu.src.trainers.trainer_utils import runs_on_host
from cornu.src.trainers.trainer_utils import set_untracked
from cornu.src.trainers.trainer_utils import should_evaluate
from cornu.src.trainers.trainer_utils import standardize_batch

_NOT_COMPILED = (
    "You must call `compile()` before using the model for {what}, e.g. "
    "`model.compile(optimizer='adam', loss='mse')`."
)


class Trainer:
    """The training API mixed into `Model` (see `cornu.Model`)."""

    compiled = False
    optimizer = None
    loss = None
    stop_training = False
    history = None
    steps_per_execution = 1
    train_function = None
    test_function = None
    predict_function = None
    _compile_loss = None
    _compile_metrics = None
    _loss_tracker = None
    _compile_args = None
    _run_eagerly = False
    # `None` until `compile()` (or an assignment) sets it: resolved as
    # `jit_compile="auto"` would be, so an uncompiled model's `predict`
    # compiles where the backend does (as in Keras).
    _jit_compile = None
    _initial_epoch = None
    _initial_step = None
    _losses_override = None
    _loop_variables = None
    # Backends whose steps compile well turn this on (jit_compile="auto").
    _auto_jit_compile = False

    # ----------------------------------------------------------- compile
    def compile(
        self,
        optimizer: Any = "rmsprop",
        loss: Any = None,
        loss_weights: Any = None,
        metrics: Any = None,
        weighted_metrics: Any = None,
        run_eagerly: bool = False,
        steps_per_execution: int = 1,
        jit_compile: Any = "auto",
        auto_scale_loss: bool = True,
    ) -> None:
        """Configures the model for training.

        Args:
            optimizer: Optimizer name, class or instance.
            loss: Loss name, function or `cornu.losses.Loss`; a list or
                dict for several outputs (one per output).
            loss_weights: Factors for each output's loss (float, list or
                dict).
            metrics: Metrics to track (list, or list/dict per output);
                `"accuracy"` picks binary/sparse/categorical accuracy
                from the shapes.
            weighted_metrics: Metrics that also receive `sample_weight`.
            run_eagerly: Run the steps eagerly (no compilation).
            steps_per_execution: Batches processed by one call of the
                compiled step.
            jit_compile: `True`, `False` or `"auto"` (compile where the
                backend compiles well: XLA on JAX; torch runs eagerly
                unless `True`, which uses `torch.compile`).
            auto_scale_loss: With a `"mixed_float16"` dtype policy, wrap
                the optimizer in a `LossScaleOptimizer`.

        Example:

        >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
        >>> model.compiled
        True
        """
        if (
            isinstance(steps_per_execution, bool)
            or not isinstance(steps_per_execution, int)
            or steps_per_execution < 1
        ):
            raise ValueError(
                "`steps_per_execution` must be a positive integer. "
                f"Received: steps_per_execution={steps_per_execution!r}."
            )
        if jit_compile not in (True, False, "auto"):
            raise ValueError(
                "`jit_compile` must be True, False or 'auto'. Received: "
                f"jit_compile={jit_compile!r}."
            )
        set_untracked(
            self,
            "_compile_args",
            dict(
                optimizer=optimizer,
                loss=loss,
                loss_weights=loss_weights,
                metrics=metrics,
                weighted_metrics=weighted_metrics,
                run_eagerly=run_eagerly,
                steps_per_execution=steps_per_execution,
                jit_compile=jit_compile,
                auto_scale_loss=auto_scale_loss,
            ),
        )
        optimizer = optimizers_module.get(optimizer)
        if isinstance(optimizer, type):
            optimizer = optimizer()
        if (
            auto_scale_loss
            and self.dtype_policy.name == "mixed_float16"
            and optimizer is not None
        ):
            from cornu.src.optimizers.loss_scale_optimizer import (
                LossScaleOptimizer,
            )

            if not isinstance(optimizer, LossScaleOptimizer):
                optimizer = LossScaleOptimizer(optimizer)
        set_untracked(self, "optimizer", optimizer)
        set_untracked(self, "loss", loss)
        output_names = getattr(self, "output_names", None)
        set_untracked(
            self,
            "_compile_loss",
            (
                compile_utils.CompileLoss(loss, loss_weights, output_names)
                if loss is not None
                else None
            ),
        )
        set_untracked(
            self,
            "_compile_metrics",
            (
                compile_utils.CompileMetrics(
                    metrics, weighted_metrics, output_names
                )
                if metrics is not None or weighted_metrics is not None
                else None
            ),
        )
        set_untracked(self, "_loss_tracker", Mean(name="loss"))
        set_untracked(self, "_run_eagerly", bool(run_eagerly))
        if jit_compile == "auto":
            jit_compile = (
                self._auto_jit_compile
                and not run_eagerly
                and not runs_on_host(self)
            )
        if jit_compile and run_eagerly:
            raise ValueError(
                "`jit_compile=True` and `run_eagerly=True` contradict each "
                "other: a compiled step does not run eagerly. Set one of "
                "them to False."
            )
        set_untracked(self, "_jit_compile", bool(jit_compile))
        set_untracked(self, "steps_per_execution", steps_per_execution)
        self.stop_training = False
        set_untracked(self, "compiled", True)
        self._reset_step_functions()

    @property
    def run_eagerly(self) -> bool:
        """Whether the steps run eagerly (for debugging)."""
        return self._run_eagerly

    @run_eagerly.setter
    def run_eagerly(self, value: bool) -> None:
        set_untracked(self, "_run_eagerly", bool(value))
        self._reset_step_functions()

    @property
    def jit_compile(self) -> bool:
        """Whether the steps are compiled."""
        if self._jit_compile is None:
            return bool(self._auto_jit_compile) and not runs_on_host(self)
        return self._jit_compile

    @jit_compile.setter
    def jit_compile(self, value: bool) -> None:
        set_untracked(self, "_jit_compile", bool(value))
        self._reset_step_functions()

    def _reset_step_functions(self) -> None:
        set_untracked(self, "train_function", None)
        set_untracked(self, "test_function", None)
        set_untracked(self, "predict_function", None)

    def get_compile_config(self) -> dict | None:
        """The arguments of the last `compile()`, serialized."""
        if not self.compiled or self._compile_args is None:
            return None
        args = dict(self._compile_args)
        if not isinstance(args["optimizer"], str):
            args["optimizer"] = self.optimizer
        return {
            key: serialization_lib.serialize_keras_object(value)
            for key, value in args.items()
        }

    def compile_from_config(self, config: dict) -> None:
        """Compiles the model from `get_compile_config()`'s output."""
        args = {
            key: serialization_lib.deserialize_keras_object(value)
            for key, value in config.items()
        }
        if args.get("jit_compile") is True:
            # What the saving backend resolved "auto" to (Keras writes
            # that); this backend decides for itself (on torch, True would
            # mean torch.compile).
            args["jit_compile"] = "auto"
        self.compile(**args)
        if self.built and self.optimizer is not None:
            self.optimizer.build(self.trainable_variables)

    # ----------------------------------------------------------- metrics
    @property
    def metrics(self) -> list:
        """The metric objects: the loss tracker, the compiled metrics, the
        per-output losses and any `Metric` set as a model attribute."""
        out = []
        if self.compiled:
            if self._loss_tracker is not None:
                out.append(self._loss_tracker)
            if self._compile_metrics is not None:
                out.extend(self._compile_metrics.metrics)
            if self._compile_loss is not None:
                out.extend(self._compile_loss.metrics)
        out.extend(self._attribute_metrics())
        return out

    def _attribute_metrics(self) -> list:
        found = []
        for name, value in vars(self).items():
            if name == "_loss_tracker":  # listed first by `metrics`
                continue
            if isinstance(value, Metric):
                found.append(value)
        return found

    @property
    def metrics_names(self) -> list:
        """The names of the values `evaluate` returns, in order."""
        if (
            self.compiled
            and self._compile_metrics is not None
            and (self._compile_metrics.built)
        ):
            return list(self._raw_metrics_result())
        return [m.name for m in self.metrics]

    @property
    def metrics_variables(self) -> list:
        """The variables of every metric in `metrics`."""
        out = []
        for metric in self.metrics:
            out.extend(metric.variables)
        return out

    def reset_metrics(self) -> None:
        """Resets the state of every metric."""
        for metric in self.metrics:
            metric.reset_state()

    def _raw_metrics_result(self) -> dict:
        """Metric results as backend scalars (no device sync)."""
        out = {}
        if not self.compiled:
            return out
        if self._loss_tracker is not None:
            out["loss"] = self._loss_tracker.result()
        if self._compile_metrics is not None and self._compile_metrics.built:
            out.update(self._compile_metrics.result())
        if self._compile_loss is not None:
            for metric in self._compile_loss.metrics:
                out[metric.name] = metric.result()
        for metric in self._attribute_metrics():
            value = metric.result()
            if isinstance(value, dict):
                out.update(value)
            else:
                out[metric.name] = value
        return out

    def get_metrics_result(self) -> dict:
        """The current value of every metric, as Python floats."""
        return pythonify_logs(self._raw_metrics_result())

    def compute_metrics(
        self, x: Any, y: Any, y_pred: Any, sample_weight: Any = None
    ) -> dict:
        """Updates the compiled metrics and returns every metric's value.

        Args:
            x: Inputs (unused by the default implementation).
            y: Targets.
            y_pred: Model outputs.
            sample_weight: Weights for `weighted_metrics`.

        Returns:
            A dict of metric name to its current (backend scalar) value.
        """
        del x
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self._raw_metrics_result()

    def _step_metrics(
        self, x: Any, y: Any, y_pred: Any, sample_weight: Any
    ) -> Any:
        """What the default eager steps return: `compute_metrics`, or,
        when it is not overridden, the same logs computed lazily."""
        if type(self).compute_metrics is not Trainer.compute_metrics:
            return self.compute_metrics(x, y, y_pred, sample_weight)
        if self._compile_metrics is not None:
            self._compile_metrics.update_state(y, y_pred, sample_weight)
        return LazyLogs(self)

    # -------------------------------------------------------------- loss
    def compute_loss(
        self,
        x: Any = None,
        y: Any = None,
        y_pred: Any = None,
        sample_weight: Any = None,
        training: bool = True,
    ) -> Any:
        """The total loss: the compiled loss plus `model.losses`.

        Override to compute a custom loss.

        Args:
            x: Inputs.
            y: Targets.
            y_pred: Model outputs.
            sample_weight: Per-sample weights.
            training: Whether this is a training step.

        Returns:
            A scalar tensor.
        """
        del x, training
        values = []
        if self._compile_loss is not None:
            value = self._compile_loss(y, y_pred, sample_weight)
            if value is not None:
                values.append(value)
        for extra in self.losses:
            values.append(ops.sum(ops.cast(extra, "float32")))
        if not values:
            raise ValueError(
                "No loss to compute: the model was compiled without a "
                "`loss` and added no losses. Pass `loss=` to `compile()`, "
                "e.g. `model.compile(optimizer='adam', loss='mse')`."
            )
        total = values[0]
        for value in values[1:]:
            total = ops.add(total, value)
        return total

    @property
    def losses(self) -> list:
        override = self._losses_override
        cached = self._loop_variables
        if override is None and cached is None:
            return super().losses
        if override is None:
            # Inside a loop: only the layers that added losses during
            # the last call hold any (see `Layer.add_loss`).
            override = [
                loss
                for layer in self.__dict__.get("_loss_holders", ())
                for loss in layer._losses
            ]
        regularized = (
            cached["regularized"]
            if cached is not None
            else regularized_weights(self)
        )
        out = list(override)
        for variable in regularized:
            out.append(variable.regularizer(variable))
        return out

    def _begin_loop(self, mode: str) -> bool:
        """Before a loop's steps: caches the variable lists (see
        `_cache_loop_variables`) and lets a stateless backend read its
        state from the variables. Returns what `_end_loop` needs."""
        owned = self._cache_loop_variables()
        self._begin_state(mode)
        return owned

    def _cache_loop_variables(self) -> bool:
        """The variable lists every step would otherwise recompute by
        walking the layers, cached for a loop, or for the whole of a
        `fit` (its epochs and validation loops): they cannot change while
        the compiled steps run (changing `trainable` takes a new
        `compile()`, as in Keras). Returns whether this call set the
        cache (the caller then clears it)."""
        if self._loop_variables is not None:
            return False
        set_untracked(self, "_loop_variables", LoopVariables(self))
        return True

    def _end_loop(self, owned: bool) -> None:
        """After a loop (also when it fails): writes a stateless
        backend's state back and drops the cache `_begin_loop` set."""
        try:
            self._sync_state_to_variables()
        finally:
            if owned:
                set_untracked(self, "_loop_variables", None)

    def _compute_loss(self, x, y, y_pred, sample_weight, training=True):
        """Calls `compute_loss`, passing `training` only to overrides
        that accept it."""
        if accepts_argument(type(self).compute_loss, "training"):
            return self.compute_loss(
                x=x,
                y=y,
                y_pred=y_pred,
                sample_weight=sample_weight,
                training=training,
            )
        return self.compute_loss(
            x=x, y=y, y_pred=y_pred, sample_weight=sample_weight
        )

    def _call_model(self, x: Any, training: bool) -> Any:
        if self._call_spec.has_training:
            return self(x, training=training)
        return self(x)

    # ------------------------------------------------------------ build
    def _build_for_data(self, batch: Any) -> None:
        """Builds the model, the compiled loss and metrics and the
        optimizer from one batch, before any step runs."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(batch)
        loss_unbuilt = self._compile_loss is not None and not (
            self._compile_loss.built
        )
        metrics_unbuilt = self._compile_metrics is not None and not (
            self._compile_metrics.built
        )
        if not self.built or loss_unbuilt or metrics_unbuilt:
            x = standardize_batch(head_samples(x))
            y = standardize_batch(head_samples(y))
            if not self._build_symbolically(x, y):
                y_pred = self._call_model(x, training=False)
                if y is not None:
                    sample_weight = standardize_batch(
                        head_samples(sample_weight)
                    )
                    if loss_unbuilt:
                        self._compile_loss.build(y, y_pred)
                        self._compile_loss(y, y_pred, sample_weight)
                    if metrics_unbuilt:
                        self._compile_metrics.update_state(
                            y, y_pred, sample_weight
                        )
            self.reset_metrics()
        if self.optimizer is not None and not self.optimizer.built:
            self.optimizer.build(self.trainable_variables)

    def _build_symbolically(self, x: Any, y: Any) -> bool:
        """Builds the compiled loss and metrics from the outputs' shapes
        alone, as Keras does, when the model is built: an eager pass
        costs a compilation per op on jax (half a second before the first
        step). Returns `False` where the eager pass is still needed: an
        unbuilt model, no targets, an output that cannot be inferred, or
        a metric that sizes its state from the first values (F1Score,
        R2Score, ...)."""
        if not self.built or y is None:
            return False
        try:
            spec = tree.map_structure(
                lambda a: KerasTensor(
                    tuple(a.shape), dtype=standardize_dtype(a.dtype)
                ),
                x,
            )
            y_pred = self.compute_output_spec(spec)
        except Exception:  # e.g. a call() that needs concrete values
            return False
        if self._compile_loss is not None and not self._compile_loss.built:
            self._compile_loss.build(y, y_pred)
        metrics = self._compile_metrics
        if metrics is not None and not metrics.built:
            metrics.build(y, y_pred)
            if any(not getattr(m, "_built", True) for m in metrics.metrics):
                metrics.update_state(y, self._call_model(x, training=False))
        return True

    def _assert_compiled(self, what: str) -> None:
        if not self.compiled:
            raise ValueError(_NOT_COMPILED.format(what=what))

    # -------------------------------------------------------------- fit
    def fit(
        self,
        x: Any = None,
        y: Any = None,
        batch_size: int | None = None,
        epochs: int = 1,
        verbose: Any = "auto",
        callbacks: list | None = None,
        validation_split: float = 0.0,
        validation_data: Any = None,
        shuffle: Any = True,
        class_weight: dict | None = None,
        sample_weight: Any = None,
        initial_epoch: int = 0,
        steps_per_epoch: int | None = None,
        validation_steps: int | None = None,
        validation_batch_size: int | None = None,
        validation_freq: int = 1,
    ):
        """Trains the model for a number of epochs.

        Arguments as Keras 3's `Model.fit`. Returns a `History` whose
        `history` dict holds each epoch's metrics (`val_` ones too).

        Example:

        >>> import numpy as np
        >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> x = np.ones((8, 2), "float32")
        >>> history = model.fit(x, x[:, :1], epochs=2, verbose=0)
        >>> sorted(history.history), len(history.history["loss"])
        (['loss'], 2)
        """
        self._assert_compiled("training")
        verbose = resolve_verbose(verbose)
        check_epochs(epochs, initial_epoch)
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = (
                data_adapter_utils.train_validation_split(
                    (x, y, sample_weight), validation_split=validation_split
                )
            )
        val = None
        if validation_data is not None:
            val = data_adapter_utils.unpack_x_y_sample_weight(validation_data)
        iterator = EpochIterator(
            x,
            y,
            sample_weight,
            batch_size=batch_size,
            steps_per_epoch=steps_per_epoch,
            shuffle=shuffle,
            class_weight=class_weight,
            steps_per_execution=self.steps_per_execution,
        )
        self._build_for_data(iterator.first_batch())
        callback_list = make_callback_list(
            callbacks, self, verbose, epochs=epochs, steps=iterator.num_batches
        )
        self.stop_training = False
        train_function = self.make_train_function()
        val_iterator = None
        callback_list.on_train_begin()
        training_logs = None
        # BackupAndRestore sets where an interrupted run resumes.
        start = self._initial_epoch if self._initial_epoch else initial_epoch
        skip = self._initial_step or 0
        cached = self._cache_loop_variables()
        try:
            for epoch in range(start, epochs):
                self.reset_metrics()
                callback_list.on_epoch_begin(epoch)
                owned = self._begin_loop("train")
                try:
                    for first, last, batches in iterator:
                        if skip:
                            skip -= len(batches)
                            continue
                        callback_list.on_train_batch_begin(first)
                        logs = train_function(batches)
                        callback_list.on_train_batch_end(last, logs)
                        if self.stop_training:
                            break
                finally:
                    self._end_loop(owned)
                epoch_logs = self.get_metrics_result()
                if iterator.ran_out_of_data:
                    self.stop_training = True
                if val is not None and should_evaluate(epoch, validation_freq):
                    if val_iterator is None:
                        val_iterator = EpochIterator(
                            val[0],
                            val[1],
                            val[2],
                            batch_size=validation_batch_size or batch_size,
                            steps_per_epoch=validation_steps,
                            shuffle=False,
                            steps_per_execution=self.steps_per_execution,
                        )
                    val_logs = self._evaluate_loop(val_iterator, callback_list)
                    epoch_logs.update(
                        {f"val_{k}": v for k, v in val_logs.items()}
                    )
                callback_list.on_epoch_end(epoch, epoch_logs)
                training_logs = epoch_logs
                if self.stop_training:
                    break
        finally:
            if cached:
                set_untracked(self, "_loop_variables", None)
            set_untracked(self, "_initial_epoch", None)
            set_untracked(self, "_initial_step", None)
        if self.optimizer is not None and epochs > start:
            self.optimizer.finalize_variable_values(self.trainable_variables)
        callback_list.on_train_end(logs=training_logs)
        return self.history

    # --------------------------------------------------------- evaluate
    def evaluate(
        self,
        x: Any = None,
        y: Any = None,
        batch_size: int | None = None,
        verbose: Any = "auto",
        sample_weight: Any = None,
        steps: int | None = None,
        callbacks: list | None = None,
        return_dict: bool = False,
        **kwargs: Any,
    ):
        """Returns the loss and metric values of the model on data.

        Returns:
            A scalar (only a loss), a list in `metrics_names` order, or a
            dict with `return_dict=True`.

        Example:

        >>> import numpy as np
        >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(
        ...     1, kernel_initializer="zeros")])
        >>> model.compile(loss="mse", metrics=["mae"])
        >>> model.evaluate(np.ones((4, 2)), np.ones((4, 1)), verbose=0)
        [1.0, 1.0]
        """
        unknown = set(kwargs) - {"_use_cached_eval_dataset"}
        if unknown:
            raise TypeError(
                f"evaluate() got unexpected keyword arguments: "
                f"{sorted(unknown)}."
            )
        self._assert_compiled("evaluation")
        verbose = resolve_verbose(verbose)
        iterator = EpochIterator(
            x,
            y,
            sample_weight,
            batch_size=batch_size,
            steps_per_epoch=steps,
            shuffle=False,
            steps_per_execution=self.steps_per_execution,
        )
        self._build_for_data(iterator.first_batch())
        callback_list = make_callback_list(
            callbacks, self, verbose, epochs=1, steps=iterator.num_batches
        )
        logs = self._evaluate_loop(iterator, callback_list)
        if return_dict:
            return logs
        values = list(logs.values())
        return values[0] if len(values) == 1 else values

    def _evaluate_loop(self, iterator: EpochIterator, callback_list) -> dict:
        test_function = self.make_test_function()
        self.reset_metrics()
        callback_list.on_test_begin()
        owned = self._begin_loop("test")
        try:
            for first, last, batches in iterator:
                callback_list.on_test_batch_begin(first)
                logs = test_function(batches)
                callback_list.on_test_batch_end(last, logs)
        finally:
            self._end_loop(owned)
        logs = self.get_metrics_result()
        callback_list.on_test_end(logs)
        return logs

    # ---------------------------------------------------------- predict
    def predict(
        self,
        x: Any,
        batch_size: int | None = None,
        verbose: Any = "auto",
        steps: int | None = None,
        callbacks: list | None = None,
    ):
        """Returns the model's outputs for `x`, as NumPy arrays.

        Example:

        >>> import numpy as np
        >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(
        ...     1, kernel_initializer="ones")])
        >>> model.predict(np.ones((3, 2)), verbose=0).tolist()
        [[2.0], [2.0], [2.0]]
        """
        verbose = resolve_verbose(verbose)
        iterator = EpochIterator(
            x,
            batch_size=batch_size,
            steps_per_epoch=steps,
            shuffle=False,
            steps_per_execution=self.steps_per_execution,
        )
        if not self.built:
            batch = iterator.first_batch()
            x0, _, _ = data_adapter_utils.unpack_x_y_sample_weight(batch)
            x0 = standardize_batch(head_samples(x0))
            self._call_model(x0, training=False)
        callback_list = make_callback_list(
            callbacks, self, verbose, epochs=1, steps=iterator.num_batches
        )
        predict_function = self.make_predict_function()
        callback_list.on_predict_begin()
        owned = self._begin_loop("predict")
        collected = []
        try:
            for first, last, batches in iterator:
                callback_list.on_predict_batch_begin(first)
                outputs = predict_function(batches)
                collected.extend(outputs)
                callback_list.on_predict_batch_end(
                    last, {"outputs": outputs[-1]}
                )
        finally:
            self._end_loop(owned)
        if not collected:
            raise ValueError(
                "Unexpected result of `predict_function` (empty batch "
                "outputs): the data produced no batch. Check that `x` "
                "holds at least one sample."
            )
        result = tree.map_structure(
            lambda *parts: np.concatenate(
                [ops.convert_to_numpy(p) for p in parts]
            ),
            *collected,
        )
        callback_list.on_predict_end()
        return result

    # ------------------------------------------------------- on batch
    def train_on_batch(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        class_weight: dict | None = None,
        return_dict: bool = False,
    ):
        """Runs one training step on one batch; returns the metrics
        (a scalar, a list, or a dict with `return_dict=True`)."""
        self._assert_compiled("training")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError(
                    "Pass either `class_weight` or `sample_weight`, not "
                    "both: class weights are turned into sample weights."
                )
            sample_weight = data_adapter_utils.class_weight_to_sample_weights(
                y, class_weight
            )
        batch = data_adapter_utils.pack_x_y_sample_weight(x, y, sample_weight)
        self._build_for_data(batch)
        train_function = self.make_train_function()
        owned = self._begin_loop("train")
        try:
            train_function([batch])
        finally:
            self._end_loop(owned)
        return format_logs(self.get_metrics_result(), return_dict)

    def test_on_batch(
        self,
        x: Any,
        y: Any = None,
        sample_weight: Any = None,
        return_dict: bool = False,
    ):
        """Evaluates the model on one batch; returns the metrics."""
        self._assert_compiled("evaluation")
        batch = data_adapter_utils.pack_x_y_sample_weight(x, y, sample_weight)
        self._build_for_data(batch)
        test_function = self.make_test_function()
        self.reset_metrics()
        owned = self._begin_loop("test")
        try:
            test_function([batch])
        finally:
            self._end_loop(owned)
        return format_logs(self.get_metrics_result(), return_dict)

    def predict_on_batch(self, x: Any):
        """The model's outputs for one batch, as NumPy arrays."""
        if not self.built:
            self._call_model(standardize_batch(head_samples(x)), training=False)
        predict_function = self.make_predict_function()
        owned = self._begin_loop("predict")
        try:
            outputs = predict_function([(x,)])
        finally:
            self._end_loop(owned)
        return tree.map_structure(ops.convert_to_numpy, outputs[0])

    # ------------------------------------- stateful steps (torch, numpy)
    def test_step(self, data: Any) -> dict:
        """One evaluation step: forward pass, loss and metric updates."""
        x, y, sample_weight = data_adapter_utils.unpack_x_y_sample_weight(data)
        y_pred = self._call_model(x, training=False)
        loss = self._compute_loss(x, y, y_pred, sample_weight, training=False)
        self._loss_tracker.update_state(
            loss, sample_weight=batch_size_of(x, y_pred)
        )
        return self._step_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data: Any) -> Any:
        """One prediction step: the model's outputs for a batch."""
        x, _, _ = data_adapter_utils.unpack_x_y_sample_weight(data)
        return self._call_model(x, training=False)

    def make_test_function(self, force: bool = False):
        """The function running `test_step` over a group of batches."""
        if self.test_function is not None and not force:
            return self.test_function
        step = self.test_step

        def test_function(batches):
            logs = None
            for batch in batches:
                logs = step(standardize_batch(batch))
            return logs

        set_untracked(self, "test_function", test_function)
        return test_function

    def make_predict_function(self, force: bool = False):
        """The function running `predict_step` over a group of batches;
        it returns one output structure per batch."""
        if self.predict_function is not None and not force:
            return self.predict_function
        step = self.predict_step

        def predict_function(batches):
            return [step(standardize_batch(batch)) for batch in batches]

        set_untracked(self, "predict_function", predict_function)
        return predict_function

    def _sync_state_for_callbacks(self) -> None:
        """Called by `Callback.model`: the variables hold the current
        values whenever a callback looks at the model."""
        self._sync_state_to_variables()

    def _begin_state(self, mode: str) -> None:
        """Stateless backends read the variables here (no-op by default)."""

    def _sync_state_to_variables(self) -> None:
        """Stateless backends write their state back (no-op by default)."""


__all__ = ["Trainer"]
