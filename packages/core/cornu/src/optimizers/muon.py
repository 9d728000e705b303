"""`Muon`: momentum orthogonalized by Newton-Schulz iterations for
matrices, AdamW for every other variable."""

from __future__ import annotations

import re
from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.optimizers import optimizer


@cornu_export("cornu.optimizers.Muon")
class Muon(optimizer.Optimizer):
    """Muon: orthogonalized momentum steps for weight matrices.

    Muon (Jordan et al., 2024) keeps an SGD momentum for each 2-D weight
    and replaces it, before the step, by an approximately orthogonal
    matrix computed with a few Newton-Schulz iterations: every direction
    of the update then gets a similar size. Variables that are not 2-D,
    embeddings and the model's output layer should use AdamW instead, and
    Muon does so itself:

    - a variable that is not 2-D uses the AdamW step (not configurable);
    - with `exclude_embeddings=True` (default), so does a variable whose
      path contains "embedding" (any case);
    - so does a variable whose path matches a regular expression of
      `exclude_layers` (e.g. `exclude_layers=["output_dense"]`);
    - every other variable uses the Muon step.

    Muon step, with `mu = momentum`: `m = mu * m + g`, the direction
    `d = g + mu * m` (Nesterov) or `m`, `O = newton_schulz(d)` and
    `w = w - lr * O * sqrt(max(rows, cols)) * rms_rate` (the last factor,
    from Liu et al., 2025, lets Muon share Adam's learning rate and weight
    decay; it is dropped with `rms_rate=None`). `newton_schulz` scales `d`
    to unit Frobenius norm, then repeats `ns_steps` times
    `A = X X^T; X = muon_a * X + (muon_b * A + muon_c * A A) X`
    (on the transpose when there are more rows than columns).

    AdamW step, at learning rate `lr * adam_lr_ratio`: Adam's moments and
    `w = w - m * alpha / (sqrt(v) + epsilon)` with
    `alpha = lr' * sqrt(1 - adam_beta_2**t) / (1 - adam_beta_1**t)`.
    Weight decay `w = w - w * decay * lr` uses `adam_weight_decay` for
    AdamW variables and `weight_decay` for Muon ones.

    Args:
        learning_rate: Float, `LearningRateSchedule` or callable. Defaults
            to `0.001`.
        adam_beta_1: AdamW's first-moment decay rate. Defaults to `0.9`.
        adam_beta_2: AdamW's second-moment decay rate. Defaults to
            `0.999`.
        adam_weight_decay: Float or None, the weight decay of AdamW
            variables. Defaults to `0.004`.
        epsilon: AdamW's small constant. Defaults to `1e-7`.
        weight_decay: Float or None, the weight decay of Muon variables.
            Defaults to `0.004`.
        exclude_layers: List of regular expressions; variables whose path
            matches one use AdamW. Defaults to none.
        exclude_embeddings: Whether variables with "embedding" in their
            path use AdamW. Defaults to `True`.
        muon_a: Newton-Schulz coefficient `a`. Defaults to `3.4445`.
        muon_b: Newton-Schulz coefficient `b`. Defaults to `-4.7750`.
        muon_c: Newton-Schulz coefficient `c`. Defaults to `2.0315`.
        adam_lr_ratio: Learning rate of AdamW variables relative to
            `learning_rate`. Defaults to `1`.
        momentum: The Muon momentum `mu`. Defaults to `0.95`.
        ns_steps: Int, the number of Newton-Schulz iterations. Defaults
            to `5`.
        nesterov: Whether to use Nesterov momentum. Defaults to `True`.
        rms_rate: Float or None, the update scale of Liu et al. (2025).
            Defaults to `0.2`.
        **kwargs: The other base options (`clipnorm`, `clipvalue`,
            `global_clipnorm`, `use_ema`, `ema_momentum`,
            `ema_overwrite_frequency`, `loss_scale_factor`,
            `gradient_accumulation_steps`, `name`); see
            `cornu.optimizers.Optimizer`.

    Example:

    >>> w = cornu.Variable([[1.0, 0.0], [0.0, 1.0]])
    >>> opt = cornu.optimizers.Muon(learning_rate=0.1, weight_decay=None)
    >>> opt.apply([cornu.ops.convert_to_tensor([[2.0, 0.0], [0.0, 1.0]])],
    ...           [w])
    >>> [[round(x, 3) for x in row] for row in w.numpy().tolist()]
    [[0.981, 0.0], [0.0, 0.968]]

    References:
        - [Keller Jordan, Muon](https://github.com/KellerJordan/Muon)
        - [Liu et al., 2025](https://arxiv.org/abs/2502.16982)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        adam_beta_1: float = 0.9,
        adam_beta_2: float = 0.999,
        adam_weight_decay: float | None = 0.004,
        epsilon: float = 1e-7,
        weight_decay: float | None = 0.004,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
        use_ema: bool = False,
        ema_momentum: float = 0.99,
        ema_overwrite_frequency: int | None = None,
        loss_scale_factor: float | None = None,
        gradient_accumulation_steps: int | None = None,
        name: str = "muon",
        exclude_layers: list | None = None,
        exclude_embeddings: bool = True,
        muon_a: float = 3.4445,
        muon_b: float = -4.7750,
        muon_c: float = 2.0315,
        adam_lr_ratio: float = 1,
        momentum: float = 0.95,
        ns_steps: int = 5,
        nesterov: bool = True,
        rms_rate: float | None = 0.2,
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
        if isinstance(ns_steps, bool) or not isinstance(ns_steps, int):
            raise ValueError(
                "Muon: `ns_steps` must be a non-negative int (the number of "
                f"Newton-Schulz iterations). Received: ns_steps={ns_steps!r}"
                ". The default is 5."
            )
        if ns_steps < 0:
            raise ValueError(
                "Muon: `ns_steps` must be a non-negative int (the number of "
                f"Newton-Schulz iterations). Received: ns_steps={ns_steps}."
                " The default is 5."
            )
        if isinstance(exclude_layers, str):
            raise ValueError(
                "Muon: `exclude_layers` must be a list of regular "
                f"expressions. Received the string {exclude_layers!r}. Wrap "
                f"it in a list: exclude_layers=[{exclude_layers!r}]."
            )
        self.adam_beta_1 = adam_beta_1
        self.adam_beta_2 = adam_beta_2
        self.epsilon = epsilon
        self.muon_a = muon_a
        self.muon_b = muon_b
        self.muon_c = muon_c
        self.adam_lr_ratio = adam_lr_ratio
        self.momentum = momentum
        self.ns_steps = ns_steps
        self.nesterov = nesterov
        self.exclude_embeddings = exclude_embeddings
        self.exclude_layers = list(exclude_layers or [])
        self.adam_weight_decay = adam_weight_decay
        self.rms_rate = rms_rate

    def _should_use_adamw(self, variable: Any) -> bool:
        if len(variable.shape) != 2:
            return True
        path = variable.path
        if self.exclude_embeddings and "embedding" in path.lower():
            return True
        return any(re.search(pattern, path) for pattern in self.exclude_layers)

    def build(self, var_list: list) -> None:
        """Creates a `momentum` slot per variable, and a `velocity` slot
        for the variables updated by AdamW."""
        if self.built:
            return
        super().build(var_list)
        self.momentums = [None] * len(var_list)
        self.adam_velocities = [None] * len(var_list)
        for i, var in enumerate(var_list):
            if getattr(var, "overwrite_with_gradient", False):
                continue
            self.momentums[i] = self.add_variable_from_reference(
                var, "momentum"
            )
            if self._should_use_adamw(var):
                self.adam_velocities[i] = self.add_variable_from_reference(
                    var, "velocity"
                )

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any):
        """Applies one Muon or AdamW step to `variable`."""
        index = self._get_variable_index(variable)
        m = self.momentums[index]
        v = self.adam_velocities[index]
        if v is not None:
            self._adamw_update_step(
                gradient, variable, learning_rate * self.adam_lr_ratio, m, v
            )
        else:
            self._muon_update_step(gradient, variable, learning_rate, m)

    def _muon_update_step(
        self, gradient: Any, variable: Any, learning_rate: Any, m: Any
    ) -> None:
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        self.assign(m, self.momentum * m.value + gradient)
        direction = gradient + self.momentum * m.value
        if not self.nesterov:
            direction = m.value
        update = lr * self.zeropower_via_newtonschulz5(direction, self.ns_steps)
        self.assign_sub(variable, self.lr_adjust(update))

    def _adamw_update_step(
        self,
        gradient: Any,
        variable: Any,
        learning_rate: Any,
        m: Any,
        v: Any,
    ) -> None:
        dtype = variable.dtype
        lr = ops.cast(learning_rate, dtype)
        gradient = ops.cast(gradient, dtype)
        local_step = ops.cast(self.iterations + 1, dtype)
        beta_1_power = ops.power(ops.cast(self.adam_beta_1, dtype), local_step)
        beta_2_power = ops.power(ops.cast(self.adam_beta_2, dtype), local_step)
        alpha = lr * ops.sqrt(1 - beta_2_power) / (1 - beta_1_power)
        self.assign_add(m, (gradient - m.value) * (1 - self.adam_beta_1))
        self.assign_add(
            v, (ops.square(gradient) - v.value) * (1 - self.adam_beta_2)
        )
        self.assign_sub(
            variable, m.value * alpha / (ops.sqrt(v.value) + self.epsilon)
        )

    def lr_adjust(self, x: Any) -> Any:
        """Scales a 2-D update by `sqrt(max(rows, cols)) * rms_rate`
        (unchanged when `rms_rate` is None; Liu et al., 2025)."""
        if self.rms_rate is None:
            return x
        rows, cols = x.shape[0], x.shape[1]
        return x * (float(max(rows, cols)) ** 0.5 * self.rms_rate)

    def transpose_last_axis(self, x: Any) -> Any:
        """Swaps the last two axes of `x`."""
        return ops.swapaxes(x, -1, -2)

    def zeropower_via_newtonschulz5(self, x: Any, steps: int) -> Any:
        """An approximately orthogonal matrix with the singular vectors of
        `x`: `steps` quintic Newton-Schulz iterations.

        The coefficients maximize the slope at zero rather than converging
        exactly: the result is close to `U S' V^T` (with `S'` near 1) for
        `x = U S V^T`, which trains as well as the exact `U V^T`.

        Args:
            x: Tensor with at least 2 axes (the last two form matrices).
            steps: Number of iterations.

        Returns:
            A tensor of the shape of `x`.
        """
        shape = tuple(x.shape)
        if len(shape) < 2:
            raise ValueError(
                "Muon.zeropower_via_newtonschulz5 expects a tensor with at "
                f"least 2 axes. Received shape {shape}."
            )
        a, b, c = self.muon_a, self.muon_b, self.muon_c
        tall = shape[-2] > shape[-1]
        if tall:
            x = self.transpose_last_axis(x)
        # A Frobenius norm of 1 bounds the spectral norm by 1.
        x = x / (ops.norm(x, axis=(-2, -1), keepdims=True) + 1e-7)
        for _ in range(steps):
            gram = ops.matmul(x, self.transpose_last_axis(x))
            poly = b * gram + c * ops.matmul(gram, gram)
            x = a * x + ops.matmul(poly, x)
        if tall:
            x = self.transpose_last_axis(x)
        return x

    def _apply_weight_decay(self, variables: list) -> None:
        # Each variable decays with the rate of the step it takes.
        for variable in variables:
            if not self._use_weight_decay(variable):
                continue
            if self._should_use_adamw(variable):
                decay = self.adam_weight_decay
            else:
                decay = self.weight_decay
            if decay is None:
                continue
            dtype = variable.dtype
            factor = ops.cast(decay, dtype) * ops.cast(
                self.learning_rate, dtype
            )
            self.assign(variable, variable.value - variable.value * factor)

    def get_config(self) -> dict:
        config = super().get_config()
        config.update(
            {
                "adam_beta_1": self.adam_beta_1,
                "adam_beta_2": self.adam_beta_2,
                "epsilon": self.epsilon,
                "exclude_layers": self.exclude_layers,
                "muon_a": self.muon_a,
                "muon_b": self.muon_b,
                "muon_c": self.muon_c,
                "adam_lr_ratio": self.adam_lr_ratio,
                "momentum": self.momentum,
                "ns_steps": self.ns_steps,
                "nesterov": self.nesterov,
                "exclude_embeddings": self.exclude_embeddings,
                "adam_weight_decay": self.adam_weight_decay,
                "rms_rate": self.rms_rate,
            }
        )
        return config
