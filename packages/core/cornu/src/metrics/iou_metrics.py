"""Intersection-over-union metrics from an accumulated confusion matrix.

`iou = true_positives / (true_positives + false_positives +
false_negatives)` per class, read off a `(num_classes, num_classes)`
confusion matrix (rows: true class, columns: predicted class) that
`update_state` accumulates with one `segment_sum` per batch.
"""

from __future__ import annotations

from typing import Any

from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.backend import config as backend_config
from cornu.src.metrics import metrics_utils
from cornu.src.metrics.metric import Metric


def _config_of(metric: Metric, *keys: str) -> dict:
    """The config `{key: metric.key}` for the given constructor arguments."""
    return {key: getattr(metric, key) for key in keys}


class _IoUBase(Metric):
    """Accumulates the confusion matrix behind the IoU metrics.

    Args:
        num_classes: The possible number of labels the prediction task can
            have.
        name: Name of the metric instance.
        dtype: Data type of the result (default `"float32"`).
        ignore_class: Optional class id whose samples are skipped (e.g. a
            "void" class such as -1 or 255 in segmentation maps).
        sparse_y_true: Whether labels are class ids (`True`) or dense
            vectors reduced with `argmax` over `axis`.
        sparse_y_pred: Whether predictions are class ids (`True`) or dense
            vectors reduced with `argmax` over `axis`.
        axis: The class axis of dense inputs. Defaults to `-1`.
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        # float32 by default: the confusion matrix holds counts.
        super().__init__(name=name, dtype=dtype or "float32")
        # Metric should be maximized during optimization.
        self._direction = "up"
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.total_cm = self.add_variable(
            name="total_confusion_matrix",
            shape=(num_classes, num_classes),
            initializer="zeros",
        )

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Accumulates the confusion matrix.

        Args:
            y_true: The ground truth class ids (or dense vectors).
            y_pred: The predicted class ids (or dense vectors).
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true` (after any `argmax`). Defaults to 1.
        """
        if not self.sparse_y_true:
            y_true = ops.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = ops.argmax(y_pred, axis=self.axis)
        y_true = ops.reshape(ops.convert_to_tensor(y_true), (-1,))
        y_pred = ops.reshape(ops.convert_to_tensor(y_pred), (-1,))
        if sample_weight is None:
            sample_weight = 1.0
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=self.dtype)
        if len(sample_weight.shape) > 1:
            sample_weight = ops.reshape(sample_weight, (-1,))
        sample_weight = ops.broadcast_to(sample_weight, y_true.shape)
        y_true = ops.cast(y_true, "int32")
        y_pred = ops.cast(y_pred, "int32")
        if self.ignore_class is not None:
            # Ignored samples land in cell (0, 0) with weight 0.
            valid = ops.not_equal(y_true, self.ignore_class)
            y_true = ops.where(valid, y_true, 0)
            y_pred = ops.where(valid, y_pred, 0)
            sample_weight = sample_weight * ops.cast(valid, self.dtype)
        current_cm = metrics_utils.confusion_matrix(
            y_true,
            y_pred,
            self.num_classes,
            weights=sample_weight,
            dtype=self.total_cm.dtype,
        )
        self.total_cm.assign(self.total_cm + current_cm)

    def reset_state(self) -> None:
        self.total_cm.assign(
            ops.zeros(self.total_cm.shape, dtype=self.total_cm.dtype)
        )


