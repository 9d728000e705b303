"""`save_own_variables`/`load_own_variables`: how a layer's own weights
go into and come out of a weights file (a mixin of `Layer`)."""

from __future__ import annotations

from typing import Any

import numpy as np


class LayerStateIO:
    """The per-layer half of saving: `saving/` walks the layer tree and
    hands each layer a store for its own weights (Keras 3's `vars/0`,
    `vars/1`, ... layout)."""

    def save_own_variables(self, store: Any) -> None:
        """Writes the layer's own weights (not its sub-layers') into
        `store`, under the keys `"0"`, `"1"`, ... in creation order.

        Called by `model.save()` / `save_weights()` for every layer.
        Override it (with `load_own_variables`) to save other state.

        Args:
            store: A dict-like object to write into.

        Example:

        >>> layer = cornu.layers.Dense(2)
        >>> layer.build((None, 3))
        >>> store = {}
        >>> layer.save_own_variables(store)
        >>> {key: tuple(value.shape) for key, value in store.items()}
        {'0': (3, 2), '1': (2,)}
        """
        for i, variable in enumerate(self._saved_variables()):
            store[str(i)] = variable

    def _saved_variables(self) -> list:
        """The variables `save_own_variables`/`load_own_variables` write
        and read, in file order (Keras 3's positional `vars/0`, ...)."""
        return self._own_weights()

    def load_own_variables(self, store: Any) -> None:
        """Sets the layer's own weights from `store` (what
        `save_own_variables` wrote: `store["0"]`, `store["1"]`, ...).

        Every entry is checked before any weight changes, so a
        mismatching store leaves the layer as it was.

        Args:
            store: A dict-like object of arrays.

        Raises:
            ValueError: if the number of entries or any shape differs
                from the layer's weights.

        Example:

        >>> import numpy as np
        >>> layer = cornu.layers.Dense(2, kernel_initializer="ones")
        >>> layer.build((None, 3))
        >>> layer.load_own_variables({"0": np.zeros((3, 2)), "1": np.ones(2)})
        >>> cornu.ops.convert_to_numpy(layer.kernel).sum().item()
        0.0
        """
        variables = self._saved_variables()
        keys = [str(key) for key in store.keys()]
        expected = [str(i) for i in range(len(variables))]
        if sorted(keys) != sorted(expected):
            held = {key: tuple(np.shape(store[key])) for key in keys}
            unbuilt = (
                f" Layer {self.name!r} was never built, so it has no "
                "weights yet: make its parent's `build()` create it (or "
                "implement `build_from_config()`), so that loading builds "
                "it first."
                if not variables and not self.built
                else ""
            )
            raise ValueError(
                f"Layer {self.name!r} expects {len(variables)} variables "
                f"(shapes {[tuple(v.shape) for v in variables]}), but the "
                f"file holds {len(keys)} for it (keys and shapes: "
                f"{held}).{unbuilt} Check that the file was saved from the "
                "same architecture."
            )
        values = [store[key] for key in expected]
        for i, (variable, value) in enumerate(
            zip(variables, values, strict=True)
        ):
            if tuple(np.shape(value)) != tuple(variable.shape):
                raise ValueError(
                    f"Layer {self.name!r}: variable {i} "
                    f"({variable.path!r}) has shape {tuple(variable.shape)}, "
                    "but the file holds shape "
                    f"{tuple(np.shape(value))} for it. Check that the file "
                    "was saved from the same architecture (e.g. the same "
                    "`units` and input shapes)."
                )
        for variable, value in zip(variables, values, strict=True):
            variable.assign(value)
