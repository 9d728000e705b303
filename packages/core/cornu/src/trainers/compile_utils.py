"""What `compile(loss=..., metrics=...)` turns into: one object that
computes the (weighted) total loss and one that updates the metrics, for
any structure of model outputs.

Both are built on the first batch, from the actual `y_true`/`y_pred`
structures: a single loss or metric list applies to a single output; a
list pairs with the outputs in order; a dict pairs with output names.
"""

from __future__ import annotations

from typing import Any

from cornu.src import losses as losses_module
from cornu.src import metrics as metrics_module
from cornu.src import ops
from cornu.src import tree
from cornu.src.losses import categorical_losses
from cornu.src.losses import probabilistic_losses
from cornu.src.losses.loss import Loss
from cornu.src.losses.loss_function_wrapper import LossFunctionWrapper
from cornu.src.metrics import accuracy_metrics
from cornu.src.metrics.metric import Metric
from cornu.src.metrics.reduction_metrics import Mean
from cornu.src.metrics.reduction_metrics import MeanMetricWrapper


def _object_name(obj: Any) -> str:
    name = getattr(obj, "name", None)
    if isinstance(name, str):
        return name
    return getattr(obj, "__name__", type(obj).__name__)


def _is_binary_or_sparse(y_true: Any, y_pred: Any) -> tuple[bool, bool]:
    """`(binary, sparse_categorical)` from the label and output shapes."""
    true_shape, pred_shape = tuple(y_true.shape), tuple(y_pred.shape)
    if not pred_shape:
        return True, False
    binary = pred_shape[-1] == 1
    sparse = len(true_shape) < len(pred_shape) or (
        bool(true_shape) and true_shape[-1] == 1 and pred_shape[-1] != 1
    )
    return binary, sparse


def resolve_metric(identifier: Any, y_true: Any, y_pred: Any) -> Any:
    """A metric object for `identifier`; `"accuracy"`/`"acc"` pick the
    binary, sparse or categorical accuracy from the shapes (as Keras)."""
    if identifier is None:
        return None
    if str(identifier).lower() in ("accuracy", "acc"):
        binary, sparse = _is_binary_or_sparse(y_true, y_pred)
        if binary:
            metric = accuracy_metrics.BinaryAccuracy(name=str(identifier))
        elif sparse:
            metric = accuracy_metrics.SparseCategoricalAccuracy(
                name=str(identifier)
            )
        else:
            metric = accuracy_metrics.CategoricalAccuracy(name=str(identifier))
        return metric
    metric = metrics_module.get(identifier)
    if isinstance(metric, type):
        metric = metric()
    name = identifier if isinstance(identifier, str) else _object_name(metric)
    if not isinstance(metric, Metric):
        metric = MeanMetricWrapper(metric, name=name)
    else:
        metric.name = name
    return metric


def resolve_loss(identifier: Any, y_true: Any, y_pred: Any) -> Any:
    """A `Loss` object for `identifier`; `"crossentropy"`/`"ce"` pick the
    binary, sparse or categorical crossentropy from the shapes."""
    if identifier is None:
        return None
    if str(identifier).lower() in ("crossentropy", "ce"):
        binary, sparse = _is_binary_or_sparse(y_true, y_pred)
        if binary:
            loss = probabilistic_losses.binary_crossentropy
        elif sparse:
            loss = categorical_losses.sparse_categorical_crossentropy
        else:
            loss = categorical_losses.categorical_crossentropy
    else:
        loss = losses_module.get(identifier)
    if isinstance(loss, type):
        loss = loss()
    if not isinstance(loss, Loss):
        if not callable(loss):
            raise ValueError(
                f"Could not interpret loss identifier: {identifier!r}. "
                "Pass a loss name (e.g. 'mse'), a `cornu.losses.Loss` "
                "instance or a function `fn(y_true, y_pred)`."
            )
        name = identifier if isinstance(identifier, str) else _object_name(loss)
        loss = LossFunctionWrapper(loss, name=name)
    return loss


def _flat_outputs(y_pred: Any, output_names: list | None) -> tuple:
    """`(flat y_pred, names)`: dict outputs in `output_names` order."""
    if isinstance(y_pred, dict):
        names = list(output_names or sorted(y_pred))
        names = [n for n in names if n in y_pred] or sorted(y_pred)
        return [y_pred[n] for n in names], names
    flat = tree.flatten(y_pred)
    if output_names and len(output_names) == len(flat):
        return flat, list(output_names)
    return flat, None


def _flat_targets(
    y_true: Any, count: int, names: list | None, what: str = "y"
) -> list:
    """Aligns `y_true` (or sample weights) with the flat outputs."""
    if isinstance(y_true, dict) and names is not None:
        return [y_true.get(n) for n in names]
    if count == 1 and not tree.is_nested(y_true):
        return [y_true]
    flat = tree.flatten(y_true)
    if len(flat) != count:
        raise ValueError(
            f"The model has {count} outputs but `{what}` has {len(flat)} "
            f"entries. Pass one `{what}` per output, as a list in output "
            "order or a dict keyed by output name."
        )
    return flat


