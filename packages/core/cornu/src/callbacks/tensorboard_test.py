import io
import json
import os
import sys
import warnings

import numpy as np
import pytest

pytest.importorskip(
    "tensorboardX", reason="the cornu[tensorboard] extra is not installed"
)
pytest.importorskip(
    "tensorboard", reason="TensorBoard's event reader checks the files"
)

from tensorboard.backend.event_processing import event_accumulator  # noqa: E402
from tensorboard.plugins.graph import keras_util  # noqa: E402

import cornu  # noqa: E402
from cornu.src.callbacks import tensorboard as tensorboard_lib  # noqa: E402

STEPS = 3  # 24 samples in batches of 8
LR = 0.05


def _read(log_dir, run):
    unlimited = {kind: 0 for kind in event_accumulator.DEFAULT_SIZE_GUIDANCE}
    accumulator = event_accumulator.EventAccumulator(
        os.path.join(log_dir, run), size_guidance=unlimited
    )
    accumulator.Reload()
    return accumulator


def _scalars(accumulator, tag):
    events = accumulator.Scalars(tag)
    return [e.step for e in events], np.array([e.value for e in events])


def _data(seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(24, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32")).astype("float32")
    return x, y


def _model():
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            cornu.layers.Dense(4, activation="relu", name="hidden"),
            cornu.layers.Dense(1, name="out"),
        ]
    )
    rng = np.random.default_rng(1)
    model.set_weights(
        [
            rng.normal(size=tuple(w.shape)).astype("float32")
            for w in model.weights
        ]
    )
    return model


def _fit(board, epochs=3, callbacks=()):
    model = _model()
    model.compile(
        optimizer=cornu.optimizers.SGD(LR), loss="mse", metrics=["mae"]
    )
    history = model.fit(
        *_data(0),
        batch_size=8,
        epochs=epochs,
        validation_data=_data(2),
        callbacks=[*callbacks, board],
        verbose=0,
        shuffle=False,
    )
    return model, history


@pytest.mark.requires_capability("training")
def test_epoch_scalars_match_the_history(tmp_path):
    board = cornu.callbacks.TensorBoard(tmp_path, write_graph=False)
    _, history = _fit(board)
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]
    train, val = _read(tmp_path, "train"), _read(tmp_path, "validation")
    assert sorted(train.Tags()["scalars"]) == [
        "epoch_learning_rate",
        "epoch_loss",
        "epoch_mae",
    ]
    assert sorted(val.Tags()["scalars"]) == [
        "epoch_loss",
        "epoch_mae",
        "evaluation_loss_vs_iterations",
        "evaluation_mae_vs_iterations",
    ]
    for run, prefix in ((train, ""), (val, "val_")):
        for name in ("loss", "mae"):
            steps, values = _scalars(run, f"epoch_{name}")
            assert steps == [0, 1, 2]
            np.testing.assert_allclose(
                values, history.history[prefix + name], rtol=1e-6
            )
    steps, values = _scalars(train, "epoch_learning_rate")
    assert steps == [0, 1, 2]
    np.testing.assert_allclose(values, [LR] * 3, rtol=1e-6)
    # Validation results against the optimizer's step count.
    steps, values = _scalars(val, "evaluation_loss_vs_iterations")
    assert steps == [STEPS, 2 * STEPS, 3 * STEPS]
    np.testing.assert_allclose(values, history.history["val_loss"], rtol=1e-6)


@pytest.mark.requires_capability("training")
def test_learning_rate_is_the_current_one(tmp_path):
    schedule = cornu.callbacks.LearningRateScheduler(
        lambda epoch, lr: 0.1 / (epoch + 1)
    )
    board = cornu.callbacks.TensorBoard(tmp_path, write_graph=False)
    _fit(board, callbacks=[schedule])
    steps, values = _scalars(_read(tmp_path, "train"), "epoch_learning_rate")
    assert steps == [0, 1, 2]
    np.testing.assert_allclose(values, [0.1, 0.05, 0.1 / 3], rtol=1e-6)


