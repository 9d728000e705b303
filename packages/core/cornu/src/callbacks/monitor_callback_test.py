import operator

import pytest

from cornu.src.callbacks import monitor_callback


class Metric:
    def __init__(self, name, direction=None):
        self.name = name
        if direction is not None:
            self._direction = direction


class Container:
    """Like the trainer's compile-time metric containers."""

    def __init__(self, metrics):
        self.name = "compile_metrics"
        self.metrics = metrics


class Model:
    def __init__(self, metrics):
        self.metrics = metrics


@pytest.mark.parametrize(
    "monitor, direction",
    [
        ("loss", "min"),
        ("val_loss", "min"),
        ("val_accuracy", "max"),
        ("mae", "min"),
        ("val_unknown", None),
        ("plain", None),
    ],
)
def test_metric_direction(monitor, direction):
    model = Model(
        [
            Metric("loss"),
            Container([Metric("accuracy", "up"), Metric("mae", "down")]),
            Metric("plain"),
        ]
    )
    assert monitor_callback.metric_direction(model, monitor) == direction


def test_monitor_op_and_min_delta_sign():
    callback = monitor_callback.MonitorCallback("val_auc", "max", None, -0.5)
    callback.set_model(Model([]))
    callback._set_monitor_op()
    assert callback.monitor_op is operator.gt and callback.min_delta == 0.5
    assert callback._is_improvement(1.6, 1.0)
    assert not callback._is_improvement(1.5, 1.0)
    assert callback._is_improvement(-3.0, None)
    callback = monitor_callback.MonitorCallback("loss", "auto", None, 0.5)
    callback.set_model(Model([]))
    callback._set_monitor_op()
    callback._set_monitor_op()  # Idempotent.
    assert callback.monitor_op is operator.lt and callback.min_delta == -0.5
    assert callback._is_improvement(0.4, 1.0)
    assert not callback._is_improvement(0.6, 1.0)
