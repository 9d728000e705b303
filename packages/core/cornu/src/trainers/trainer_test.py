import numpy as np
import pytest
from sklearn.datasets import load_digits

import cornu
from cornu import layers
from cornu.src import backend

training = pytest.mark.requires_capability("training")


def _digits():
    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    return x, digits.target.astype("int32")


def _linear(units=1, inputs=3, name=None):
    return cornu.Sequential(
        [
            cornu.Input((inputs,)),
            layers.Dense(units, kernel_initializer="ones", name="dense"),
        ],
        name=name,
    )


def _data(n=12, inputs=3, outputs=1, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, inputs)).astype("float32")
    y = rng.standard_normal((n, outputs)).astype("float32")
    return x, y


def _forward(model, x):
    kernel, bias = model.get_weights()
    return x @ kernel + bias


# ------------------------------------------------------------ learning
@training
def test_mlp_learns_digits():
    cornu.utils.set_random_seed(1)
    x, y = _digits()
    model = cornu.Sequential(
        [
            cornu.Input((64,)),
            layers.Dense(64, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=cornu.optimizers.Adam(0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(x[:1400], y[:1400], epochs=15, batch_size=64, verbose=0)
    assert len(history.history["loss"]) == 15
    assert history.history["loss"][-1] < history.history["loss"][0]
    loss, accuracy = model.evaluate(x[1400:], y[1400:], verbose=0)
    assert accuracy >= 0.9
    predicted = model.predict(x[1400:], verbose=0).argmax(-1)
    np.testing.assert_allclose(
        (predicted == y[1400:]).mean(), accuracy, rtol=1e-5
    )


@training
def test_one_sgd_step_matches_numpy_gradient():
    x, y = _data()
    model = _linear()
    model.compile(optimizer=cornu.optimizers.SGD(0.1), loss="mse")
    kernel, bias = model.get_weights()
    pred = x @ kernel + bias
    grad_pred = 2.0 * (pred - y) / pred.size
    want_kernel = kernel - 0.1 * x.T @ grad_pred
    want_bias = bias - 0.1 * grad_pred.sum(axis=0)
    loss = model.train_on_batch(x, y)
    np.testing.assert_allclose(loss, np.mean((pred - y) ** 2), rtol=1e-5)
    got_kernel, got_bias = model.get_weights()
    np.testing.assert_allclose(got_kernel, want_kernel, rtol=1e-5)
    np.testing.assert_allclose(got_bias, want_bias, rtol=1e-5, atol=1e-7)


@training
@pytest.mark.parametrize("steps_per_execution", [2, 3])
def test_steps_per_execution_gives_the_same_weights(steps_per_execution):
    x, y = _data(n=40)
    results = []
    for spe in (1, steps_per_execution):
        model = _linear()
        model.compile(
            optimizer=cornu.optimizers.SGD(0.05),
            loss="mse",
            steps_per_execution=spe,
        )
        history = model.fit(
            x, y, batch_size=4, epochs=2, shuffle=False, verbose=0
        )
        results.append((model.get_weights(), history.history["loss"]))
    for a, b in zip(results[0][0], results[1][0], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-5)


@training
def test_run_eagerly_matches_compiled_step():
    x, y = _data(n=16)
    weights = []
    for eager in (False, True):
        model = _linear()
        model.compile(optimizer="adam", loss="mae", run_eagerly=eager)
        model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
        weights.append(model.get_weights())
    for a, b in zip(*weights, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


# --------------------------------------------------- fit's arguments
@training
def test_history_and_validation_logs():
    x, y = _data(n=20)
    model = _linear()
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    history = model.fit(
        x, y, epochs=3, batch_size=5, validation_split=0.25, verbose=0
    )
    assert set(history.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert all(len(v) == 3 for v in history.history.values())
    assert history.epoch == [0, 1, 2]
    # The validation loss of the last epoch is the final model's loss on
    # the last 25% of the data (split before shuffling).
    val_pred = _forward(model, x[15:])
    np.testing.assert_allclose(
        history.history["val_loss"][-1],
        np.mean((val_pred - y[15:]) ** 2),
        rtol=1e-5,
    )


@training
def test_validation_freq_and_validation_data():
    x, y = _data(n=12)
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    seen = []
    callback = cornu.callbacks.LambdaCallback(
        on_epoch_end=lambda epoch, logs: seen.append(sorted(logs))
    )
    model.fit(
        x,
        y,
        epochs=4,
        validation_data=(x[:4], y[:4]),
        validation_freq=2,
        callbacks=[callback],
        verbose=0,
    )
    assert seen == [["loss"], ["loss", "val_loss"]] * 2


@training
def test_initial_epoch_and_epoch_count():
    x, y = _data()
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, y, epochs=5, initial_epoch=3, verbose=0)
    assert history.epoch == [3, 4]


def test_evaluate_with_sample_weight_matches_numpy():
    x, y = _data(n=10, outputs=2)
    weights = np.linspace(0.1, 2.0, 10).astype("float32")
    model = _linear(units=2)
    model.compile(loss="mse", metrics=["mae"], weighted_metrics=["mse"])
    result = model.evaluate(
        x,
        y,
        sample_weight=weights,
        batch_size=10,
        verbose=0,
        return_dict=True,
    )
    per_sample = np.mean((_forward(model, x) - y) ** 2, axis=-1)
    abs_error = np.mean(np.abs(_forward(model, x) - y), axis=-1)
    np.testing.assert_allclose(
        result["loss"], np.sum(per_sample * weights) / 10, rtol=1e-5
    )
    np.testing.assert_allclose(result["mae"], abs_error.mean(), rtol=1e-5)
    np.testing.assert_allclose(
        result["mse"],
        np.sum(per_sample * weights) / weights.sum(),
        rtol=1e-5,
    )


def test_evaluate_return_forms():
    x, y = _data()
    model = _linear()
    model.compile(loss="mse")
    single = model.evaluate(x, y, verbose=0)
    assert isinstance(single, float)
    model.compile(loss="mse", metrics=["mae", "mse"])
    values = model.evaluate(x, y, verbose=0)
    assert isinstance(values, list) and len(values) == 3
    assert model.metrics_names == ["loss", "mae", "mse"]
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert list(as_dict) == ["loss", "mae", "mse"]
    np.testing.assert_allclose(list(as_dict.values()), values, rtol=1e-6)


def test_evaluate_averages_over_partial_batches():
    x, y = _data(n=10)
    model = _linear()
    model.compile(loss="mse")
    got = model.evaluate(x, y, batch_size=4, verbose=0)
    want = np.mean((_forward(model, x) - y) ** 2)
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_predict_concatenates_batches_and_builds_the_model():
    model = cornu.Sequential([layers.Dense(2, kernel_initializer="ones")])
    x = np.arange(21, dtype="float32").reshape(7, 3)
    out = model.predict(x, batch_size=3, verbose=0)
    assert out.shape == (7, 2)
    np.testing.assert_allclose(out, _forward(model, x), rtol=1e-6)
    np.testing.assert_allclose(
        model.predict_on_batch(x[:2]), out[:2], rtol=1e-6
    )


def test_predict_multi_output_structure():
    inputs = cornu.Input((3,))
    a = layers.Dense(2, name="a")(inputs)
    b = layers.Dense(1, name="b")(inputs)
    model = cornu.Model(inputs, {"a": a, "b": b})
    out = model.predict(np.ones((5, 3), "float32"), batch_size=2, verbose=0)
    assert sorted(out) == ["a", "b"]
    assert out["a"].shape == (5, 2) and out["b"].shape == (5, 1)


# ---------------------------------------------------- multiple outputs
def _two_outputs():
    inputs = cornu.Input((3,), name="x")
    first = layers.Dense(2, kernel_initializer="ones", name="first")(inputs)
    second = layers.Dense(1, kernel_initializer="zeros", name="second")(inputs)
    return cornu.Model(inputs, [first, second])


@pytest.mark.parametrize("form", ["list", "dict"])
def test_multi_output_losses_and_weights(form):
    model = _two_outputs()
    x, y1 = _data(n=8, outputs=2)
    _, y2 = _data(n=8, outputs=1, seed=1)
    if form == "list":
        model.compile(
            loss=["mse", "mae"], loss_weights=[1.0, 0.5], metrics=[["mae"], []]
        )
    else:
        model.compile(
            loss={"first": "mse", "second": "mae"},
            loss_weights={"first": 1.0, "second": 0.5},
            metrics={"first": ["mae"]},
        )
    result = model.evaluate(x, [y1, y2], verbose=0, return_dict=True)
    p1, p2 = model.predict(x, verbose=0)
    mse = np.mean((p1 - y1) ** 2)
    mae2 = np.mean(np.abs(p2 - y2))
    np.testing.assert_allclose(result["loss"], mse + 0.5 * mae2, rtol=1e-5)
    np.testing.assert_allclose(result["first_loss"], mse, rtol=1e-5)
    np.testing.assert_allclose(result["second_loss"], mae2, rtol=1e-5)
    np.testing.assert_allclose(
        result["first_mae"], np.mean(np.abs(p1 - y1)), rtol=1e-5
    )


def test_targets_as_dict_for_list_outputs():
    model = _two_outputs()
    model.compile(loss=["mse", "mse"])
    x, y1 = _data(n=4, outputs=2)
    _, y2 = _data(n=4, outputs=1, seed=2)
    by_list = model.evaluate(x, [y1, y2], verbose=0)
    by_dict = model.evaluate(x, {"first": y1, "second": y2}, verbose=0)
    np.testing.assert_allclose(by_list, by_dict, rtol=1e-6)


def test_loss_dict_with_unknown_key_is_a_clear_error():
    model = _two_outputs()
    model.compile(loss={"first": "mse", "third": "mse"})
    x, y = _data(n=4, outputs=2)
    with pytest.raises(ValueError, match="third"):
        model.evaluate(x, [y, y[:, :1]], verbose=0)


def test_metric_list_length_must_match_outputs():
    model = _two_outputs()
    model.compile(loss="mse", metrics=["mae", "mse", "mae"])
    x, y = _data(n=4, outputs=2)
    with pytest.raises(ValueError, match="3"):
        model.evaluate(x, [y, y[:, :1]], verbose=0)


def test_accuracy_string_picks_the_right_accuracy():
    x = np.eye(4, dtype="float32")
    model = cornu.Sequential([cornu.Input((4,)), layers.Activation("linear")])
    model.compile(loss="categorical_crossentropy", metrics=["accuracy"])
    one_hot = np.eye(4, dtype="float32")[[0, 1, 0, 3]]
    acc = model.evaluate(x, one_hot, verbose=0, return_dict=True)
    assert acc["accuracy"] == pytest.approx(0.75)
    model.compile(loss="sparse_categorical_crossentropy", metrics=["acc"])
    acc = model.evaluate(x, np.array([0, 1, 2, 2]), verbose=0, return_dict=True)
    assert acc["acc"] == pytest.approx(0.75)


# --------------------------------------------------- losses of layers
def test_model_losses_are_added_to_the_loss():
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            layers.Dense(
                1,
                kernel_initializer="ones",
                kernel_regularizer=cornu.regularizers.L2(0.1),
                activity_regularizer=cornu.regularizers.L1(0.01),
            ),
        ]
    )
    model.compile(loss="mse")
    x, y = _data(n=6)
    got = model.evaluate(x, y, batch_size=6, verbose=0)
    pred = _forward(model, x)
    kernel = model.get_weights()[0]
    want = (
        np.mean((pred - y) ** 2)
        + 0.1 * np.sum(kernel**2)
        # Keras 3 divides the activity penalty by the batch size.
        + 0.01 * np.sum(np.abs(pred)) / len(pred)
    )
    np.testing.assert_allclose(got, want, rtol=1e-5)


def test_compute_loss_can_be_overridden():
    class DoubleLoss(cornu.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1, kernel_initializer="ones")

        def call(self, x):
            return self.dense(x)

        def compute_loss(
            self, x=None, y=None, y_pred=None, sample_weight=None, training=True
        ):
            return 2.0 * super().compute_loss(
                x, y, y_pred, sample_weight, training
            )

    model = DoubleLoss()
    model.compile(loss="mse")
    x, y = _data()
    got = model.evaluate(x, y, verbose=0)
    model_pred = cornu.ops.convert_to_numpy(model(x))
    np.testing.assert_allclose(
        got, 2.0 * np.mean((model_pred - y) ** 2), rtol=1e-5
    )


def test_no_loss_is_a_clear_error():
    model = _linear()
    model.compile(optimizer="sgd")
    x, y = _data()
    with pytest.raises(ValueError, match="No loss to compute"):
        model.evaluate(x, y, verbose=0)


# ------------------------------------------------- metric bookkeeping
def test_metrics_results_and_reset():
    x, y = _data()
    model = _linear()
    model.compile(loss="mse", metrics=["mae"])
    model.evaluate(x, y, verbose=0)
    result = model.get_metrics_result()
    assert list(result) == ["loss", "mae"]
    assert all(isinstance(v, float) for v in result.values())
    model.reset_metrics()
    assert model.get_metrics_result() == {"loss": 0.0, "mae": 0.0}


def test_test_on_batch_and_compile_config():
    x, y = _data()
    model = _linear()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    values = model.test_on_batch(x, y)
    pred = _forward(model, x)
    np.testing.assert_allclose(
        values,
        [np.mean((pred - y) ** 2), np.mean(np.abs(pred - y))],
        rtol=1e-5,
    )
    config = model.get_compile_config()
    other = _linear()
    other.compile_from_config(config)
    assert other.compiled and other.loss == "mse"
    assert type(other.optimizer).__name__ == "Adam"


# ------------------------------------------------ interruptions, data
@training
def test_keyboard_interrupt_leaves_the_model_usable():
    x, y = _data(n=32)
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")

    class Interrupt(cornu.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 2:
                raise KeyboardInterrupt

    before = model.get_weights()[0].copy()
    with pytest.raises(KeyboardInterrupt):
        model.fit(x, y, batch_size=4, callbacks=[Interrupt()], verbose=0)
    kernel = model.get_weights()[0]
    assert np.all(np.isfinite(kernel)) and not np.allclose(kernel, before)
    # The weights are those after the third step, and training resumes.
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    assert model.predict(x, verbose=0).shape == (32, 1)


@training
def test_arrays_held_outside_the_model_survive_fit_and_evaluate():
    # jax's compiled steps donate the buffers of the state they are
    # given: an array anything else holds must be copied first.
    x, y = _data(n=32)
    model = _linear()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    kernel = model.layers[0].kernel
    held = kernel.value  # the user's reference
    held_copy = cornu.ops.convert_to_numpy(held).copy()
    seen = []

    class KeepValues(cornu.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            value = self.model.layers[0].kernel.value
            seen.append((value, cornu.ops.convert_to_numpy(value).copy()))

    model.fit(
        x, y, batch_size=8, epochs=3, verbose=0, callbacks=[KeepValues()]
    )
    model.evaluate(x, y, verbose=0)
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    values = [(held, held_copy)] + seen
    current = kernel.value
    for value, copy in values:
        read = cornu.ops.convert_to_numpy(value)  # still readable
        if value is not current:  # not updated in place (jax arrays)
            np.testing.assert_array_equal(read, copy)
    # The epochs' snapshots differ: training went on after each.
    assert not np.array_equal(seen[0][1], seen[-1][1])
    assert not np.array_equal(
        held_copy, cornu.ops.convert_to_numpy(kernel.value)
    )


@training
def test_generator_with_steps_per_epoch_runs_out_of_data():
    x, y = _data(n=8)

    def batches():
        for i in range(0, 8, 2):
            yield x[i : i + 2], y[i : i + 2]

    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    with pytest.warns(UserWarning, match="ran out of data"):
        history = model.fit(
            batches(), steps_per_epoch=3, epochs=3, shuffle=False, verbose=0
        )
    assert len(history.history["loss"]) == 2


@training
def test_class_weight_scales_the_loss():
    x, y = _data(n=6)
    labels = np.array([0, 1, 1, 0, 1, 0])
    model = cornu.Sequential(
        [cornu.Input((3,)), layers.Dense(2, activation="softmax")]
    )
    model.compile(
        optimizer=cornu.optimizers.SGD(0.0),
        loss="sparse_categorical_crossentropy",
    )
    weighted = model.train_on_batch(x, labels, class_weight={0: 2.0, 1: 0.5})
    probs = model.predict(x, verbose=0)
    nll = -np.log(probs[np.arange(6), labels])
    w = np.where(labels == 0, 2.0, 0.5)
    np.testing.assert_allclose(weighted, np.sum(nll * w) / 6, rtol=1e-5)


# ------------------------------------------------------------- errors
def test_fit_before_compile_is_a_clear_error():
    x, y = _data()
    with pytest.raises(ValueError, match="compile"):
        _linear().fit(x, y, verbose=0)
    with pytest.raises(ValueError, match="compile"):
        _linear().evaluate(x, y, verbose=0)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"verbose": 3}, "verbose"),
        ({"epochs": -1}, "epochs"),
        ({"validation_freq": 0, "validation_data": None}, None),
    ],
)
def test_fit_argument_errors(kwargs, match):
    if match is None:
        return
    x, y = _data()
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match=match):
        model.fit(x, y, **kwargs)


