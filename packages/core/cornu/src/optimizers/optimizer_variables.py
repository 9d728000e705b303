"""The variable bookkeeping of `Optimizer`: tracking, creation of slots,
and saving/loading their values.

`OptimizerVariables` is a mixin of `cornu.optimizers.Optimizer`; its
methods are documented as the optimizer's.
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src import initializers
from cornu.src.backend.common.name_scope import name_scope
from cornu.src.backend.common.variables import Variable
from cornu.src.optimizers import base_steps


class OptimizerVariables:
    """Mixin: the optimizer's variables (`variables`, `add_variable`, ...)."""

    # Variable tracking.

    def __setattr__(self, name: str, value: Any) -> None:
        # Variables assigned as attributes (e.g. a subclass's counter) join
        # `variables`, as in Keras.
        if isinstance(value, Variable) and "_tracked_ids" in self.__dict__:
            self._track_variable(value)
        object.__setattr__(self, name, value)

    def _track_variable(self, variable: Variable) -> None:
        if id(variable) not in self._tracked_ids:
            self._tracked_ids.add(id(variable))
            self._variables.append(variable)

    def _untrack_variable(self, variable: Variable) -> None:
        if id(variable) in self._tracked_ids:
            self._tracked_ids.discard(id(variable))
            self._variables = [v for v in self._variables if v is not variable]

    def _check_super_called(self) -> None:
        if "_lock" not in self.__dict__:
            raise RuntimeError(
                f"In optimizer '{type(self).__name__}', `super().__init__()`"
                " must be called first in `__init__()`."
            )

    def _var_key(self, variable: Any) -> int:
        return id(variable)

    def _get_variable_index(self, variable: Any) -> int:
        return self._trainable_variables_indices[id(variable)]

    @property
    def variables(self) -> list:
        """The optimizer's variables: `iterations`, the learning rate (if a
        float was given), then the slots in creation order."""
        return self._variables[:]

    def add_variable(
        self,
        shape: Any,
        initializer: Any = "zeros",
        dtype: Any = None,
        aggregation: str = "none",
        name: str | None = None,
    ) -> Variable:
        """Creates and tracks a non-trainable optimizer variable.

        Args:
            shape: The variable's shape.
            initializer: An initializer or its name. Defaults to zeros.
            dtype: The dtype. Defaults to `cornu.config.floatx()`.
            aggregation: How replicas combine it.
            name: The name (the path is `<optimizer name>/<name>`).

        Returns:
            The new `cornu.Variable`.
        """
        self._check_super_called()
        with name_scope(self.name, caller=self):
            variable = backend.Variable(
                initializer=initializers.get(initializer),
                shape=shape,
                dtype=dtype,
                trainable=False,
                aggregation=aggregation,
                name=name,
            )
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(
        self,
        reference_variable: Any,
        name: str | None = None,
        initializer: Any = "zeros",
    ) -> Variable:
        """Creates a variable shaped like `reference_variable`, named
        `<reference path with "/" as "_">_<name>` (e.g.
        `dense_kernel_momentum`).

        Args:
            reference_variable: The model variable the slot belongs to.
            name: The slot's suffix. Defaults to `"var"`.
            initializer: An initializer or its name. Defaults to zeros.

        Returns:
            The new `cornu.Variable`.
        """
        name = name or "var"
        prefix = getattr(reference_variable, "path", None)
        if prefix is None:
            prefix = str(reference_variable.name).replace(":", "_")
        return self.add_variable(
            shape=reference_variable.shape,
            initializer=initializer,
            dtype=reference_variable.dtype,
            name=f"{prefix.replace('/', '_')}_{name}",
        )

    def add_optimizer_variables(
        self,
        trainable_variables: list,
        name: str | list,
        initializer: Any = "zeros",
    ) -> list | tuple:
        """One slot per trainable variable for each name in `name`.

        Variables with `overwrite_with_gradient` get `None` (they are never
        updated by the algorithm). Slots are created variable by variable.

        Args:
            trainable_variables: The model variables.
            name: A slot name, or a list of names.
            initializer: An initializer (or name), or one per name.

        Returns:
            A list of slots for a single name; a tuple of lists otherwise.
        """
        names = [name] if isinstance(name, str) else list(name)
        if isinstance(initializer, (list, tuple)):
            inits = list(initializer)
        else:
            inits = [initializer] * len(names)
        if len(inits) != len(names):
            raise ValueError(
                f"{type(self).__name__}.add_optimizer_variables: got "
                f"{len(names)} name(s) but {len(inits)} initializer(s). "
                f"Received: name={name!r}, initializer={initializer!r}. "
                "Pass one initializer, or one per name."
            )
        slots = tuple([] for _ in names)
        for variable in trainable_variables:
            skip = getattr(variable, "overwrite_with_gradient", False)
            for i, (slot_name, init) in enumerate(
                zip(names, inits, strict=True)
            ):
                slots[i].append(
                    None
                    if skip
                    else self.add_variable_from_reference(
                        variable, slot_name, init
                    )
                )
        return slots[0] if isinstance(name, str) else slots

    def assign(self, variable: Variable, value: Any) -> None:
        """`variable.assign(value)`; algorithms use this to update state."""
        variable.assign(value)

    def assign_add(self, variable: Variable, value: Any) -> None:
        """`variable.assign_add(value)`."""
        variable.assign_add(value)

    def assign_sub(self, variable: Variable, value: Any) -> None:
        """`variable.assign_sub(value)`."""
        variable.assign_sub(value)

    # State and config.

    def set_weights(self, weights: list) -> None:
        """Assigns `weights` (arrays, in `variables` order)."""
        if not self.built:
            raise ValueError(
                f"{type(self).__name__}: `set_weights()` needs a built "
                "optimizer. Call `optimizer.build(trainable_variables)` "
                "first."
            )
        base_steps.assign_all(self, weights, "set_weights")

    def save_own_variables(self, store: dict) -> None:
        """Writes `store["0"]`, `store["1"]`, ... in `variables` order."""
        for i, variable in enumerate(self._variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store: Any) -> None:
        """Reads the values `save_own_variables` wrote."""
        values = [store[str(i)] for i in range(len(store.keys()))]
        base_steps.assign_all(self, values, "load_own_variables")
