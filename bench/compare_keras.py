"""cornu's `fit`/`predict` against Keras 3 and hand-written loops.

Usage (from the repo root, with an interpreter that has cornu's
dependencies, jax and torch; the first run installs Keras 3 from the
package index into its own virtual environment under
`~/.cache/cornu-bench/keras-venv`, which reuses this interpreter's jax
and torch so that every contender runs the same framework builds):

    python bench/compare_keras.py                 # everything
    python bench/compare_keras.py --quick         # 1 thread, fewer epochs
    python bench/compare_keras.py --backends torch --workloads mlp32

Each measurement runs in a fresh process. Workloads: an MLP on the digits
(64 -> 256 -> 256 -> 10, batch 32 and 512) and a small CNN (28x28x1, two
conv+pool blocks, batch 128), with Adam and sparse categorical
crossentropy on logits, no metrics. Contenders per backend: cornu, Keras 3
and a hand-written loop in the raw framework (torch: `nn.Sequential` +
`torch.optim.Adam`; jax: a jitted step with a hand-written Adam and
donated buffers). After one warm-up epoch, each times `epochs` epochs (at
least 100 steps) and reports steps/s (wall) and process-CPU milliseconds
per step; then the predict throughput; and, in another fresh process,
the seconds from the first import to the end of the first training step.
The table gives the ratios cornu/raw, cornu/keras measured in the same
run.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import sysconfig
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_utils import run_worker  # noqa: E402

KERAS_VERSION = "3.15.1"
VENV = pathlib.Path.home() / ".cache" / "cornu-bench" / "keras-venv"
MIN_STEPS = 100
PREDICT_ROUNDS = 21
WORKLOADS = {
    "mlp32": {"kind": "mlp", "batch": 32},
    "mlp512": {"kind": "mlp", "batch": 512},
    "cnn128": {"kind": "cnn", "batch": 128},
}


# ------------------------------------------------------------- workers
def _pin_threads(threads: int) -> None:
    if threads == 1:
        os.environ["OMP_NUM_THREADS"] = "1"
        os.environ["MKL_NUM_THREADS"] = "1"
        os.environ["XLA_FLAGS"] = (
            "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
        )


def _data(kind: str):
    import numpy as np

    if kind == "mlp":
        from sklearn.datasets import load_digits

        digits = load_digits()
        x = (digits.data / 16.0).astype("float32")
        y = digits.target.astype("int32")
    else:
        rng = np.random.default_rng(0)
        x = rng.random((2048, 28, 28, 1), dtype="float32")
        y = rng.integers(0, 10, 2048).astype("int32")
    return x, y


def _keras_like_model(keras, kind: str):
    layers = keras.layers
    if kind == "mlp":
        return keras.Sequential(
            [
                keras.Input((64,)),
                layers.Dense(256, activation="relu"),
                layers.Dense(256, activation="relu"),
                layers.Dense(10),
            ]
        )
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(2),
            layers.Flatten(),
            layers.Dense(10),
        ]
    )


class _KerasLike:
    """cornu or Keras: the same script, `import cornu as keras`."""

    def __init__(self, module: str, kind: str, batch: int, threads: int):
        if module == "cornu":
            import cornu as keras
        else:
            if os.environ.get("KERAS_BACKEND") != "tensorflow":
                # The Keras venv sees this interpreter's packages, which
                # include TensorFlow: `set_random_seed` would import it
                # (2 s here), which a jax or torch user without it does
                # not pay. Hide it, as on such a machine.
                sys.modules.setdefault("tensorflow", None)
            import keras
        self._set_threads(threads)
        keras.utils.set_random_seed(0)
        self.keras = keras
        self.batch = batch
        self.model = _keras_like_model(keras, kind)
        self.model.compile(
            optimizer=keras.optimizers.Adam(1e-3),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        )

    @staticmethod
    def _set_threads(threads: int) -> None:
        if threads == 1 and "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(1)

    def first_step(self, x, y):
        self.model.fit(
            x[: self.batch],
            y[: self.batch],
            batch_size=self.batch,
            epochs=1,
            verbose=0,
        )

    def epochs(self, x, y, count: int):
        self.model.fit(
            x,
            y,
            batch_size=self.batch,
            epochs=count,
            shuffle=True,
            verbose=0,
        )

    def predict(self, x):
        self.model.predict(x, batch_size=self.batch, verbose=0)


class _RawTorch:
    def __init__(self, kind: str, batch: int, threads: int):
        import torch
        from torch import nn

        if threads == 1:
            torch.set_num_threads(1)
        torch.manual_seed(0)
        self.torch = torch
        self.batch = batch
        self.kind = kind
        if kind == "mlp":
            self.model = nn.Sequential(
                nn.Linear(64, 256),
                nn.ReLU(),
                nn.Linear(256, 256),
                nn.ReLU(),
                nn.Linear(256, 10),
            )
        else:
            self.model = nn.Sequential(
                nn.Conv2d(1, 32, 3),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Conv2d(32, 64, 3),
                nn.ReLU(),
                nn.MaxPool2d(2),
                nn.Flatten(),
                nn.Linear(64 * 5 * 5, 10),
            )
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.loss = nn.CrossEntropyLoss()

    def _tensors(self, x, y):
        torch = self.torch
        x = torch.from_numpy(x)
        if self.kind == "cnn":
            x = x.permute(0, 3, 1, 2).contiguous()
        return x, torch.from_numpy(y).long()

    def _run(self, x, y, steps):
        torch = self.torch
        total = torch.zeros(())
        order = torch.randperm(len(x))
        for step in range(steps):
            index = order[step * self.batch : (step + 1) * self.batch]
            self.optimizer.zero_grad(set_to_none=True)
            loss = self.loss(self.model(x[index]), y[index])
            loss.backward()
            self.optimizer.step()
            total += loss.detach()
        return float(total) / max(steps, 1)

    def first_step(self, x, y):
        x, y = self._tensors(x[: self.batch], y[: self.batch])
        self._run(x, y, 1)

    def epochs(self, x, y, count: int):
        x, y = self._tensors(x, y)
        steps = -(-len(x) // self.batch)
        for _ in range(count):
            self._run(x, y, steps)

    def predict(self, x):
        torch = self.torch
        x, _ = self._tensors(x, x[:, :1].astype("int64")[:, 0])
        with torch.no_grad():
            outs = [
                self.model(x[i : i + self.batch])
                for i in range(0, len(x), self.batch)
            ]
        torch.cat(outs).numpy()


class _RawJax:
    def __init__(self, kind: str, batch: int, threads: int):
        import jax
        import jax.numpy as jnp
        import numpy as np

        self.jax, self.jnp, self.np = jax, jnp, np
        self.batch = batch
        self.kind = kind
        rng = np.random.default_rng(0)

        def glorot(shape):
            fan_in = int(np.prod(shape[:-1]))
            limit = np.sqrt(6.0 / (fan_in + shape[-1]))
            return jnp.asarray(rng.uniform(-limit, limit, shape), "float32")

        if kind == "mlp":
            shapes = [(64, 256), (256, 256), (256, 10)]
            self.params = [
                (glorot(s), jnp.zeros((s[-1],), "float32")) for s in shapes
            ]
        else:
            self.params = [
                (glorot((3, 3, 1, 32)), jnp.zeros((32,), "float32")),
                (glorot((3, 3, 32, 64)), jnp.zeros((64,), "float32")),
                (glorot((1600, 10)), jnp.zeros((10,), "float32")),
            ]
        def zeros():
            return jax.tree_util.tree_map(jnp.zeros_like, self.params)

        self.state = (self.params, zeros(), zeros(), jnp.zeros((), "float32"))
        self._step = jax.jit(self._train_step, donate_argnums=(0,))
        self._predict = jax.jit(self._forward)

    def _forward(self, params, x):
        jax, jnp = self.jax, self.jnp
        if self.kind == "mlp":
            for index, (w, b) in enumerate(params):
                x = x @ w + b
                if index < len(params) - 1:
                    x = jax.nn.relu(x)
            return x
        for w, b in params[:2]:
            x = jax.lax.conv_general_dilated(
                x,
                w,
                (1, 1),
                "VALID",
                dimension_numbers=("NHWC", "HWIO", "NHWC"),
            )
            x = jax.nn.relu(x + b)
            x = jax.lax.reduce_window(
                x, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID"
            )
        w, b = params[2]
        return x.reshape(x.shape[0], -1) @ w + b

    def _loss(self, params, x, y):
        jax, jnp = self.jax, self.jnp
        logits = self._forward(params, x)
        logp = jax.nn.log_softmax(logits)
        return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))

    def _train_step(self, state, x, y):
        jax, jnp = self.jax, self.jnp
        params, m, v, t = state
        loss, grads = jax.value_and_grad(self._loss)(params, x, y)
        t = t + 1
        b1, b2, lr, eps = 0.9, 0.999, 1e-3, 1e-7
        m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, m, grads)
        v = jax.tree_util.tree_map(
            lambda v, g: b2 * v + (1 - b2) * g * g, v, grads
        )
        scale = lr * jnp.sqrt(1 - b2**t) / (1 - b1**t)
        params = jax.tree_util.tree_map(
            lambda p, m, v: p - scale * m / (jnp.sqrt(v) + eps), params, m, v
        )
        return (params, m, v, t), loss

    def _run(self, x, y, steps):
        np = self.np
        order = np.random.permutation(len(x))
        total = 0.0
        for step in range(steps):
            index = order[step * self.batch : (step + 1) * self.batch]
            self.state, loss = self._step(self.state, x[index], y[index])
            total = total + loss
        self.jax.block_until_ready(self.state)
        return float(total) / max(steps, 1)

    def first_step(self, x, y):
        self._run(x[: self.batch], y[: self.batch], 1)

    def epochs(self, x, y, count: int):
        steps = -(-len(x) // self.batch)
        for _ in range(count):
            self._run(x, y, steps)

    def predict(self, x):
        params = self.state[0]
        outs = [
            self._predict(params, x[i : i + self.batch])
            for i in range(0, len(x), self.batch)
        ]
        self.np.concatenate([self.np.asarray(o) for o in outs])


def _contender(impl: str, kind: str, batch: int, threads: int):
    if impl in ("cornu", "keras"):
        return _KerasLike(impl, kind, batch, threads)
    backend = os.environ["KERAS_BACKEND"]
    if backend == "torch":
        return _RawTorch(kind, batch, threads)
    return _RawJax(kind, batch, threads)


def worker(impl: str, workload: str, threads: int, epochs: int, mode: str):
    start = time.perf_counter()
    spec = WORKLOADS[workload]
    contender = _contender(impl, spec["kind"], spec["batch"], threads)
    x, y = _data(spec["kind"])
    if mode == "startup":
        contender.first_step(x, y)
        return {"startup_s": time.perf_counter() - start}
    contender.epochs(x, y, 1)  # warm-up: compilation, caches
    per_epoch = -(-len(x) // spec["batch"])
    # At least MIN_STEPS timed steps: 5 epochs of the batch-512 MLP are
    # only 20 steps, too few to time on a noisy machine.
    epochs = max(epochs, -(-MIN_STEPS // per_epoch))
    steps = epochs * per_epoch
    wall, cpu = time.perf_counter(), time.process_time()
    contender.epochs(x, y, epochs)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    contender.predict(x)
    # The median of many short rounds: one pass over digits takes a few
    # ms, where one scheduler hiccup moves a 5-round total by 20%.
    predict_walls = []
    for _ in range(PREDICT_ROUNDS):
        round_start = time.perf_counter()
        contender.predict(x)
        predict_walls.append(time.perf_counter() - round_start)
    return {
        "steps_per_s": steps / wall,
        "cpu_ms_per_step": 1000 * cpu / steps,
        "predict_samples_per_s": len(x) / statistics.median(predict_walls),
    }


# ---------------------------------------------------------- orchestrator
def ensure_keras_venv() -> pathlib.Path:
    """A virtual environment with Keras 3 that sees this interpreter's
    packages (jax, torch, numpy) through a `.pth` file."""
    python = VENV / "bin" / "python"
    marker = VENV / f"keras-{KERAS_VERSION}.ok"
    if marker.exists():
        return python
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    site = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig;print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    shared = sysconfig.get_paths()["purelib"]
    pathlib.Path(site, "_cornu_bench_shared.pth").write_text(shared + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"keras=={KERAS_VERSION}"],
        check=True,
    )
    marker.write_text("ok\n")
    return python


def run_one(python, impl, backend, workload, threads, epochs, mode):
    script = pathlib.Path(__file__).resolve()
    return run_worker(
        python,
        script,
        backend,
        [impl, workload, threads, epochs, mode],
        one_thread=threads == 1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=5)
    parser.add_argument("--backends", default="jax,torch")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--threads", default="1,0")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.worker:
        impl, workload, threads, epochs, mode = args.worker
        _pin_threads(int(threads))
        print(
            json.dumps(worker(impl, workload, int(threads), int(epochs), mode))
        )
        return
    if args.quick:
        args.threads, args.epochs = "1", 2
    keras_python = ensure_keras_venv()
    rows = []
    for backend in args.backends.split(","):
        for threads in [int(t) for t in args.threads.split(",")]:
            for workload in args.workloads.split(","):
                row = {
                    "backend": backend,
                    "threads": threads or "default",
                    "workload": workload,
                }
                for impl, python in (
                    ("cornu", sys.executable),
                    ("keras", keras_python),
                    ("raw", sys.executable),
                ):
                    row[impl] = run_one(
                        python,
                        impl,
                        backend,
                        workload,
                        threads,
                        args.epochs,
                        "fit",
                    )
                    row[impl + "_startup"] = run_one(
                        python, impl, backend, workload, threads, 1, "startup"
                    )
                rows.append(row)
                print(_format_row(row), flush=True)


def _format_row(row: dict) -> str:
    def get(impl, key):
        return row[impl].get(key, float("nan"))

    cornu_sps = get("cornu", "steps_per_s")
    keras_sps = get("keras", "steps_per_s")
    predict = get("cornu", "predict_samples_per_s") / get(
        "keras", "predict_samples_per_s"
    )
    return (
        f"{row['backend']:5} thr={row['threads']!s:7} {row['workload']:7} "
        f"steps/s cornu={cornu_sps:8.1f} keras={keras_sps:8.1f} "
        f"raw={get('raw', 'steps_per_s'):8.1f} | cornu/raw="
        f"{cornu_sps / get('raw', 'steps_per_s'):5.2f} cornu/keras="
        f"{cornu_sps / get('keras', 'steps_per_s'):5.2f} | cpu ms/step "
        f"cornu={get('cornu', 'cpu_ms_per_step'):6.2f} "
        f"keras={get('keras', 'cpu_ms_per_step'):6.2f} "
        f"raw={get('raw', 'cpu_ms_per_step'):6.2f} | predict/s cornu/keras="
        f"{predict:5.2f}"
        f" | first step s cornu="
        f"{row['cornu_startup'].get('startup_s', float('nan')):5.2f} keras="
        f"{row['keras_startup'].get('startup_s', float('nan')):5.2f}"
        + "".join(
            f" [{impl} error: {row[impl]['error']}]"
            for impl in ("cornu", "keras", "raw")
            if "error" in row[impl]
        )
    )


if __name__ == "__main__":
    main()