def test_compile_argument_errors():
    model = _linear()
    with pytest.raises(ValueError, match="steps_per_execution"):
        model.compile(loss="mse", steps_per_execution=0)
    with pytest.raises(ValueError, match="jit_compile"):
        model.compile(loss="mse", jit_compile="yes")
    with pytest.raises(ValueError, match="contradict"):
        model.compile(loss="mse", jit_compile=True, run_eagerly=True)
    with pytest.raises(ValueError, match="list, tuple or dict"):
        model.compile(loss="mse", metrics="mae")


def test_mismatched_lengths_are_a_clear_error():
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    x, y = _data()
    with pytest.raises(ValueError, match="12|11"):
        model.evaluate(x, y[:11], verbose=0)


def test_training_on_a_backend_without_gradients_is_refused():
    if backend.capabilities.training:
        pytest.skip("this backend trains; see the other tests")
    x, y = _data()
    model = _linear()
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(NotImplementedError, match="jax"):
        model.fit(x, y, verbose=0)


@pytest.mark.parametrize("built", [True, False])
def test_loss_and_metrics_build_for_built_and_unbuilt_models(built):
    # A built model builds its compiled loss and metrics from the output
    # shapes; F1Score sizes its state from the first values either way.
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(3)
    x = rng.standard_normal((24, 4)).astype("float32")
    labels = rng.integers(0, 3, 24)
    y = np.eye(3, dtype="float32")[labels]
    stack = [layers.Dense(3, activation="softmax", name="out")]
    model = cornu.Sequential(([cornu.Input((4,))] if built else []) + stack)
    model.compile(
        optimizer="sgd",
        loss="categorical_crossentropy",
        metrics=["accuracy", cornu.metrics.F1Score(average="macro")],
    )
    logs = model.evaluate(x, y, batch_size=8, return_dict=True, verbose=0)
    predicted = np.argmax(model.predict(x, verbose=0), axis=-1)
    assert model.built
    np.testing.assert_allclose(
        logs["accuracy"], np.mean(predicted == labels), rtol=1e-6
    )
    expected_f1 = f1_score(labels, predicted, average="macro")
    np.testing.assert_allclose(logs["f1_score"], expected_f1, rtol=1e-5)


def test_auto_jit_leaves_models_with_host_layers_uncompiled():
    # Hashing computes its bins with NumPy, which a traced step cannot
    # do: `jit_compile="auto"` must not compile such a model (Keras's
    # `model_supports_jit`), and its predictions match a direct call.
    model = cornu.Sequential(
        [
            cornu.Input((4,), dtype="int32"),
            cornu.layers.Hashing(num_bins=5, salt=3),
        ]
    )
    model.compile(loss="mse")
    assert model.jit_compile is False
    x = np.arange(8, dtype="int32").reshape(2, 4)
    np.testing.assert_array_equal(
        model.predict(x, verbose=0),
        cornu.ops.convert_to_numpy(model(x)),
    )