@pytest.mark.requires_capability("training")
@pytest.mark.parametrize(
    "update_freq, steps",
    [(1, list(range(1, 10))), ("batch", list(range(1, 10))), (2, [2, 4, 6, 8])],
    ids=str,
)
def test_batch_scalars_with_an_integer_update_freq(
    tmp_path, update_freq, steps
):
    board = cornu.callbacks.TensorBoard(
        tmp_path, write_graph=False, update_freq=update_freq
    )
    _, history = _fit(board)
    train = _read(tmp_path, "train")
    logged, values = _scalars(train, "batch_loss")
    assert logged == steps
    assert _scalars(train, "batch_mae")[0] == steps
    if update_freq != 2:
        # The last batch of an epoch logs the epoch's running mean.
        last = values[[STEPS - 1, 2 * STEPS - 1, 3 * STEPS - 1]]
        np.testing.assert_allclose(last, history.history["loss"], rtol=1e-6)
    assert "batch_loss" not in _read(tmp_path, "validation").Tags()["scalars"]


@pytest.mark.requires_capability("training")
def test_no_batch_scalars_with_epoch_update_freq(tmp_path):
    board = cornu.callbacks.TensorBoard(tmp_path, write_graph=False)
    _fit(board, epochs=1)
    tags = _read(tmp_path, "train").Tags()["scalars"]
    assert not [tag for tag in tags if tag.startswith("batch_")]


@pytest.mark.requires_capability("training")
def test_steps_per_second(tmp_path):
    board = cornu.callbacks.TensorBoard(
        tmp_path,
        write_graph=False,
        write_steps_per_second=True,
        update_freq=1,
    )
    _fit(board)
    train = _read(tmp_path, "train")
    steps, values = _scalars(train, "epoch_steps_per_second")
    assert steps == [0, 1, 2] and (values > 0).all()
    steps, values = _scalars(train, "batch_steps_per_second")
    assert steps == list(range(1, 10)) and (values > 0).all()


@pytest.mark.requires_capability("training")
def test_weight_histograms_every_histogram_freq_epochs(tmp_path):
    board = cornu.callbacks.TensorBoard(
        tmp_path, histogram_freq=2, write_graph=False
    )
    model, _ = _fit(board)
    train = _read(tmp_path, "train")
    weights = {w.path: w for layer in model.layers for w in layer.weights}
    assert sorted(train.Tags()["histograms"]) == sorted(
        f"{path}/histogram" for path in weights
    )
    assert sorted(weights) == [
        "sequential/hidden/bias",
        "sequential/hidden/kernel",
        "sequential/out/bias",
        "sequential/out/kernel",
    ]
    for path, weight in weights.items():
        events = train.Histograms(f"{path}/histogram")
        assert [e.step for e in events] == [0, 2]
        # The last histogram is of the final weights.
        values = cornu.ops.convert_to_numpy(weight).astype("float64")
        histogram = events[-1].histogram_value
        assert histogram.num == values.size
        np.testing.assert_allclose(histogram.sum, values.sum(), rtol=1e-6)
        assert (histogram.min, histogram.max) == (values.min(), values.max())
    assert train.Tags()["images"] == []
    # Histograms go to the train run only.
    assert _read(tmp_path, "validation").Tags()["histograms"] == []


@pytest.mark.requires_capability("training")
def test_write_images_writes_the_weights_as_images(tmp_path):
    image_lib = pytest.importorskip("PIL.Image", reason="needs pillow")
    board = cornu.callbacks.TensorBoard(
        tmp_path, histogram_freq=1, write_images=True, write_graph=False
    )
    model, _ = _fit(board)
    train = _read(tmp_path, "train")
    # A size-1 bias has no 2-D view (as in Keras).
    assert sorted(train.Tags()["images"]) == [
        "sequential/hidden/bias/image",
        "sequential/hidden/kernel/image",
        "sequential/out/kernel/image",
    ]
    kernel = model.get_layer("hidden").kernel
    events = train.Images("sequential/hidden/kernel/image")
    assert [e.step for e in events] == [0, 1, 2]
    assert (events[-1].height, events[-1].width) == (3, 4)
    pixels = np.asarray(
        image_lib.open(io.BytesIO(events[-1].encoded_image_string))
    )
    w = cornu.ops.convert_to_numpy(kernel).astype("float64")
    scaled = ((w - w.min()) / (w.max() - w.min())).astype("float32")
    expected = (scaled * 255.0).astype("uint8")
    assert np.abs(pixels[..., 0].astype(int) - expected).max() <= 1
    # A (4, 1) kernel squeezes to a vector: a column, as a bias.
    out = train.Images("sequential/out/kernel/image")[-1]
    assert (out.height, out.width) == (4, 1)


