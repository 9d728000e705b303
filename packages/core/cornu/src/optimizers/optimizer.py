"""`Optimizer`: the base of every optimizer (Keras's `BaseOptimizer`).

An optimizer owns its state as non-trainable variables (`iterations`, the
learning rate, and per-variable "slots" such as Adam's moments) and updates
model variables from gradients. `apply` does it in place; `stateless_apply`
is the pure form used inside compiled steps: it runs `apply` inside a
`StatelessScope` and returns the new values.

Each algorithm implements `build(var_list)` (creating its slots) and
`update_step(gradient, variable, learning_rate)`. The base does everything
around it: gradient filtering, loss-scale unscaling, clipping, decoupled
weight decay, gradient accumulation, the EMA of weights and the step
counter. On the stateful path a backend may replace the per-variable loop
by a fused multi-tensor update (`backend/<name>/optimizer.py`).
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import global_state
from cornu.src.backend.common import stateless_scope
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.backend.common.variables import Variable
from cornu.src.optimizers import base_steps
from cornu.src.optimizers import clipping
from cornu.src.optimizers import optimizer_variables
from cornu.src.optimizers import schedules
from cornu.src.optimizers.schedules import learning_rate_schedule
from cornu.src.saving import serialization_lib
from cornu.src.utils.naming import to_snake_case

_Schedule = learning_rate_schedule.LearningRateSchedule
_UNSET = object()


@cornu_export("cornu.optimizers.Optimizer")
class Optimizer(optimizer_variables.OptimizerVariables):
    """Base class of optimizers: state, bookkeeping and the update loop.

    Subclasses create their per-variable state in `build(var_list)` (with
    `add_variable_from_reference` or `add_optimizer_variables`) and
    implement `update_step(gradient, variable, learning_rate)`.

    Args:
        learning_rate: A float, a
            `cornu.optimizers.schedules.LearningRateSchedule` (called with
            the step counter) or a callable taking no arguments.
        weight_decay: Optional float. If set, every updated variable `w`
            not excluded with `exclude_from_weight_decay` first becomes
            `w - w * weight_decay * learning_rate` (decoupled decay).
        clipnorm: Optional float. Clips each gradient to this L2 norm.
        clipvalue: Optional float. Clips each gradient element to
            `[-clipvalue, clipvalue]`.
        global_clipnorm: Optional float. Scales all gradients together so
            that their global L2 norm is at most this value. At most one
            of `clipnorm`, `clipvalue` and `global_clipnorm` may be set.
        use_ema: Whether to keep an exponential moving average (EMA) of
            the model's trainable variables.
        ema_momentum: Float in `[0, 1]`: `average = ema_momentum * average
            + (1 - ema_momentum) * value` (the first step copies the value).
        ema_overwrite_frequency: Optional int >= 1. Every this many steps
            the variables are overwritten with their average; otherwise
            call `finalize_variable_values` at the end of training.
        loss_scale_factor: Optional float. `scale_loss` multiplies the loss
            by it and gradients are divided by it before the update.
        gradient_accumulation_steps: Optional int >= 2. Gradients are
            summed over this many calls and their mean is applied on the
            last one; `iterations` then counts applied updates.
        name: The optimizer's name, prefix of its variables' paths.
            Defaults to the snake-case class name, made unique.

    Example:

    >>> w = cornu.Variable([1.0, 2.0], name="w")
    >>> opt = cornu.optimizers.SGD(learning_rate=0.5)
    >>> opt.apply([cornu.ops.convert_to_tensor([1.0, -1.0])], [w])
    >>> w.numpy().tolist(), int(opt.iterations.numpy())
    ([0.5, 2.5], 1)
    """

    def __init__(
        self,
        learning_rate: Any,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        self._lock = False
        self._tracked_ids: set = set()
        self._variables: list = []
        owner = type(self).__name__
        if kwargs.pop("decay", None) is not None:
            warnings.warn(
                "Argument `decay` is no longer supported and will be "
                "ignored; use a learning rate schedule instead.",
                stacklevel=2,
            )
        if kwargs:
            raise ValueError(
                f"{owner}: argument(s) not recognized: {kwargs}. See the "
                f"class docstring (`help(cornu.optimizers.{owner})`)."
            )
        base_steps.check_arguments(
            owner,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            gradient_accumulation_steps=gradient_accumulation_steps,
        )
        if name is None:
            name = global_state.unique_name(to_snake_case(owner))
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._trainable_variables: list = []
        self._trainable_variables_indices: dict = {}
        self._exclude_from_weight_decay: set = set()
        self._exclude_from_weight_decay_pattern = None
        self._exclude_from_weight_decay_cache: dict = {}
        self._fused_update = _UNSET
        with name_scope(self.name, caller=self):
            self._iterations = backend.Variable(
                0,
                name="iteration",
                dtype="int",
                trainable=False,
                aggregation="only_first_replica",
            )
        self._track_variable(self._iterations)
        if isinstance(learning_rate, _Schedule) or callable(learning_rate):
            self._learning_rate = learning_rate
        else:
            self._learning_rate = self._make_learning_rate(learning_rate)

    def _make_learning_rate(self, learning_rate: Any) -> Variable:
        if isinstance(learning_rate, bool) or not isinstance(
            learning_rate, (int, float)
        ):
            raise ValueError(
                f"{type(self).__name__}: `learning_rate` should be a float, "
                "a LearningRateSchedule, or a callable (taking no "
                "arguments and returning the learning rate). Received: "
                f"learning_rate={learning_rate!r}."
            )
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                float(learning_rate),
                name="learning_rate",
                dtype=backend.config.floatx(),
                trainable=False,
                aggregation="only_first_replica",
            )
        self._track_variable(variable)
        return variable

    @property
    def iterations(self) -> Any:
        """The step counter (applied updates when accumulating)."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(
                self._iterations, self.gradient_accumulation_steps
            )
        return self._iterations

    def build(self, variables: list) -> None:
        """Creates the state for `variables` (the trainable variables).

        Subclasses call `super().build(variables)` first, then add slots.
        """
        self._check_super_called()
        variables = list(variables)
        if self.use_ema:
            self._model_variables_moving_average = []
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = []
        for i, variable in enumerate(variables):
            self._trainable_variables_indices[id(variable)] = i
            if self.use_ema:
                self._model_variables_moving_average.append(
                    self.add_variable_from_reference(variable, "average")
                )
            if self.gradient_accumulation_steps:
                self._accumulated_gradients.append(
                    self.add_variable_from_reference(
                        variable, "gradient_accumulator"
                    )
                )
        self._trainable_variables = variables[:]
        self.built = True

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Updates one variable (and its slots) from its gradient."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `update_step(gradient, "
            "variable, learning_rate)`."
        )

    # Applying gradients.

    def apply_gradients(self, grads_and_vars: Any) -> Variable:
        """`apply` for `(gradient, variable)` pairs; returns `iterations`.

        Args:
            grads_and_vars: Iterable of `(gradient, variable)` pairs.

        Returns:
            The raw step counter variable.
        """
        pairs = list(grads_and_vars)
        if not pairs:
            return self._iterations
        grads, trainable_variables = zip(*pairs, strict=True)
        self.apply(list(grads), list(trainable_variables))
        return self._iterations

    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        """Updates `trainable_variables` from `grads` (one per variable).

        The first call with `trainable_variables` builds the optimizer;
        later calls may pass only `grads`, in the build order. `None`
        gradients skip their variable (with a warning).

        Args:
            grads: List of gradients (tensors or arrays, or `None`).
            trainable_variables: The variables, on the first call at least.
        """
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    f"{type(self).__name__}: when passing `grads` without "
                    "`trainable_variables`, the optimizer must already be "
                    "built. Call `optimizer.build(trainable_variables)` "
                    "first, or pass the variables."
                )
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
            if not self.built:
                with name_scope(self.name, caller=self):
                    self.build(trainable_variables)
                self.built = True
            else:
                self._check_variables_are_known(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"{type(self).__name__}: got {len(grads)} gradients for "
                f"{len(trainable_variables)} variables. Pass one gradient "
                "(or None) per variable, in the same order."
            )
        grads, trainable_variables = base_steps.preprocess(
            self, grads, trainable_variables
        )
        if grads:
            if self.loss_scale_factor is not None:
                scale = self.loss_scale_factor
                grads = [g / scale for g in grads]
            self._backend_apply_gradients(grads, trainable_variables)
            for variable in trainable_variables:
                if variable.constraint is not None:
                    variable.assign(variable.constraint(variable))
        base_steps.increment(self._iterations)

    def _check_variables_are_known(self, variables: list) -> None:
        indices = self._trainable_variables_indices
        for v in variables:
            if id(v) not in indices:
                raise ValueError(
                    f"{type(self).__name__}: unknown variable "
                    f"'{getattr(v, 'path', v)}'. This optimizer can only "
                    "update the variables it was built with; create a new "
                    "optimizer for a new set of variables."
                )

    def _backend_apply_gradients(self, grads: list, variables: list):
        if self.gradient_accumulation_steps:
            base_steps.accumulate(self, grads, variables)
        else:
            grads = self._clip_gradients(grads)
            self._apply_weight_decay(variables)
            self._backend_update_step(grads, variables, self.learning_rate)
        if self.use_ema:
            base_steps.update_ema(self)

    def _backend_update_step(
        self, grads: list, variables: list, learning_rate: Any
    ) -> None:
        fused = self._fused_update
        if fused is _UNSET:
            fused = self._fused_update = base_steps.select_fused_update(self)
        if fused is not None and not stateless_scope.in_stateless_scope():
            fused(self, grads, variables, learning_rate)
            return
        for grad, variable in zip(grads, variables, strict=True):
            self.update_step(grad, variable, learning_rate)

    def _clip_gradients(self, grads: list) -> list:
        if self.clipnorm and self.clipnorm > 0:
            return [
                None if g is None else clipping.clip_by_norm(g, self.clipnorm)
                for g in grads
            ]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return clipping.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            v = self.clipvalue
            return [None if g is None else ops.clip(g, -v, v) for g in grads]
        return grads

    def stateless_apply(
        self, optimizer_variables: Any, grads: Any, trainable_variables: Any
    ) -> tuple:
        """Pure `apply`: returns the new values instead of assigning them.

        Args:
            optimizer_variables: Values of `self.variables`, in order.
            grads: Gradients, one per variable the optimizer was built with.
            trainable_variables: Values of those variables, in build order.

        Returns:
            `(new_trainable_values, new_optimizer_values)`, two lists.
        """
        self._check_super_called()
        return base_steps.stateless_apply(
            self, optimizer_variables, grads, trainable_variables
        )

    def scale_loss(self, loss: Any) -> Any:
        """`loss * loss_scale_factor` (unchanged when it is `None`)."""
        if self.loss_scale_factor is not None:
            return loss * self.loss_scale_factor
        return loss

    # Learning rate.

    @property
    def learning_rate(self) -> Any:
        """The current learning rate: the variable, or the schedule's or
        callable's value at the current step."""
        return self._get_current_learning_rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate: Any) -> None:
        previous = self._learning_rate
        if isinstance(learning_rate, _Schedule) or callable(learning_rate):
            self._learning_rate = learning_rate
            if isinstance(previous, Variable):
                self._untrack_variable(previous)
            return
        if not isinstance(previous, Variable):
            kind = (
                "LearningRateSchedule"
                if isinstance(previous, _Schedule)
                else "callable"
            )
            raise TypeError(
                f"{type(self).__name__} was created with a {kind} as its "
                "`learning_rate`, so its learning rate cannot be set to a "
                f"number (received {learning_rate!r}). Create the optimizer "
                "with a float `learning_rate` to change it later."
            )
        previous.assign(learning_rate)

    def _get_current_learning_rate(self) -> Any:
        lr = self._learning_rate
        if isinstance(lr, Variable):
            return lr
        if isinstance(lr, _Schedule):
            return lr(self._iterations)
        return lr()

    # Weight decay.

    def exclude_from_weight_decay(
        self, var_list: Any = None, var_names: Any = None
    ) -> None:
        """Excludes variables from weight decay (call before `build`).

        Args:
            var_list: Variables to exclude.
            var_names: Strings; a variable whose name contains any of them
                is excluded (e.g. `["bias"]`).
        """
        if self.built:
            raise ValueError(
                f"{type(self).__name__}: `exclude_from_weight_decay()` can "
                "only be called before the optimizer is built. Call it "
                "before the first `apply`/`fit`, or create a new optimizer."
            )
        self._exclude_from_weight_decay = {id(v) for v in var_list or ()}
        names = list(var_names or ())
        self._exclude_from_weight_decay_pattern = (
            re.compile("|".join(sorted(set(names)))) if names else None
        )
        self._exclude_from_weight_decay_cache = {}

    def _use_weight_decay(self, variable: Any) -> bool:
        key = id(variable)
        cache = self._exclude_from_weight_decay_cache
        if key not in cache:
            pattern = self._exclude_from_weight_decay_pattern
            cache[key] = not (
                key in self._exclude_from_weight_decay
                or (
                    pattern is not None
                    and pattern.search(variable.name) is not None
                )
            )
        return cache[key]

    def _apply_weight_decay(self, variables: list) -> None:
        if self.weight_decay is None:
            return
        decayed = [v for v in variables if self._use_weight_decay(v)]
        if decayed:
            base_steps.apply_weight_decay(self, decayed)

    # EMA.

    def finalize_variable_values(self, var_list: list) -> None:
        """With `use_ema`, overwrites `var_list` with their averages.

        Args:
            var_list: The model's trainable variables (build order).
        """
        if self.use_ema:
            base_steps.overwrite_with_average(self, var_list)

    def get_config(self) -> dict:
        """The constructor arguments (learning rate schedules serialized)."""
        lr = self._learning_rate
        if isinstance(lr, _Schedule):
            lr = serialization_lib.serialize_keras_object(lr)
        elif isinstance(lr, Variable):
            lr = float(lr.numpy())
        elif callable(lr):
            lr = serialization_lib.serialize_keras_object(lr)
        return {
            "name": self.name,
            "learning_rate": lr,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    def _config_with(self, config: dict, *names: str) -> dict:
        """`config` updated with the attributes `names` (an algorithm's
        hyperparameters, stored under their constructor argument names)."""
        config.update({name: getattr(self, name) for name in names})
        return config

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> Optimizer:
        """Creates an optimizer from `get_config()`'s dict (no state)."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            # Built-in schedules also resolve from a bare class name.
            config["learning_rate"] = schedules.deserialize(
                config["learning_rate"], custom_objects=custom_objects
            )
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"
