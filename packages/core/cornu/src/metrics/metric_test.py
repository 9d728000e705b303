import numpy as np
import pytest
from numpy.testing import assert_allclose

import cornu
from cornu import ops


class WeightedTotal(cornu.metrics.Metric):
    """Sum of weighted values and of weights; result is their ratio."""

    def __init__(self, name="weighted_total", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(
            shape=(), initializer="zeros", name="total"
        )
        self.count = self.add_weight(shape=(), initializer="zeros")

    def update_state(self, values, sample_weight=1.0):
        values = ops.convert_to_tensor(values, self.dtype)
        weights = ops.broadcast_to(
            ops.convert_to_tensor(sample_weight, self.dtype), values.shape
        )
        self.total.assign_add(ops.sum(values * weights))
        self.count.assign_add(ops.sum(weights))

    def result(self):
        return ops.divide_no_nan(self.total, self.count)


class Pair(cornu.metrics.Metric):
    """A metric holding two nested metrics and a vector variable."""

    def __init__(self):
        super().__init__(name="pair")
        self.first = WeightedTotal(name="first")
        self.parts = [cornu.metrics.Sum(name="second")]
        self.history = self.add_variable(
            shape=(3,), initializer="ones", name="history"
        )

    def update_state(self, values):
        self.first.update_state(values)
        self.parts[0].update_state(values)
        self.history.assign(self.history * 2.0)

    def result(self):
        return {"mean": self.first.result(), "sum": self.parts[0].result()}


def _np(x):
    return ops.convert_to_numpy(x)


def test_add_variable_creates_tracked_non_trainable_state():
    m = WeightedTotal()
    assert [v.path for v in m.variables] == [
        "weighted_total/total",
        "weighted_total/" + m.count.name,
    ]
    assert all(not v.trainable for v in m.variables)
    assert m.total.aggregation == "sum"
    assert m.count.aggregation == "sum"
    assert m.dtype == cornu.config.floatx()
    assert m.name == "weighted_total"


def test_nested_metrics_and_lists_are_tracked_in_order():
    m = Pair()
    names = [v.path for v in m.variables]
    assert names == [
        "pair/history",
        "first/total",
        "first/" + m.first.count.name,
        "second/total",
    ]


def test_update_result_reset_and_call():
    rng = np.random.default_rng(0)
    m = WeightedTotal()
    batches = [rng.normal(size=(4,)).astype("float32") for _ in range(3)]
    weights = [rng.uniform(size=(4,)).astype("float32") for _ in range(3)]
    for x, w in zip(batches, weights, strict=True):
        m.update_state(x, w)
    expected = sum(
        (x * w).sum() for x, w in zip(batches, weights, strict=True)
    ) / sum(w.sum() for w in weights)
    assert_allclose(_np(m.result()), expected, rtol=1e-5)
    m.reset_state()
    assert [float(v.numpy()) for v in m.variables] == [0.0, 0.0]
    assert_allclose(_np(m([1.0, 3.0])), 2.0)
    assert_allclose(_np(m([5.0])), 3.0)


def test_stateless_trio_matches_stateful_path_and_keeps_variables():
    rng = np.random.default_rng(1)
    m = Pair()
    stateful = Pair()
    state = [v.value for v in m.variables]
    for _ in range(3):
        x = rng.normal(size=(5,)).astype("float32")
        state = m.stateless_update_state(state, x)
        stateful.update_state(x)
    result = m.stateless_result(state)
    expected = stateful.result()
    for key in ("mean", "sum"):
        assert_allclose(_np(result[key]), _np(expected[key]), rtol=1e-5)
    for value, variable in zip(state, stateful.variables, strict=True):
        assert_allclose(_np(value), variable.numpy(), rtol=1e-5)
    # The metric's own variables were never touched.
    assert_allclose(m.history.numpy(), [1.0, 1.0, 1.0])
    assert float(m.first.total.numpy()) == 0.0
    # Resetting statelessly gives the initial zeros, also for `history`.
    assert [_np(v).tolist() for v in m.stateless_reset_state()] == [
        [0.0, 0.0, 0.0],
        0.0,
        0.0,
        0.0,
    ]


def test_stateless_update_returns_unassigned_values_unchanged():
    class OnlyTotal(WeightedTotal):
        def update_state(self, values):
            self.total.assign_add(ops.sum(values))

    m = OnlyTotal()
    state = m.stateless_update_state([1.0, 5.0], [1.0, 2.0])
    assert [float(_np(v)) for v in state] == [4.0, 5.0]
    assert_allclose(_np(m.stateless_result(state)), 0.8, rtol=1e-6)


@pytest.mark.requires_capability("jit")
def test_stateless_trio_runs_inside_jit(jax_jit):
    jit = jax_jit
    m = WeightedTotal()
    update = jit(lambda s, x, w: m.stateless_update_state(s, x, w))
    state = jit(m.stateless_reset_state)()
    state = update(state, np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 0.0]))
    state = update(state, np.array([4.0, 4.0, 4.0]), np.array([0.5, 0.5, 0.0]))
    assert_allclose(_np(jit(m.stateless_result)(state)), 7.0 / 3.0, rtol=1e-6)
    assert float(m.total.numpy()) == 0.0


@pytest.mark.parametrize(
    "method", ["stateless_update_state", "stateless_result"]
)
@pytest.mark.parametrize(
    "values, received",
    [([0.0], "a list of length 1"), (np.zeros(2), "ndarray")],
    ids=["short", "array"],
)
def test_stateless_methods_check_the_number_of_values(method, values, received):
    m = WeightedTotal()
    args = (values, [1.0]) if method == "stateless_update_state" else (values,)
    with pytest.raises(ValueError, match=f"Received: {received}"):
        getattr(m, method)(*args)


def test_config_round_trip_and_repr():
    m = WeightedTotal(name="wt", dtype="float16")
    config = m.get_config()
    assert config == {"name": "wt", "dtype": "float16"}
    clone = WeightedTotal.from_config(config)
    assert clone.name == "wt"
    assert clone.dtype == "float16"
    assert repr(m) == "<WeightedTotal name=wt>"
    assert str(m) == repr(m)
    assert m._obj_type() == "Metric"
    policy = WeightedTotal(dtype="mixed_bfloat16")
    assert policy.dtype == "bfloat16"
    assert WeightedTotal(dtype=np.float64).dtype == "float64"


def test_default_names_are_unique_snake_case():
    class MyScore(cornu.metrics.Metric):
        pass

    first, second = MyScore(), MyScore(name="")
    assert first.name == "my_score"
    assert second.name != first.name
    assert second.name.startswith("my_score")


def test_base_methods_must_be_implemented():
    m = cornu.metrics.Metric(name="base")
    with pytest.raises(NotImplementedError, match="update_state"):
        m.update_state(1.0)
    with pytest.raises(NotImplementedError, match="result"):
        m.result()
    assert m.variables == []


def test_missing_super_init_is_reported():
    class Broken(cornu.metrics.Metric):
        def __init__(self):
            self.total = self.add_variable(shape=(), initializer="zeros")

    with pytest.raises(RuntimeError, match=r"super\(\).__init__\(\)"):
        Broken()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"name": 3}, "Received: name=3"),
        ({"dtype": "float33"}, "Received: dtype='float33'"),
    ],
    ids=["int-name", "bad-dtype"],
)
def test_bad_constructor_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.metrics.Metric(**kwargs)
