"""`Metric`: the base class of every metric (state variables + result).

A metric accumulates statistics in non-trainable variables with
`update_state`, turns them into a value with `result` and starts over with
`reset_state`. The stateless trio (`stateless_update_state`,
`stateless_result`, `stateless_reset_state`) runs the same methods as pure
functions of given variable values, which is how a jitted training step
updates metrics without touching Python state.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import initializers
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config
from cornu.src.backend.common import dtypes
from cornu.src.backend.common import global_state
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.backend.common.stateless_scope import StatelessScope
from cornu.src.dtype_policies import dtype_policy as dtype_policies
from cornu.src.utils.naming import to_snake_case


@cornu_export(["cornu.Metric", "cornu.metrics.Metric"])
class Metric:
    """Encapsulates metric logic and state.

    Subclasses create their state in `__init__` with `self.add_variable`,
    accumulate into it in `update_state` (with `variable.assign(...)`,
    `assign_add`, ...) and compute the value in `result`, a scalar tensor
    or a dict of scalar tensors. The default `reset_state` sets every
    variable to zeros.

    Args:
        dtype: Optional dtype of the metric's result: a dtype name or a
            dtype policy (whose compute dtype is used). Defaults to
            `cornu.config.floatx()`.
        name: Optional name of the metric instance. Defaults to the snake
            case class name, made unique.

    Example:

    >>> class Total(cornu.metrics.Metric):
    ...     def __init__(self, name="total", **kwargs):
    ...         super().__init__(name=name, **kwargs)
    ...         self.total = self.add_variable(
    ...             shape=(), initializer="zeros", name="total")
    ...     def update_state(self, values):
    ...         self.total.assign_add(cornu.ops.sum(values))
    ...     def result(self):
    ...         return self.total.value
    >>> m = Total()
    >>> m.update_state([1.0, 2.0])
    >>> float(m([3.0]))
    6.0
    >>> m.reset_state()
    >>> float(m.result())
    0.0
    """

    def __init__(self, dtype: Any = None, name: str | None = None) -> None:
        if not name:  # None or "" get an automatic name, as in Keras
            name = global_state.unique_name(
                to_snake_case(type(self).__name__)
            )
        if not isinstance(name, str):
            raise ValueError(
                f"{type(self).__name__} expects `name` to be a string or "
                f"None. Received: name={name!r} of type "
                f"{type(name).__name__}."
            )
        self.name = name
        self._dtype_policy = _dtype_policy(dtype, self)
        self._dtype = self._dtype_policy.compute_dtype
        self._metrics: list = []
        self._variables: list = []

    # ------------------------------------------------------------- state
    def add_variable(
        self,
        shape: Any,
        initializer: Any,
        dtype: Any = None,
        aggregation: str = "sum",
        name: str | None = None,
    ) -> Any:
        """Creates a non-trainable state variable tracked by this metric.

        Args:
            shape: Shape of the variable (`()` for a scalar).
            initializer: Initializer name, instance or callable.
            dtype: Dtype of the variable. Defaults to `floatx()`.
            aggregation: How replicas combine it (`"sum"`, `"mean"`,
                `"none"`, ...).
            name: Name of the variable.

        Returns:
            The new `cornu.Variable`.
        """
        self._check_super_called()
        with name_scope(self.name.replace("/", ">"), caller=self):
            variable = backend.Variable(
                initializer=initializers.get(initializer),
                shape=shape,
                dtype=dtype,
                trainable=False,
                aggregation=aggregation,
                synchronization="on_read",
                name=name,
            )
        if not any(v is variable for v in self._variables):
            self._variables.append(variable)
        return variable

    def add_weight(
        self,
        shape: Any = (),
        initializer: Any = None,
        dtype: Any = None,
        name: str | None = None,
    ) -> Any:
        """Alias of `add_variable` kept for backwards compatibility."""
        return self.add_variable(
            shape=shape, initializer=initializer, dtype=dtype, name=name
        )

    @property
    def variables(self) -> list:
        """The metric's state variables, then those of nested metrics."""
        variables = list(self._variables)
        for metric in self._metrics:
            variables.extend(metric.variables)
        return variables

    @property
    def dtype(self) -> str:
        """The dtype of the metric's result."""
        return self._dtype

    # ----------------------------------------------------- stateful API
    def update_state(self, *args: Any, **kwargs: Any) -> None:
        """Accumulates statistics for the metric (subclasses implement)."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement `update_state`."
        )

    def result(self) -> Any:
        """Computes the metric value from the state (subclasses implement).

        Returns:
            A scalar tensor, or a dict of scalar tensors.
        """
        raise NotImplementedError(
            f"{type(self).__name__} must implement `result`."
        )

    def reset_state(self) -> None:
        """Sets every state variable to zeros (called between epochs)."""
        for variable in self.variables:
            variable.assign(ops.zeros(variable.shape, dtype=variable.dtype))

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Updates the state with the arguments and returns `result()`."""
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    # ---------------------------------------------------- stateless API
    def stateless_update_state(
        self, metric_variables: list, *args: Any, **kwargs: Any
    ) -> list:
        """Pure `update_state`: returns the new variable values.

        Args:
            metric_variables: Values for `self.variables`, in order.
            *args: Arguments of `update_state`.
            **kwargs: Keyword arguments of `update_state`.

        Returns:
            The list of updated values; the variables are unchanged.
        """
        self._check_values("stateless_update_state", metric_variables)
        mapping = list(zip(self.variables, metric_variables, strict=True))
        with StatelessScope(state_mapping=mapping) as scope:
            self.update_state(*args, **kwargs)
        return self._collect(scope)

    def stateless_result(self, metric_variables: list) -> Any:
        """Pure `result`: the value computed from `metric_variables`.

        Args:
            metric_variables: Values for `self.variables`, in order.

        Returns:
            What `result()` returns for that state.
        """
        self._check_values("stateless_result", metric_variables)
        mapping = list(zip(self.variables, metric_variables, strict=True))
        with StatelessScope(state_mapping=mapping):
            return self.result()

    def stateless_reset_state(self) -> list:
        """Pure `reset_state`: returns the reset variable values.

        Returns:
            The list of values the variables would have after a reset.
        """
        with StatelessScope() as scope:
            self.reset_state()
        return self._collect(scope)

    def _collect(self, scope: StatelessScope) -> list:
        values = []
        for variable in self.variables:
            value = scope.get_current_value(variable)
            values.append(variable.value if value is None else value)
        return values

    def _check_values(self, method: str, metric_variables: Any) -> None:
        count = len(self.variables)
        if not isinstance(metric_variables, (list, tuple)) or (
            len(metric_variables) != count
        ):
            received = (
                f"a list of length {len(metric_variables)}"
                if isinstance(metric_variables, (list, tuple))
                else f"{type(metric_variables).__name__}"
            )
            raise ValueError(
                f"{method} of metric {self.name!r} expects "
                "`metric_variables` to be a list of tensors corresponding "
                f"1:1 to {type(self).__name__}().variables ({count} "
                f"values). Received: {received}. Pass "
                "`[v.value for v in metric.variables]` or the list returned "
                "by a previous stateless call."
            )

    # ------------------------------------------------------------ config
    def get_config(self) -> dict:
        """The metric's constructor arguments, for `from_config`."""
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config: dict) -> Metric:
        """Builds a metric from the dict returned by `get_config`."""
        return cls(**config)

    def _obj_type(self) -> str:
        return "Metric"

    # ---------------------------------------------------------- tracking
    def __setattr__(self, name: str, value: Any) -> None:
        if "_variables" in self.__dict__ and not name.startswith("__"):
            self._track(value)
        object.__setattr__(self, name, value)

    def _track(self, value: Any) -> None:
        items = value if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            if isinstance(item, backend.Variable):
                if not any(v is item for v in self._variables):
                    self._variables.append(item)
            elif isinstance(item, Metric) and item is not self:
                if not any(m is item for m in self._metrics):
                    self._metrics.append(item)

    def _check_super_called(self) -> None:
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                f"{type(self).__name__} did not call `super().__init__()` "
                "in its `__init__()`. Add `super().__init__(name=name, "
                "dtype=dtype)` before creating state variables."
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name}>"

    def __str__(self) -> str:
        return self.__repr__()


def _dtype_policy(dtype: Any, metric: Metric) -> Any:
    """The policy for `dtype` (a dtype, a policy name or a DTypePolicy)."""
    if dtype is None:
        dtype = config.floatx()
    try:
        if not isinstance(dtype, (str, dtype_policies.DTypePolicy)):
            dtype = dtypes.standardize_dtype(dtype)
        return dtype_policies.get(dtype)
    except (TypeError, ValueError):
        raise ValueError(
            f"{type(metric).__name__} expects `dtype` to be a dtype name "
            "such as 'float32', a dtype policy (name or DTypePolicy) or "
            f"None. Received: dtype={dtype!r}."
        ) from None
