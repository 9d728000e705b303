"""Training speed of a recurrent and an attention model, cornu vs Keras 3.

Usage (from the repo root, with an interpreter that has cornu's
dependencies, jax and torch; Keras 3 comes from the virtual environment
that `bench/compare_keras.py` creates and shares, under
`~/.cache/cornu-bench/keras-venv`, which reuses this interpreter's jax and
torch):

    python bench/layers_bench.py                      # both, jax and torch
    python bench/layers_bench.py --backends torch --workloads lstm
    python bench/layers_bench.py --rounds 3           # median of 3 rounds

Workloads (issue 7), with Adam and sparse categorical crossentropy on
logits, no metrics:

- `lstm`: LSTM(64) on 50x32 float sequences, then Dense(10); batch 64.
- `transformer`: one transformer block: Embedding(5000, 128) on
  64-token sequences, MultiHeadAttention(4 heads, key_dim 32) with a
  residual and LayerNormalization, a feed-forward block (Dense 256 relu,
  Dense 128) with a residual and LayerNormalization, average pooling,
  Dense(2); batch 64.

The same script builds both models (`import cornu as keras`). Each
contender runs in a fresh process pinned to one thread: one warm-up epoch
(compilation, caches), then at least `--steps` timed training steps
through `fit`; it reports steps/s (wall) and process-CPU milliseconds per
step. Each round runs cornu then Keras; the ratios are cornu/Keras per
round, and the table gives their median.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_utils import median  # noqa: E402
from bench_utils import run_worker  # noqa: E402

BATCH = 64
SAMPLES = 16 * BATCH  # one epoch: 16 steps, all of the same shape
WORKLOADS = ("lstm", "transformer")


# ------------------------------------------------------------- workers
def _data(workload: str):
    import numpy as np

    rng = np.random.default_rng(0)
    if workload == "lstm":
        x = rng.normal(size=(SAMPLES, 50, 32)).astype("float32")
        y = rng.integers(0, 10, SAMPLES).astype("int32")
    else:
        x = rng.integers(0, 5000, (SAMPLES, 64)).astype("int32")
        y = rng.integers(0, 2, SAMPLES).astype("int32")
    return x, y


def _model(keras, workload: str):
    layers = keras.layers
    if workload == "lstm":
        return keras.Sequential(
            [
                keras.Input((50, 32)),
                layers.LSTM(64),
                layers.Dense(10),
            ]
        )
    tokens = keras.Input((64,), dtype="int32")
    x = layers.Embedding(5000, 128)(tokens)
    attended = layers.MultiHeadAttention(num_heads=4, key_dim=32)(x, x)
    x = layers.LayerNormalization()(layers.Add()([x, attended]))
    hidden = layers.Dense(256, activation="relu")(x)
    hidden = layers.Dense(128)(hidden)
    x = layers.LayerNormalization()(layers.Add()([x, hidden]))
    x = layers.GlobalAveragePooling1D()(x)
    return keras.Model(tokens, layers.Dense(2)(x))


def worker(impl: str, workload: str, min_steps: int) -> dict:
    if impl == "cornu":
        import cornu as keras
    else:
        import keras
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    keras.utils.set_random_seed(0)
    model = _model(keras, workload)
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    x, y = _data(workload)
    fit = {"batch_size": BATCH, "shuffle": True, "verbose": 0}
    model.fit(x, y, epochs=1, **fit)  # warm-up: compilation, caches
    per_epoch = SAMPLES // BATCH
    epochs = -(-min_steps // per_epoch)
    steps = epochs * per_epoch
    wall, cpu = time.perf_counter(), time.process_time()
    model.fit(x, y, epochs=epochs, **fit)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"steps_per_s": steps / wall, "cpu_ms_per_step": 1000 * cpu / steps}


# ---------------------------------------------------------- orchestrator
def run_one(python, impl, backend, workload, min_steps) -> dict:
    script = pathlib.Path(__file__).resolve()
    return run_worker(python, script, backend, [impl, workload, min_steps])


def _summary(backend, workload, rounds) -> str:
    nan = float("nan")

    def get(result, key):
        return result.get(key, nan)

    sps = {
        impl: median([get(r[impl], "steps_per_s") for r in rounds])
        for impl in ("cornu", "keras")
    }
    cpu = {
        impl: median([get(r[impl], "cpu_ms_per_step") for r in rounds])
        for impl in ("cornu", "keras")
    }
    wall_ratios = [
        get(r["cornu"], "steps_per_s") / get(r["keras"], "steps_per_s")
        for r in rounds
    ]
    wall_ratio = median(wall_ratios)
    cpu_ratio = median(
        [
            get(r["keras"], "cpu_ms_per_step")
            / get(r["cornu"], "cpu_ms_per_step")
            for r in rounds
        ]
    )
    errors = "".join(
        f" [{impl} error: {r[impl]['error']}]"
        for r in rounds
        for impl in ("cornu", "keras")
        if "error" in r[impl]
    )
    return (
        f"{backend:5} {workload:11} steps/s cornu={sps['cornu']:7.1f} "
        f"keras={sps['keras']:7.1f} | cornu/keras wall={wall_ratio:5.2f} "
        f"cpu={cpu_ratio:5.2f} | cpu ms/step cornu={cpu['cornu']:7.2f} "
        f"keras={cpu['keras']:7.2f} | wall ratio per round "
        f"{' '.join(f'{v:.2f}' for v in wall_ratios)}{errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3)
    parser.add_argument("--backends", default="jax,torch")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    if args.worker:
        impl, workload, min_steps = args.worker
        print(json.dumps(worker(impl, workload, int(min_steps))))
        return
    from compare_keras import ensure_keras_venv

    keras_python = ensure_keras_venv()
    for backend in args.backends.split(","):
        for workload in args.workloads.split(","):
            rounds = []
            for _ in range(args.rounds):
                rounds.append(
                    {
                        impl: run_one(
                            python, impl, backend, workload, args.steps
                        )
                        for impl, python in (
                            ("cornu", sys.executable),
                            ("keras", keras_python),
                        )
                    }
                )
            print(_summary(backend, workload, rounds), flush=True)


if __name__ == "__main__":
    main()