def test_weight_images_of_kernels():
    rng = np.random.default_rng(3)
    # A dense kernel is laid out with its longer side across.
    dense = rng.normal(size=(5, 2))
    images = tensorboard_lib._weight_image(dense)
    assert images.shape == (1, 2, 5, 1)
    np.testing.assert_allclose(
        images[0, :, :, 0],
        (dense.T - dense.min()) / (dense.max() - dense.min()),
        rtol=1e-6,
    )
    kernel_1d = rng.normal(size=(2, 3, 4))  # (k, in, out)
    images = tensorboard_lib._weight_image(kernel_1d)
    assert images.shape == (4, 2, 3, 1)
    low, high = kernel_1d.min(), kernel_1d.max()
    np.testing.assert_allclose(
        images[1, :, :, 0], (kernel_1d[:, :, 1] - low) / (high - low), rtol=1e-6
    )
    kernel_2d = rng.normal(size=(3, 3, 2, 5))  # (kh, kw, in, out)
    images = tensorboard_lib._weight_image(kernel_2d)
    assert images.shape == (10, 3, 3, 1)
    low, high = kernel_2d.min(), kernel_2d.max()
    # Image i * 5 + j is the kernel from input channel i to filter j.
    np.testing.assert_allclose(
        images[7, :, :, 0],
        (kernel_2d[:, :, 1, 2] - low) / (high - low),
        rtol=1e-6,
    )
    assert tensorboard_lib._weight_image(np.ones((2, 2, 2, 2, 2))) is None
    assert tensorboard_lib._weight_image(np.ones(1)) is None
    assert float(tensorboard_lib._weight_image(np.ones(3)).max()) == 0.0