def _per_output(
    spec: Any, count: int, names: list | None, argument: str
) -> list:
    """Spreads a compile argument over the outputs: a single value applies
    to each output, a list pairs by position, a dict by output name."""
    if isinstance(spec, dict):
        if names is None:
            raise ValueError(
                f"`{argument}` was given as a dict ({sorted(spec)}) but the "
                "model's outputs have no names. Pass a list in output "
                "order instead, or name the outputs."
            )
        unknown = sorted(set(spec) - set(names))
        if unknown:
            raise ValueError(
                f"In the dict argument `{argument}`, key(s) {unknown} do not "
                f"correspond to any model output. Output names: {names}."
            )
        return [spec.get(n) for n in names]
    if isinstance(spec, (list, tuple)) and count > 1:
        if len(spec) != count:
            raise ValueError(
                f"For a model with {count} outputs, `{argument}` given as a "
                f"list must have {count} entries (one per output); received "
                f"{len(spec)}: {spec!r}."
            )
        return list(spec)
    return [spec] * count


class CompileLoss:
    """The total loss of `compile(loss=..., loss_weights=...)`.

    With more than one loss it also tracks each output's unweighted loss
    in a `Mean` metric named `<output>_loss`.
    """

    def __init__(
        self,
        loss: Any,
        loss_weights: Any = None,
        output_names: list | None = None,
    ) -> None:
        if loss_weights is not None and not isinstance(
            loss_weights, (list, tuple, dict, float, int)
        ):
            raise ValueError(
                "Expected `loss_weights` to be a float (single output) or a "
                "list or dict (multiple outputs). Received: "
                f"loss_weights={loss_weights!r} of type "
                f"{type(loss_weights).__name__}."
            )
        self._user_loss = loss
        self._user_loss_weights = loss_weights
        self.output_names = output_names
        self.built = False
        self.metrics: list = []
        self._entries: list = []
        self._names: list | None = None
        self._single = False

    def build(self, y_true: Any, y_pred: Any) -> None:
        flat_pred, names = _flat_outputs(y_pred, self.output_names)
        count = len(flat_pred)
        losses = _per_output(self._user_loss, count, names, "loss")
        weights = _per_output(
            self._user_loss_weights, count, names, "loss_weights"
        )
        self._with_loss = [i for i, spec in enumerate(losses) if spec]
        self._count = count
        self._names = names
        flat_true = self._align_true(y_true)
        entries = []
        for index, (spec, weight) in enumerate(
            zip(losses, weights, strict=True)
        ):
            if spec is None:
                continue
            resolved = resolve_loss(spec, flat_true[index], flat_pred[index])
            name = names[index] if names else resolved.name
            entries.append((index, resolved, weight, name))
        if not entries:
            raise ValueError(
                "`compile(loss=...)` gives no loss for any model output. "
                f"Received: loss={self._user_loss!r}."
            )
        self._entries = entries
        if len(entries) > 1:
            self.metrics = [
                Mean(name=f"{name}_loss") for _, _, _, name in entries
            ]
        self._single = count == 1 and len(entries) == 1
        self.built = True

    def __call__(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> Any:
        if not self.built:
            self.build(y_true, y_pred)
        if self._single and not tree.is_nested(y_pred):
            _, loss_fn, weight, _ = self._entries[0]
            value = loss_fn(y_true, y_pred, sample_weight)
            return value if weight is None else ops.multiply(value, weight)
        flat_pred, _ = _flat_outputs(y_pred, self._names)
        flat_true = self._align_true(y_true)
        if sample_weight is not None and tree.is_nested(sample_weight):
            flat_weights = _flat_targets(
                sample_weight, self._count, self._names, "sample_weight"
            )
        else:
            flat_weights = [sample_weight] * self._count
        total = None
        for position, (index, loss_fn, weight, _) in enumerate(self._entries):
            y_p = flat_pred[index]
            value = loss_fn(flat_true[index], y_p, flat_weights[index])
            if self.metrics:
                self.metrics[position].update_state(
                    value, sample_weight=ops.shape(y_p)[0]
                )
            if weight is not None:
                value = ops.multiply(value, weight)
            total = value if total is None else ops.add(total, value)
        return total

    def _align_true(self, y_true: Any) -> list:
        """Targets per output; with some outputs lossless, `y_true` may
        hold only the targets of the outputs that have a loss."""
        if (
            not isinstance(y_true, dict)
            and tree.is_nested(y_true)
            and len(self._with_loss) < self._count
            and len(tree.flatten(y_true)) == len(self._with_loss)
        ):
            out = [None] * self._count
            for index, value in zip(
                self._with_loss, tree.flatten(y_true), strict=True
            ):
                out[index] = value
            return out
        return _flat_targets(y_true, self._count, self._names)

    @property
    def variables(self) -> list:
        return [v for m in self.metrics for v in m.variables]


class CompileMetrics:
    """The metrics of `compile(metrics=..., weighted_metrics=...)`.

    `weighted_metrics` receive the sample weights; `metrics` do not. With
    several outputs, results are named `<output>_<metric>`.
    """

    def __init__(
        self,
        metrics: Any,
        weighted_metrics: Any,
        output_names: list | None = None,
    ) -> None:
        for argument, value in (
            ("metrics", metrics),
            ("weighted_metrics", weighted_metrics),
        ):
            if value and not isinstance(value, (list, tuple, dict)):
                raise ValueError(
                    f"Expected `{argument}` to be a list, tuple or dict. "
                    f"Received: {argument}={value!r} of type "
                    f"{type(value).__name__}. Wrap a single metric in a "
                    f"list: {argument}=[{value!r}]."
                )
        self._user_metrics = metrics
        self._user_weighted_metrics = weighted_metrics
        self.output_names = output_names
        self.built = False
        self._plain: list = []
        self._weighted: list = []

    def _build_set(self, spec, flat_true, flat_pred, names, argument):
        count = len(flat_pred)
        if not spec:
            return [[] for _ in range(count)]
        if count == 1:
            items = tree.flatten(spec) if isinstance(spec, dict) else spec
            if isinstance(spec, dict) and names is not None:
                _per_output(spec, count, names, argument)
            per_output = [list(items)]
        else:
            per_output = _per_output(spec, count, names, argument)
            per_output = [
                [] if m is None else (m if isinstance(m, list) else [m])
                for m in per_output
            ]
        built = []
        for index, items in enumerate(per_output):
            resolved = []
            for item in items:
                if item is None:
                    continue
                if not (isinstance(item, str) or callable(item)):
                    raise ValueError(
                        f"Expected every entry of `{argument}` to be a "
                        "metric name, a `cornu.metrics.Metric` or a "
                        f"function; received {item!r}."
                    )
                resolved.append(
                    resolve_metric(item, flat_true[index], flat_pred[index])
                )
            built.append(resolved)
        return built

    def build(self, y_true: Any, y_pred: Any) -> None:
        flat_pred, names = _flat_outputs(y_pred, self.output_names)
        flat_true = _flat_targets(y_true, len(flat_pred), names)
        self._names = names
        self._count = len(flat_pred)
        self._plain = self._build_set(
            self._user_metrics, flat_true, flat_pred, names, "metrics"
        )
        self._weighted = self._build_set(
            self._user_weighted_metrics,
            flat_true,
            flat_pred,
            names,
            "weighted_metrics",
        )
        self._result_names = self._make_result_names()
        self._pairs = [
            (index, metric, False)
            for index, group in enumerate(self._plain)
            for metric in group
        ] + [
            (index, metric, True)
            for index, group in enumerate(self._weighted)
            for metric in group
        ]
        self.built = True

    def _make_result_names(self) -> list:
        prefix = self._count > 1 and self._names is not None
        seen: dict = {}
        out = []
        for weighted, groups in ((False, self._plain), (True, self._weighted)):
            for index, group in enumerate(groups):
                for metric in group:
                    base = metric.name
                    if prefix:
                        base = f"{self._names[index]}_{base}"
                    name = base
                    if name in seen and weighted:
                        name = f"weighted_{metric.name}"
                        if prefix:
                            name = f"{self._names[index]}_{name}"
                    if name in seen:
                        seen[name] += 1
                        name = f"{name}_{seen[name] - 1}"
                    seen.setdefault(name, 1)
                    out.append(name)
        return out

    @property
    def metrics(self) -> list:
        return [metric for _, metric, _ in getattr(self, "_pairs", [])]

    @property
    def variables(self) -> list:
        return [v for m in self.metrics for v in m.variables]

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        if not self.built:
            self.build(y_true, y_pred)
        if not self._pairs:
            return
        if self._count == 1 and not tree.is_nested(y_pred):
            for _, metric, weighted in self._pairs:
                if weighted:
                    metric.update_state(y_true, y_pred, sample_weight)
                else:
                    metric.update_state(y_true, y_pred)
            return
        flat_pred, _ = _flat_outputs(y_pred, self._names)
        flat_true = _flat_targets(y_true, self._count, self._names)
        if sample_weight is not None and tree.is_nested(sample_weight):
            weights = _flat_targets(
                sample_weight, self._count, self._names, "sample_weight"
            )
        else:
            weights = [sample_weight] * self._count
        for index, metric, weighted in self._pairs:
            if weighted:
                metric.update_state(
                    flat_true[index], flat_pred[index], weights[index]
                )
            else:
                metric.update_state(flat_true[index], flat_pred[index])

    def reset_state(self) -> None:
        for metric in self.metrics:
            metric.reset_state()

    def result(self) -> dict:
        out = {}
        for name, metric in zip(self._result_names, self.metrics, strict=True):
            value = metric.result()
            if isinstance(value, dict):
                out.update(value)
            else:
                out[name] = value
        return out


__all__ = [
    "CompileLoss",
    "CompileMetrics",
    "resolve_loss",
    "resolve_metric",
]
