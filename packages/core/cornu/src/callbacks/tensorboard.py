"""`TensorBoard`: writes training logs as TensorBoard event files."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import time
import warnings
from typing import Any

import numpy as np

from cornu.src import backend
from cornu.src import ops
from cornu.src.api_export import cornu_export
from cornu.src.callbacks.callback import Callback
from cornu.src.callbacks.reduce_lr_on_plateau import learning_rate_value

_TENSORBOARDX_MISSING = (
    "cornu.callbacks.TensorBoard writes event files with the `tensorboardX` "
    "package, which is not installed. Install it with "
    '`pip install "cornu[tensorboard]"` (or `pip install tensorboardX`).'
)
# Models whose JSON TensorBoard's graph plugin draws (as in Keras).
_GRAPH_NETWORKS = ("Functional", "Sequential")


def _import_tensorboardx() -> Any:
    try:
        # A plain import statement, so that Pants infers the requirement.
        import tensorboardX
    except ImportError:
        raise ImportError(_TENSORBOARDX_MISSING) from None
    return tensorboardX


def _check_count(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"TensorBoard expects `{name}` to be a non-negative int (a "
            f"number of epochs; 0 turns it off). Received: {name}={value!r}."
        )
    return value


def _check_update_freq(update_freq: Any) -> Any:
    if update_freq == "batch":
        return 1
    if update_freq == "epoch":
        return "epoch"
    if isinstance(update_freq, int) and not isinstance(update_freq, bool):
        if update_freq > 0:
            return update_freq
    raise ValueError(
        "TensorBoard expects `update_freq` to be 'epoch', 'batch' or a "
        f"positive int. Received: update_freq={update_freq!r}. Pass e.g. "
        "`update_freq=100` to log batch-level scalars every 100 batches."
    )


def _check_profile_batch(profile_batch: Any) -> None:
    # Keras's forms of "off": 0, "0", "0,0" or (0, 0).
    if profile_batch in (0, "0", "0,0", (0, 0), [0, 0]):
        return
    raise ValueError(
        "cornu.callbacks.TensorBoard does not support profiling yet. "
        f"Received: profile_batch={profile_batch!r}. Pass "
        "`profile_batch=0` (the default) and run your framework's profiler "
        "around `fit` instead."
    )


def _scalars(logs: Any):
    """The `(name, float)` pairs of the scalar entries of `logs`."""
    for name, value in (logs or {}).items():
        try:
            array = np.asarray(ops.convert_to_numpy(value))
            if array.size == 1:
                yield name, float(array.reshape(-1)[0])
        except (TypeError, ValueError):
            continue  # strings and other non-numbers


def _weight_image(values: np.ndarray) -> np.ndarray | None:
    """A weight as NHWC images in [0, 1], or None: a bias is a column, a
    dense kernel one image (longer axis across), a conv kernel one image
    per output filter (1-D) or per (input, output) channel pair (2-D)."""
    w = np.squeeze(values)
    if w.ndim == 1:
        w = w.reshape(1, -1, 1, 1)
    elif w.ndim == 2:
        if w.shape[0] > w.shape[1]:
            w = w.T
        w = w[None, :, :, None]
    elif w.ndim == 3:
        w = np.transpose(w, (2, 0, 1))[..., None]
    elif w.ndim == 4:
        w = np.transpose(w, (2, 3, 0, 1)).reshape(-1, *w.shape[:2], 1)
    else:
        return None
    low, high = float(w.min()), float(w.max())
    scale = high - low if high > low else 1.0
    return ((w - low) / scale).astype("float32")


def _keras_model_summary(json_string: str) -> Any:
    """The summary Keras writes for its graph plugin: the model's JSON."""
    from tensorboardX.proto import summary_pb2
    from tensorboardX.proto import tensor_pb2

    metadata = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(
            plugin_name="graph_keras_model", content=b"1"
        )
    )
    tensor = tensor_pb2.TensorProto(
        dtype="DT_STRING", string_val=[json_string.encode("utf-8")]
    )
    value = summary_pb2.Summary.Value(
        tag="keras", metadata=metadata, tensor=tensor
    )
    return summary_pb2.Summary(value=[value])


