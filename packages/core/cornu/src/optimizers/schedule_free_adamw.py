"""`ScheduleFreeAdamW`: AdamW without a learning-rate schedule, through
interpolation and averaging of iterates."""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.ScheduleFreeAdamW")
class ScheduleFreeAdamW(optimizer.Optimizer):
    """Schedule-Free AdamW: no decay schedule and no stopping time needed.

    Schedule-Free learning (Defazio et al., 2024) replaces the learning
    rate schedule by averaging: it keeps `z`, the sequence that takes the
    gradient steps, and `x`, the running average of `z`. Gradients are
    evaluated at `y = (1 - beta_1) * z + beta_1 * x`, which the model
    variables hold during training; for evaluation they should hold `x`.
    It matches or beats cosine and linear decay without knowing the
    number of steps in advance.

    Per step `t` (from 1): `v = v + (g**2 - v) * (1 - beta_2)`,
    `z = z - lr_t * g / (sqrt(v / (1 - beta_2**t)) + epsilon)` with
    `lr_t = lr * min(t / warmup_steps, 1)` (just `lr` without warmup),
    `x = (1 - 1/t) * x + (1/t) * z` and `y = (1 - beta_1) * z + beta_1 * x`.
    `x` is not stored: it is recovered from `y` and `z`.

    Call `swap_to_eval()` (alias `eval()`) before evaluating or saving the
    model, and `swap_to_train()` (alias `train()`) before training again.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.0025`.
        beta_1: Float, the interpolation weight of `x` in `y`. Defaults to
            `0.9`.
        beta_2: Decay rate of the second moment. Defaults to `0.999`.
        epsilon: Small constant added to the denominator. Defaults to
            `1e-8`.
        warmup_steps: Int, the number of steps over which the learning
            rate rises linearly from 0. Defaults to `0` (no warmup).
        **kwargs: The base options (`weight_decay`, `clipnorm`,
            `clipvalue`, `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([1.0, 2.0])
    >>> opt = cornu.optimizers.ScheduleFreeAdamW(learning_rate=0.1)
    >>> grad = cornu.ops.convert_to_tensor([1.0, -1.0])
    >>> opt.apply([grad], [w])
    >>> opt.apply([grad], [w])
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.845, 2.155]
    >>> opt.swap_to_eval()  # the averaged point x
    >>> [round(x, 4) for x in w.numpy().tolist()]
    [0.85, 2.15]

    References:
        - [Defazio et al., 2024](https://arxiv.org/abs/2405.15682)
    """

    def __init__(
        self,
        learning_rate: Any = 0.0025,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        warmup_steps: int = 0,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "schedule_free_adamw",
        **kwargs: Any,
    ) -> None:
        super().__init__(
            learning_rate=learning_rate,
            name=name,
            weight_decay=weight_decay,
            clipnorm=clipnorm,
            clipvalue=clipvalue,
            global_clipnorm=global_clipnorm,
            use_ema=use_ema,
            ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency,
            loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps,
            **kwargs,
        )
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.warmup_steps = warmup_steps
        self._is_training_mode = True

    def build(self, var_list: list) -> None:
        """Creates the `z` slots (starting at the variables' values) and
        the `velocity` slots."""
        if self.built:
            return
        super().build(var_list)
        self._z, self._v = self.add_optimizer_variables(
            var_list, ["z", "velocity"]
        )
        for var, z in zip(var_list, self._z, strict=True):
            if z is not None:
                # A copy: on JAX, `z` must not alias the variable's buffer.
                self.assign(z, ops.copy(var.value))

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Schedule-Free AdamW step to `variable`."""
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        beta_1 = ops.cast(self.beta_1, dtype)
        beta_2 = ops.cast(self.beta_2, dtype)
        if self.warmup_steps > 0:
            warmup = ops.cast(self.warmup_steps, dtype)
            lr = lr * ops.minimum(local_step / warmup, 1.0)
        index = self._get_variable_index(variable)
        z, v = self._z[index], self._v[index]

        z_old = ops.copy(z.value)
        self.assign_add(v, (ops.square(gradient) - v.value) * (1 - beta_2))
        bias_correction_2 = 1 - ops.power(beta_2, local_step)
        denominator = ops.sqrt(v.value / bias_correction_2) + self.epsilon
        self.assign_sub(z, lr * gradient / denominator)

        weight = 1.0 / local_step
        x_old = (variable.value - (1 - beta_1) * z_old) / beta_1
        x_new = (1 - weight) * x_old + weight * z.value
        self.assign(variable, (1 - beta_1) * z.value + beta_1 * x_new)

    def swap_to_train(self) -> None:
        """Sets the variables to the training point `y` (from `x`).

        Call it before training, after a `swap_to_eval()`. Does nothing if
        already in training mode or not built.
        """
        if self._is_training_mode or not self.built:
            return
        for var, z in zip(self._trainable_variables, self._z, strict=True):
            if z is None:
                continue
            beta_1 = ops.cast(self.beta_1, var.dtype)
            self.assign(var, (1 - beta_1) * z.value + beta_1 * var.value)
        self._is_training_mode = True

    def swap_to_eval(self) -> None:
        """Sets the variables to the averaged point `x` (from `y`).

        Call it before evaluation, inference or saving. Does nothing if
        already in evaluation mode or not built.
        """
        if not self._is_training_mode or not self.built:
            return
        for var, z in zip(self._trainable_variables, self._z, strict=True):
            if z is None:
                continue
            beta_1 = ops.cast(self.beta_1, var.dtype)
            self.assign(var, (var.value - (1 - beta_1) * z.value) / beta_1)
        self._is_training_mode = False

    def train(self) -> None:
        """Alias of `swap_to_train()`."""
        self.swap_to_train()

    def eval(self) -> None:
        """Alias of `swap_to_eval()`."""
        self.swap_to_eval()

    @property
    def is_training_mode(self) -> bool:
        """Whether the variables hold the training point `y`."""
        return self._is_training_mode

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "beta_1": self.beta_1,
                "beta_2": self.beta_2,
                "epsilon": self.epsilon,
                "warmup_steps": self.warmup_steps,
            }
        )
        return config