@cornu_export("cornu.metrics.IoU")
class IoU(_IoUBase):
    """Computes the Intersection-Over-Union metric for specific target classes.

    `iou = true_positives / (true_positives + false_positives +
    false_negatives)`, a common metric of semantic segmentation. The
    predictions are accumulated in a confusion matrix weighted by
    `sample_weight` (default 1; 0 masks a value). The result is the mean
    IoU over `target_class_ids`, ignoring classes that never occur (zero
    denominator); with one id, that class's IoU.

    Args:
        num_classes: The possible number of labels the prediction task can
            have.
        target_class_ids: A tuple or list of target class ids for which the
            metric is returned.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer. The ID of a class to be ignored
            during metric computation (e.g. a "void" class, commonly -1 or
            255). By default (`None`), all classes are considered.
        sparse_y_true: Whether labels are integers (`True`) or dense
            vectors reduced with `argmax`.
        sparse_y_pred: Whether predictions are integers (`True`) or dense
            vectors reduced with `argmax`.
        axis: (Optional) The class axis of dense inputs. Defaults to `-1`.

    Example:

    >>> m = cornu.metrics.IoU(num_classes=2, target_class_ids=[0])
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> round(float(m.result()), 4)
    0.3333
    >>> m.reset_state()
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1],
    ...                sample_weight=[0.3, 0.3, 0.3, 0.1])
    >>> round(float(m.result()), 4)
    0.3333
    """

    def __init__(
        self,
        num_classes: int,
        target_class_ids: Any,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        super().__init__(
            name=name,
            num_classes=num_classes,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
            dtype=dtype,
        )
        target_class_ids = list(target_class_ids)
        if not target_class_ids or not all(
            0 <= int(i) < num_classes for i in target_class_ids
        ):
            raise ValueError(
                f"{type(self).__name__}: Target class ids "
                f"{target_class_ids} are out of range, which is "
                f"[0, {num_classes}). Received: "
                f"target_class_ids={target_class_ids}, "
                f"num_classes={num_classes}. Pass ids below num_classes."
            )
        self.target_class_ids = target_class_ids

    def result(self) -> Any:
        """The mean IoU over the target classes."""
        cm = ops.cast(self.total_cm, self.dtype)
        sum_over_row = ops.sum(cm, axis=0)
        sum_over_col = ops.sum(cm, axis=1)
        true_positives = ops.diagonal(cm)
        # sum_over_row + sum_over_col = 2 * tp + fp + fn.
        denominator = sum_over_row + sum_over_col - true_positives
        ids = ops.convert_to_tensor(self.target_class_ids, dtype="int32")
        true_positives = ops.take(true_positives, ids)
        denominator = ops.take(denominator, ids)
        # Classes that never occur (denominator 0) are left out of the mean.
        num_valid_entries = ops.sum(
            ops.cast(ops.greater(denominator, 1e-9), self.dtype)
        )
        epsilon = backend_config.epsilon()
        iou = ops.divide(true_positives, denominator + epsilon)
        # Keras sums over `axis` here; the vector is 1-D, so over it all.
        return ops.divide(ops.sum(iou), num_valid_entries + epsilon)

    def get_config(self) -> dict:
        return _config_of(
            self,
            "name",
            "dtype",
            "num_classes",
            "target_class_ids",
            "ignore_class",
            "sparse_y_true",
            "sparse_y_pred",
            "axis",
        )


@cornu_export("cornu.metrics.BinaryIoU")
class BinaryIoU(IoU):
    """Computes the Intersection-Over-Union metric for class 0 and/or 1.

    Predictions below `threshold` become class 0, those at or above it
    class 1; then IoUs of classes 0 and 1 are computed as in `IoU` and the
    mean over `target_class_ids` is returned. Weights default to 1; 0
    masks a value.

    Args:
        target_class_ids: A tuple or list of target class ids: `[0]`, `[1]`
            or `[0, 1]` (default `(0, 1)`, the mean of both).
        threshold: Predictions `>= threshold` are class 1, the others class
            0. Defaults to `0.5`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.

    Example:

    >>> m = cornu.metrics.BinaryIoU(target_class_ids=[0, 1], threshold=0.3)
    >>> m.update_state([0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7])
    >>> round(float(m.result()), 4)
    0.3333
    >>> m.reset_state()
    >>> m.update_state([0, 1, 0, 1], [0.1, 0.2, 0.4, 0.7],
    ...                sample_weight=[0.2, 0.3, 0.4, 0.1])
    >>> round(float(m.result()), 4)
    0.1736
    """

    def __init__(
        self,
        target_class_ids: Any = (0, 1),
        threshold: float = 0.5,
        name: str | None = None,
        dtype: Any = None,
    ) -> None:
        super().__init__(
            num_classes=2,
            target_class_ids=target_class_ids,
            name=name,
            dtype=dtype,
        )
        self.threshold = threshold

    def update_state(
        self, y_true: Any, y_pred: Any, sample_weight: Any = None
    ) -> None:
        """Thresholds `y_pred` to 0/1 and accumulates the confusion matrix.

        Args:
            y_true: The ground truth values (0 or 1).
            y_pred: The predicted values; `>= threshold` means class 1.
            sample_weight: Optional weights, rank 0 or broadcastable to
                `y_true`. Defaults to 1.
        """
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_pred = ops.cast(ops.greater_equal(y_pred, self.threshold), "int32")
        super().update_state(y_true, y_pred, sample_weight)

    def get_config(self) -> dict:
        return _config_of(
            self,
            "target_class_ids",
            "threshold",
            "name",
            "dtype",
        )


@cornu_export("cornu.metrics.MeanIoU")
class MeanIoU(IoU):
    """Computes the mean Intersection-Over-Union metric.

    The IoU of every class (`tp / (tp + fp + fn)`) from the confusion
    matrix accumulated with `sample_weight` (default 1; 0 masks a value),
    averaged over the classes that occur.

    Args:
        num_classes: The possible number of labels the prediction task can
            have (a `(num_classes, num_classes)` matrix is allocated).
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer. The ID of a class to be ignored
            during metric computation. By default (`None`), all classes are
            considered.
        sparse_y_true: Whether labels are integers (`True`) or dense
            vectors reduced with `argmax`.
        sparse_y_pred: Whether predictions are integers (`True`) or dense
            vectors reduced with `argmax`.
        axis: (Optional) The class axis of dense inputs. Defaults to `-1`.

    Example:

    >>> m = cornu.metrics.MeanIoU(num_classes=2)
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1])
    >>> round(float(m.result()), 4)
    0.3333
    >>> m.reset_state()
    >>> m.update_state([0, 0, 1, 1], [0, 1, 0, 1],
    ...                sample_weight=[0.3, 0.3, 0.3, 0.1])
    >>> round(float(m.result()), 4)
    0.2381
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_true: bool = True,
        sparse_y_pred: bool = True,
        axis: int = -1,
    ) -> None:
        super().__init__(
            name=name,
            num_classes=num_classes,
            target_class_ids=list(range(num_classes)),
            axis=axis,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=sparse_y_true,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self) -> dict:
        return _config_of(
            self,
            "num_classes",
            "name",
            "dtype",
            "ignore_class",
            "sparse_y_true",
            "sparse_y_pred",
            "axis",
        )


@cornu_export("cornu.metrics.OneHotIoU")
class OneHotIoU(IoU):
    """Computes the Intersection-Over-Union metric for one-hot encoded labels.

    Labels (and, unless `sparse_y_pred`, predictions) are one-hot or score
    vectors along `axis`, turned into class ids with `argmax`; then as
    `IoU`: the mean IoU over `target_class_ids`. Weights default to 1; 0
    masks a value.

    Args:
        num_classes: The possible number of labels the prediction task can
            have (the size of the class axis).
        target_class_ids: A tuple or list of target class ids for which the
            metric is returned.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer. The ID of a class to be ignored
            during metric computation. By default (`None`), all classes are
            considered.
        sparse_y_pred: Whether predictions are integers (`True`) or dense
            vectors reduced with `argmax` (default `False`).
        axis: (Optional) The class axis. Defaults to `-1`.

    Example:

    >>> y_true = [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]]
    >>> y_pred = [[0.2, 0.3, 0.5], [0.1, 0.2, 0.7], [0.5, 0.3, 0.1],
    ...           [0.1, 0.4, 0.5]]
    >>> m = cornu.metrics.OneHotIoU(num_classes=3, target_class_ids=[0, 2])
    >>> m.update_state(y_true, y_pred, sample_weight=[0.1, 0.2, 0.3, 0.4])
    >>> round(float(m.result()), 4)
    0.0714
    """

    def __init__(
        self,
        num_classes: int,
        target_class_ids: Any,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_pred: bool = False,
        axis: int = -1,
    ) -> None:
        super().__init__(
            num_classes=num_classes,
            target_class_ids=target_class_ids,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
            axis=axis,
        )

    def get_config(self) -> dict:
        return _config_of(
            self,
            "num_classes",
            "target_class_ids",
            "name",
            "dtype",
            "ignore_class",
            "sparse_y_pred",
            "axis",
        )


@cornu_export("cornu.metrics.OneHotMeanIoU")
class OneHotMeanIoU(MeanIoU):
    """Computes mean Intersection-Over-Union metric for one-hot encoded labels.

    Labels (and, unless `sparse_y_pred`, predictions) are one-hot or score
    vectors along `axis`, turned into class ids with `argmax`; then as
    `MeanIoU`: the IoU of every class averaged over the classes that occur.
    Weights default to 1; 0 masks a value.

    Args:
        num_classes: The possible number of labels the prediction task can
            have (the size of the class axis).
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        ignore_class: Optional integer. The ID of a class to be ignored
            during metric computation. By default (`None`), all classes are
            considered.
        sparse_y_pred: Whether predictions are integers (`True`) or
            probability vectors reduced with `argmax` (default `False`).
        axis: (Optional) The class axis. Defaults to `-1`.

    Example:

    >>> y_true = [[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]]
    >>> y_pred = [[0.2, 0.3, 0.5], [0.1, 0.2, 0.7], [0.5, 0.3, 0.1],
    ...           [0.1, 0.4, 0.5]]
    >>> m = cornu.metrics.OneHotMeanIoU(num_classes=3)
    >>> m.update_state(y_true, y_pred, sample_weight=[0.1, 0.2, 0.3, 0.4])
    >>> round(float(m.result()), 4)
    0.0476
    """

    def __init__(
        self,
        num_classes: int,
        name: str | None = None,
        dtype: Any = None,
        ignore_class: int | None = None,
        sparse_y_pred: bool = False,
        axis: int = -1,
    ) -> None:
        super().__init__(
            num_classes=num_classes,
            axis=axis,
            name=name,
            dtype=dtype,
            ignore_class=ignore_class,
            sparse_y_true=False,
            sparse_y_pred=sparse_y_pred,
        )

    def get_config(self) -> dict:
        return _config_of(
            self,
            "num_classes",
            "name",
            "dtype",
            "ignore_class",
            "sparse_y_pred",
            "axis",
        )
