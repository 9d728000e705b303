"""`LossScaleOptimizer`: dynamic loss scaling around another optimizer."""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import stateless_scope
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.backend.common.variables import Variable
from cornu.src.initializers import constant_initializers
from cornu.src.optimizers import optimizer
from cornu.src.saving import serialization_lib

# Base arguments Keras once wrote into this optimizer's config. Their
# defaults are accepted (old configs load); any other value is refused.
_BASE_DEFAULTS = {
    "weight_decay": None,
    "clipnorm": None,
    "global_clipnorm": None,
    "clipvalue": None,
    "use_ema": False,
    "ema_momentum": 0.99,
    "ema_overwrite_frequency": None,
    "loss_scale_factor": None,
    "gradient_accumulation_steps": None,
}


def _index_of(variables: list, variable: Variable) -> int:
    # By identity: `==` on variables compares their values.
    return next(i for i, v in enumerate(variables) if v is variable)


def _tensor(x: Any) -> Any:
    return x.value if isinstance(x, Variable) else ops.convert_to_tensor(x)


@cornu_export(
    [
        "cornu.optimizers.LossScaleOptimizer",
        "cornu.mixed_precision.LossScaleOptimizer",
    ]
)
class LossScaleOptimizer(optimizer.Optimizer):
    """Wraps an optimizer with dynamic loss scaling for float16 training.

    Small float16 gradients underflow to zero. Loss scaling multiplies the
    loss by a large factor, the loss scale, before gradients are computed
    (`scale_loss`), so the gradients are scaled too, and divides them by
    the same factor before the inner optimizer's update. The scale adapts:

    - a step whose gradients hold an `inf` or `NaN` is skipped (variables
      and the inner optimizer's state stay unchanged) and the scale is
      halved;
    - after `dynamic_growth_steps` consecutive finite steps, the scale is
      doubled.

    Args:
        inner_optimizer: The `cornu.optimizers.Optimizer` to wrap. Its own
            `loss_scale_factor` is switched off.
        initial_scale: Float, the starting loss scale. Best large: a scale
            that is too high drops quickly, one that is too low rises
            slowly. Defaults to `2.0**15`.
        dynamic_growth_steps: Int, the number of consecutive finite steps
            after which the scale doubles. Defaults to `2000`.
        name: Optional name of the optimizer.
        **kwargs: Only the base arguments' default values are accepted
            (for configs written by older Keras versions); set clipping,
            weight decay, EMA, ... on the inner optimizer.

    Raises:
        ValueError: If `dynamic=False` or any other argument is passed.
        TypeError: If `inner_optimizer` is not a cornu optimizer.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.LossScaleOptimizer(
    ...     cornu.optimizers.SGD(learning_rate=0.5), initial_scale=8.0)
    >>> float(opt.scale_loss(1.0))
    8.0
    >>> opt.apply([cornu.ops.convert_to_tensor([8.0, -8.0])], [w])
    >>> w.numpy().tolist(), float(opt.dynamic_scale.numpy())
    ([0.5, 2.5], 8.0)
    >>> opt.apply([cornu.ops.convert_to_tensor([float("inf"), 0.0])])
    >>> w.numpy().tolist(), float(opt.dynamic_scale.numpy())
    ([0.5, 2.5], 4.0)
    """

    def __init__(
        self,
        inner_optimizer: Any,
        initial_scale: float = 2.0**15,
        dynamic_growth_steps: int = 2000,
        name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not kwargs.pop("dynamic", True):
            raise ValueError(
                "LossScaleOptimizer no longer supports `dynamic=False`. "
                "For a fixed loss scale, set `loss_scale_factor` on the "
                "inner optimizer instead, e.g. "
                "`cornu.optimizers.Adam(loss_scale_factor=1024.0)`."
            )
        for arg_name, default in _BASE_DEFAULTS.items():
            if arg_name in kwargs and kwargs.pop(arg_name) != default:
                raise ValueError(
                    f"LossScaleOptimizer does not support `{arg_name}`. Set "
                    f"`{arg_name}` on the `inner_optimizer` instead."
                )
        if kwargs:
            raise ValueError(
                "LossScaleOptimizer does not support the argument(s) "
                f"{sorted(kwargs)}. It accepts only `inner_optimizer`, "
                "`initial_scale`, `dynamic_growth_steps` and `name`."
            )
        if not isinstance(inner_optimizer, optimizer.Optimizer):
            raise TypeError(
                "LossScaleOptimizer expects `inner_optimizer` to be a "
                "cornu optimizer instance. Received: inner_optimizer="
                f"{inner_optimizer!r} of type "
                f"{type(inner_optimizer).__name__}. Pass e.g. "
                "`cornu.optimizers.Adam()`."
            )
        if (
            isinstance(dynamic_growth_steps, bool)
            or not isinstance(dynamic_growth_steps, int)
            or dynamic_growth_steps < 1
        ):
            raise ValueError(
                "LossScaleOptimizer expects `dynamic_growth_steps` to be a "
                "positive int. Received: dynamic_growth_steps="
                f"{dynamic_growth_steps!r}. The default is 2000."
            )
        if not initial_scale > 0:
            raise ValueError(
                "LossScaleOptimizer expects `initial_scale` to be a positive "
                f"float. Received: initial_scale={initial_scale!r}. The "
                "default is 2.0**15."
            )
        super().__init__(learning_rate=0.0, name=name)
        self.inner_optimizer = inner_optimizer
        self.initial_scale = initial_scale
        self.dynamic_growth_steps = dynamic_growth_steps
        # Otherwise the gradients would be unscaled twice.
        self.inner_optimizer.loss_scale_factor = None

    def build(self, var_list: list) -> None:
        """Creates `step_counter` and `dynamic_scale`, then builds the
        inner optimizer on `var_list`."""
        self.step_counter = self.add_variable(
            shape=(),
            dtype="int",
            initializer="zeros",
            aggregation="none",
            name="step_counter",
        )
        self.dynamic_scale = self.add_variable(
            shape=(),
            dtype="float32",
            initializer=constant_initializers.Constant(self.initial_scale),
            aggregation="none",
            name="dynamic_scale",
        )
        self.inner_optimizer.build(var_list)
        super().build(var_list)

    @property
    def variables(self) -> list:
        """This optimizer's variables, then the inner optimizer's."""
        return self._variables + self.inner_optimizer.variables

    @property
    def learning_rate(self) -> Any:
        """The inner optimizer's learning rate (settable)."""
        return self.inner_optimizer.learning_rate

    @learning_rate.setter
    def learning_rate(self, learning_rate: Any) -> None:
        self.inner_optimizer.learning_rate = learning_rate

    @property
    def iterations(self) -> Any:
        """The inner optimizer's step counter (skipped steps excluded)."""
        return self.inner_optimizer.iterations

    def check_finite(self, grads: list) -> Any:
        """A boolean scalar tensor: whether every gradient is finite."""
        finite = [ops.all(ops.isfinite(g)) for g in grads if g is not None]
        return ops.all(ops.stack(finite))

    def scale_loss(self, loss: Any) -> Any:
        """`loss` multiplied by the current loss scale."""
        scale = self.dynamic_scale if self.built else self.initial_scale
        return ops.multiply(loss, scale)

    def _unscale(self, grads: list, scale: Any) -> list:
        variables = self._trainable_variables
        return [
            g
            if g is None or getattr(v, "overwrite_with_gradient", False)
            else ops.divide(g, ops.cast(scale, ops.dtype(g)))
            for g, v in zip(grads, variables, strict=True)
        ]

    def stateless_apply(
        self, optimizer_variables: Any, grads: Any, trainable_variables: Any
    ) -> tuple:
        """Pure `apply` (see `Optimizer.stateless_apply`); a non-finite
        step returns the trainable values and the inner state unchanged."""
        owner = type(self).__name__
        if not self.built:
            raise ValueError(
                f"To call `stateless_apply`, {owner} must be built (its "
                "variables created). Call "
                "`optimizer.build(trainable_variables)` first."
            )
        optimizer_variables = [_tensor(v) for v in optimizer_variables]
        trainable_variables = [_tensor(v) for v in trainable_variables]
        expected = len(self._variables) + len(self.inner_optimizer.variables)
        if len(optimizer_variables) != expected:
            raise ValueError(
                f"{owner}.stateless_apply: `optimizer_variables` must match "
                "`optimizer.variables` one to one. Received "
                f"{len(optimizer_variables)} values, expected {expected}."
            )
        grads = list(grads)
        own = optimizer_variables[: len(self._variables)]
        inner = optimizer_variables[len(self._variables) :]
        counter_index = _index_of(self._variables, self.step_counter)
        scale_index = _index_of(self._variables, self.dynamic_scale)
        counter, scale = own[counter_index], own[scale_index]

        def own_values(new_counter: Any, new_scale: Any) -> list:
            values = list(own)
            values[counter_index] = ops.cast(new_counter, ops.dtype(counter))
            values[scale_index] = ops.cast(new_scale, ops.dtype(scale))
            return values

        def finite_step() -> tuple:
            new_trainable, new_inner = self.inner_optimizer.stateless_apply(
                inner, self._unscale(grads, scale), trainable_variables
            )
            grow = ops.equal(counter, self.dynamic_growth_steps - 1)
            new_counter = ops.where(grow, ops.zeros_like(counter), counter + 1)
            new_scale = ops.where(grow, scale * 2.0, scale)
            new_own = own_values(new_counter, new_scale)
            return list(new_trainable), new_own + list(new_inner)

        def skipped_step() -> tuple:
            new_own = own_values(ops.zeros_like(counter), scale * 0.5)
            return list(trainable_variables), new_own + list(inner)

        finite = self.check_finite(grads)
        if backend.core.is_tracing():
            return ops.cond(finite, finite_step, skipped_step)
        # Eager: decide on the host and run only the branch taken.
        if bool(ops.convert_to_numpy(finite)):
            return finite_step()
        return skipped_step()

    def apply(self, grads: Any, trainable_variables: Any = None) -> None:
        """Unscales `grads` and applies them with the inner optimizer, or
        skips the step if any is not finite; then adapts the scale.

        Args:
            grads: List of (scaled) gradients, one per variable.
            trainable_variables: The variables, on the first call at least.
        """
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is not None:
            trainable_variables = list(trainable_variables)
            if not self.built:
                with name_scope(self.name, caller=self):
                    self.build(trainable_variables)
                self.built = True
            else:
                self._check_variables_are_known(trainable_variables)
        elif not self.built:
            raise ValueError(
                f"{type(self).__name__}: when passing `grads` without "
                "`trainable_variables`, the optimizer must already be "
                "built. Call `optimizer.build(trainable_variables)` first, "
                "or pass the variables."
            )
        grads = self._grads_in_build_order(grads, trainable_variables)
        if not (
            backend.core.is_tracing() or stateless_scope.in_stateless_scope()
        ):
            self._eager_apply(grads)
            return
        # Traced or inside a scope: the pure form, then write back.
        variables = self.variables
        new_trainable, new_optimizer = self.stateless_apply(
            [v.value for v in variables],
            grads,
            [v.value for v in self._trainable_variables],
        )
        for variable, value in zip(
            self._trainable_variables, new_trainable, strict=True
        ):
            variable.assign(value)
        for variable, value in zip(variables, new_optimizer, strict=True):
            variable.assign(value)

    def _grads_in_build_order(self, grads: list, variables: Any) -> list:
        if variables is None:
            variables = self._trainable_variables
        if len(grads) != len(variables):
            raise ValueError(
                f"{type(self).__name__}: got {len(grads)} gradients for "
                f"{len(variables)} variables. Pass one gradient (or None) "
                "per variable, in the same order."
            )
        ordered = [None] * len(self._trainable_variables)
        for g, v in zip(grads, variables, strict=True):
            ordered[self._get_variable_index(v)] = g
        return ordered

    def _eager_apply(self, grads: list) -> None:
        if bool(ops.convert_to_numpy(self.check_finite(grads))):
            scale = self.dynamic_scale.value
            self.inner_optimizer.apply(
                self._unscale(grads, scale), self._trainable_variables
            )
            counter = int(ops.convert_to_numpy(self.step_counter.value))
            if counter == self.dynamic_growth_steps - 1:
                self.step_counter.assign(0)
                self.dynamic_scale.assign(scale * 2.0)
            else:
                self.step_counter.assign(counter + 1)
        else:
            self.step_counter.assign(0)
            self.dynamic_scale.assign(self.dynamic_scale.value * 0.5)

    def finalize_variable_values(self, var_list: list) -> None:
        """Delegates to the inner optimizer (e.g. its EMA)."""
        self.inner_optimizer.finalize_variable_values(var_list)

    def set_weights(self, weights: list) -> None:
        """Assigns `weights` to `variables` (own, then inner)."""
        if not self.built:
            raise ValueError(
                f"{type(self).__name__}: `set_weights()` needs a built "
                "optimizer. Call `optimizer.build(trainable_variables)` "
                "first."
            )
        self._assign_all(list(weights), "set_weights")

    def save_own_variables(self, store: dict) -> None:
        """Writes `store["0"]`, `store["1"]`, ... in `variables` order."""
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store: Any) -> None:
        """Reads the values `save_own_variables` wrote."""
        values = [store[str(i)] for i in range(len(store.keys()))]
        self._assign_all(values, "load_own_variables")

    def _assign_all(self, values: list, what: str) -> None:
        variables = self.variables
        if len(values) != len(variables):
            raise ValueError(
                f"{type(self).__name__} '{self.name}'.{what}: received "
                f"{len(values)} values but the optimizer has "
                f"{len(variables)} variables (its own, then the inner "
                "optimizer's). Build it on the model's trainable variables "
                "first."
            )
        for variable, value in zip(variables, values, strict=True):
            shape = tuple(getattr(value, "shape", ()))
            if shape != tuple(variable.shape):
                raise ValueError(
                    f"{type(self).__name__}.{what}: variable "
                    f"'{variable.path}' has shape {tuple(variable.shape)}; "
                    f"received a value of shape {shape}."
                )
            variable.assign(value)

    def get_config(self) -> dict:
        # Only `name` among the base arguments, as in Keras.
        return {
            "name": self.name,
            "inner_optimizer": serialization_lib.serialize_keras_object(
                self.inner_optimizer
            ),
            "initial_scale": self.initial_scale,
            "dynamic_growth_steps": self.dynamic_growth_steps,
        }

    @classmethod
    def from_config(
        cls, config: dict, custom_objects: dict | None = None
    ) -> LossScaleOptimizer:
        """Creates the optimizer (and its inner one) from `get_config()`."""
        config = dict(config)
        inner = serialization_lib.deserialize_keras_object(
            config.pop("inner_optimizer"), custom_objects=custom_objects
        )
        return cls(inner, **config)