@pytest.mark.requires_capability("training")
def test_write_graph(tmp_path):
    board = cornu.callbacks.TensorBoard(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model, _ = _fit(board, epochs=1)
    train = _read(tmp_path, "train")
    # The Keras model graph, for every backend.
    assert train.Tags()["tensors"] == ["keras"]
    (event,) = train.Tensors("keras")
    assert event.step == 0
    config = json.loads(event.tensor_proto.string_val[0])
    assert config["class_name"] == "Sequential"
    graph = keras_util.keras_model_to_graph_def(config)
    assert [node.name for node in graph.node] == [
        f"{model.name}/input_layer",
        f"{model.name}/hidden",
        f"{model.name}/out",
    ]
    # The op graph where the backend can trace the model (torch).
    assert not [w for w in caught if "could not trace" in str(w.message)]
    assert train.Tags()["graph"] == board._tracer.TRACES_OP_GRAPH


@pytest.mark.requires_capability("training")
def test_write_graph_false_writes_no_graph(tmp_path):
    board = cornu.callbacks.TensorBoard(tmp_path, write_graph=False)
    _fit(board, epochs=1)
    train = _read(tmp_path, "train")
    assert train.Tags()["tensors"] == [] and not train.Tags()["graph"]


@pytest.mark.requires_capability("training")
def test_evaluate_writes_evaluation_scalars_and_closes_the_files(tmp_path):
    model, _ = _fit(
        cornu.callbacks.TensorBoard(tmp_path / "fit", write_graph=False),
        epochs=1,
    )
    board = cornu.callbacks.TensorBoard(tmp_path / "eval")
    loss, mae = model.evaluate(*_data(2), callbacks=[board], verbose=0)
    assert os.listdir(tmp_path / "eval") == ["validation"]
    val = _read(tmp_path / "eval", "validation")
    for name, expected in (("loss", loss), ("mae", mae)):
        steps, values = _scalars(val, f"evaluation_{name}_vs_iterations")
        assert steps == [STEPS]
        np.testing.assert_allclose(values, [expected], rtol=1e-6)


def test_hooks_called_by_hand_write_scalars_and_histograms(tmp_path):
    model = _model()
    board = cornu.callbacks.TensorBoard(
        tmp_path, histogram_freq=1, write_graph=False
    )
    callbacks = cornu.callbacks.CallbackList([board], model=model)
    callbacks.on_train_begin()
    for epoch in range(2):
        callbacks.on_epoch_begin(epoch)
        logs = {
            "loss": np.float32(1.0 / (epoch + 1)),
            "per_class": np.array([1.0, 2.0]),  # not a scalar: skipped
            "note": "text",  # not a number: skipped
            "val_loss": 2.0 / (epoch + 1),
        }
        callbacks.on_epoch_end(epoch, logs)
    callbacks.on_train_end()
    train, val = _read(tmp_path, "train"), _read(tmp_path, "validation")
    # No optimizer: no learning rate.
    assert train.Tags()["scalars"] == ["epoch_loss"]
    np.testing.assert_allclose(_scalars(train, "epoch_loss")[1], [1.0, 0.5])
    np.testing.assert_allclose(_scalars(val, "epoch_loss")[1], [2.0, 1.0])
    kernel = cornu.ops.convert_to_numpy(model.get_layer("hidden").kernel)
    (histogram, _) = [
        e.histogram_value
        for e in train.Histograms("sequential/hidden/kernel/histogram")
    ]
    assert histogram.num == kernel.size == 12
    assert (histogram.min, histogram.max) == (kernel.min(), kernel.max())


@pytest.mark.parametrize("update_freq", ["never", 0, -3, 1.5, True], ids=str)
def test_bad_update_freq(update_freq):
    with pytest.raises(ValueError, match="Received: update_freq="):
        cornu.callbacks.TensorBoard(update_freq=update_freq)


@pytest.mark.parametrize("profile_batch", [1, (2, 5), "3,4", -1], ids=str)
def test_profiling_is_not_supported(profile_batch):
    with pytest.raises(ValueError, match="does not support profiling yet"):
        cornu.callbacks.TensorBoard(profile_batch=profile_batch)


@pytest.mark.parametrize("profile_batch", [0, "0", (0, 0)], ids=str)
def test_profile_batch_zero_is_accepted(profile_batch):
    board = cornu.callbacks.TensorBoard(profile_batch=profile_batch)
    assert board.profile_batch == profile_batch


@pytest.mark.parametrize("name", ["histogram_freq", "embeddings_freq"])
@pytest.mark.parametrize("value", [-1, 0.5, "1"], ids=str)
def test_bad_frequencies(name, value):
    with pytest.raises(ValueError, match=f"Received: {name}="):
        cornu.callbacks.TensorBoard(**{name: value})


def test_embeddings_are_accepted_with_a_warning():
    with pytest.warns(UserWarning, match="does not write embeddings"):
        board = cornu.callbacks.TensorBoard(
            embeddings_freq=1, embeddings_metadata="labels.tsv"
        )
    assert board.embeddings_metadata == "labels.tsv"


def test_missing_tensorboardx_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorboardX", None)
    with pytest.raises(
        ImportError, match=r'pip install "cornu\[tensorboard\]"'
    ):
        cornu.callbacks.TensorBoard()


def test_missing_pillow_with_write_images(monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)
    with pytest.raises(ImportError, match="pip install pillow"):
        cornu.callbacks.TensorBoard(write_images=True)
    cornu.callbacks.TensorBoard(write_images=False)


def test_arguments_are_stored():
    board = cornu.callbacks.TensorBoard(
        log_dir="runs/a", histogram_freq=2, update_freq="batch"
    )
    assert (board.log_dir, board.histogram_freq, board.update_freq) == (
        "runs/a",
        2,
        1,
    )
    assert (board.write_graph, board.write_images) == (True, False)