@cornu_export("cornu.callbacks.TensorBoard")
class TensorBoard(Callback):
    """Writes training logs as TensorBoard event files.

    See them with `tensorboard --logdir logs`. The files are written with
    `tensorboardX` (`pip install "cornu[tensorboard]"`), without
    TensorFlow, in the runs `log_dir/train` and `log_dir/validation`:

    * `epoch_<name>` at step `epoch`: the training logs (and
      `epoch_learning_rate`, `epoch_steps_per_second`) in `train`, the
      `val_` logs without their prefix in `validation`;
    * with an int `update_freq`, `batch_<name>` in `train` every
      `update_freq` batches, at step = batches since `fit` began (from 1);
    * `evaluation_<name>_vs_iterations` in `validation` after each
      validation or `evaluate`, at step `model.optimizer.iterations`;
    * every `histogram_freq` epochs, `<weight.path>/histogram` (and
      `/image`) for each weight of `model.layers`, in `train`;
    * at the start of `fit`, with `write_graph`: the model's JSON (tag
      `keras`, Functional and Sequential models, as Keras) for the graph
      dashboard and, where the model is a `torch.nn.Module` (the torch
      backend), its traced op graph. A model that cannot be traced gives
      one warning; training goes on.

    Writers are flushed every epoch and closed when `fit` (or a standalone
    `evaluate`) ends.

    Args:
        log_dir: Folder of the event files; use it for nothing else.
        histogram_freq: Frequency, in epochs, of the weight histograms;
            0 writes none.
        write_graph: Whether to write the model's graph.
        write_images: Whether to write the weights as images (scaled to
            [0, 1]) with the histograms. Needs `pillow`.
        write_steps_per_second: Whether to log training steps per second
            (per epoch, and per batch with an integer `update_freq`).
        update_freq: `"epoch"`, `"batch"` (same as 1) or an int `N`: also
            log the batch logs every `N` batches.
        profile_batch: Must be 0: profiling is not supported yet (a
            non-zero value raises a `ValueError`).
        embeddings_freq: Accepted for Keras compatibility; embeddings are
            not written (a warning says so when it is not 0).
        embeddings_metadata: Accepted for Keras compatibility; unused.

    Example:

    >>> import os, tempfile
    >>> log_dir = tempfile.mkdtemp()
    >>> model = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(1)])
    >>> try:
    ...     board = cornu.callbacks.TensorBoard(
    ...         log_dir, histogram_freq=1, write_graph=False)
    ... except ImportError:  # tensorboardX is not installed
    ...     os.makedirs(os.path.join(log_dir, "train"))
    ...     os.makedirs(os.path.join(log_dir, "validation"))
    ... else:
    ...     callbacks = cornu.callbacks.CallbackList([board], model=model)
    ...     callbacks.on_train_begin()
    ...     callbacks.on_epoch_begin(0)
    ...     callbacks.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.75})
    ...     callbacks.on_train_end()
    >>> sorted(os.listdir(log_dir))
    ['train', 'validation']

    In training, pass it to `fit`:

    ```python
    board = cornu.callbacks.TensorBoard(log_dir="logs", histogram_freq=1)
    model.fit(x, y, epochs=5, validation_split=0.2, callbacks=[board])
    ```
    """

    # Batch logs are not read (or converted here): no float() per batch.
    _handles_raw_batch_logs = True

    def __init__(
        self,
        log_dir: Any = "logs",
        histogram_freq: int = 0,
        write_graph: bool = True,
        write_images: bool = False,
        write_steps_per_second: bool = False,
        update_freq: Any = "epoch",
        profile_batch: Any = 0,
        embeddings_freq: int = 0,
        embeddings_metadata: Any = None,
    ) -> None:
        super().__init__()
        self._tensorboardx = _import_tensorboardx()
        if write_images and importlib.util.find_spec("PIL") is None:
            raise ImportError(
                "TensorBoard(write_images=True) needs `pillow` to encode "
                "images. Install it with `pip install pillow`, or pass "
                "`write_images=False`."
            )
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = _check_count("histogram_freq", histogram_freq)
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = _check_update_freq(update_freq)
        _check_profile_batch(profile_batch)
        self.profile_batch = profile_batch
        self.embeddings_freq = _check_count("embeddings_freq", embeddings_freq)
        self.embeddings_metadata = embeddings_metadata
        if embeddings_freq:
            warnings.warn(
                "cornu.callbacks.TensorBoard does not write embeddings yet; "
                f"embeddings_freq={embeddings_freq} is ignored.",
                stacklevel=2,
            )
        self._writers: dict = {}
        self._in_fit = False
        self._trace_warned = False
        self._tracer = backend.load_integration("tensorboard")
        self._global_train_batch = 0
        self._batch_start = 0.0
        self._epoch_start = 0.0
        self._epoch_start_iterations = None

    def _writer(self, run: str) -> Any:
        """The writer of `log_dir/<run>`, created on first use."""
        if run not in self._writers:
            self._writers[run] = self._tensorboardx.SummaryWriter(
                os.path.join(self.log_dir, run)
            )
        return self._writers[run]

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def _iterations(self) -> int | None:
        optimizer = getattr(self.model, "optimizer", None)
        iterations = getattr(optimizer, "iterations", None)
        if iterations is None:
            return None
        return int(ops.convert_to_numpy(iterations))

    def _write_graph(self) -> None:
        model = self.model
        writer = self._writer("train")
        if any(c.__name__ in _GRAPH_NETWORKS for c in type(model).__mro__):
            try:
                summary = _keras_model_summary(model.to_json())
            except Exception as e:  # the graph is optional: never fail fit
                warnings.warn(
                    f"TensorBoard could not serialize the model as JSON, so "
                    f"its graph is not written: {e}",
                    stacklevel=3,
                )
            else:
                writer.file_writer.add_summary(summary, global_step=0)
        if self._tracer.TRACES_OP_GRAPH and not self._trace_warned:
            self._trace_graph(model, writer)

    def _trace_graph(self, model: Any, writer: Any) -> None:
        try:
            inputs = [
                ops.zeros([d or 1 for d in x.shape], dtype=x.dtype)
                for x in model.inputs
            ]
            args = (inputs[0] if len(inputs) == 1 else inputs,)
            # The tracer's own warnings and prints are noise here.
            with (
                warnings.catch_warnings(),
                contextlib.redirect_stdout(io.StringIO()),
            ):
                warnings.simplefilter("ignore")
                self._tracer.add_op_graph(writer, model, args)
        except Exception as e:  # the graph is optional: never fail fit
            self._trace_warned = True
            warnings.warn(
                "TensorBoard could not trace the model's op graph, so only "
                f"the Keras model graph is written. {type(e).__name__}: {e}",
                stacklevel=4,
            )

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._in_fit = True
        self._global_train_batch = 0
        if self.write_graph:
            self._write_graph()

    def on_train_end(self, logs: dict | None = None) -> None:
        self._in_fit = False
        self._close_writers()

    def on_train_batch_begin(self, batch: int, logs: Any = None) -> None:
        self._global_train_batch += 1
        if self.write_steps_per_second:
            self._batch_start = time.time()

    def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
        step = self._global_train_batch
        if self.update_freq == "epoch" or step % self.update_freq:
            return
        writer = self._writer("train")
        if self.write_steps_per_second:
            elapsed = max(time.time() - self._batch_start, 1e-9)
            writer.add_scalar("batch_steps_per_second", 1.0 / elapsed, step)
        for name, value in _scalars(logs):
            writer.add_scalar(f"batch_{name}", value, step)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        if self.write_steps_per_second:
            self._epoch_start = time.time()
            self._epoch_start_iterations = self._iterations()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if logs:
            train = {k: v for k, v in logs.items() if not k.startswith("val_")}
            val = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
            optimizer = getattr(self.model, "optimizer", None)
            if getattr(optimizer, "learning_rate", None) is not None:
                train["learning_rate"] = learning_rate_value(optimizer)
            speed = self._steps_per_second()
            if speed is not None:
                train["steps_per_second"] = speed
            for run, run_logs in (("train", train), ("validation", val)):
                if run_logs:
                    writer = self._writer(run)
                    for name, value in _scalars(run_logs):
                        writer.add_scalar(f"epoch_{name}", value, epoch)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)
        for writer in self._writers.values():
            writer.flush()

    def on_test_end(self, logs: dict | None = None) -> None:
        step = self._iterations() if logs else None
        if step is not None:
            writer = self._writer("validation")
            for name, value in _scalars(logs):
                writer.add_scalar(
                    f"evaluation_{name}_vs_iterations", value, step
                )
        if self._in_fit:
            if "validation" in self._writers:
                self._writers["validation"].flush()
        else:
            self._close_writers()

    def _steps_per_second(self) -> float | None:
        if not self.write_steps_per_second:
            return None
        now, start = self._iterations(), self._epoch_start_iterations
        if now is None or start is None:
            return None
        return (now - start) / max(time.time() - self._epoch_start, 1e-9)

    def _log_weights(self, epoch: int) -> None:
        writer = self._writer("train")
        for layer in self.model.layers:
            for weight in layer.weights:
                # Keras tags by `weight.name`, which Keras 3 made the short
                # name ("kernel" for every Dense); the path keeps tags apart.
                tag = weight.path.replace(":", "_")
                values = np.asarray(ops.convert_to_numpy(weight), "float64")
                writer.add_histogram(f"{tag}/histogram", values, epoch)
                image = _weight_image(values) if self.write_images else None
                if image is not None:
                    writer.add_images(
                        f"{tag}/image", image, epoch, dataformats="NHWC"
                    )
