"""Inference throughput: `predict` on openvino vs the training backends,
and cornu vs Keras 3 on openvino (issue 8).

Usage (from the repo root, with the dev interpreter; Keras 3 comes from
the virtual environment that `bench/compare_keras.py` creates and shares,
under `~/.cache/cornu-bench/keras-venv`):

    python bench/predict_bench.py                     # every contender
    python bench/predict_bench.py --workloads mlp --rounds 3
    python bench/predict_bench.py --contenders cornu:openvino,keras:openvino

Workloads: the models and data of `compare_keras.py` (float32, batch
128 per `predict` step):

- `mlp`: Dense(256, relu), Dense(256, relu), Dense(10) on scikit-learn's
  digits (1797 samples of 64 features).
- `cnn`: Conv2D(32, 3, relu), MaxPooling2D, Conv2D(64, 3, relu),
  MaxPooling2D, Flatten, Dense(10) on 2048 random 28x28x1 images.

Each contender (`impl:backend`) runs in a fresh process bound to one CPU
core (`os.sched_setaffinity`, which OpenVINO's CPU plugin, XLA, torch and
TensorFlow all size their thread pools by) and with the frameworks' thread
settings at one: one warm-up `predict` (tracing, compilation, caches),
then `--calls` timed `predict` calls; it reports samples/s (wall) and
process-CPU microseconds per sample. Each round runs every contender once;
the ratios are against `keras:openvino` in the same round (above 1: faster
than Keras), and the table gives medians.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_utils import median  # noqa: E402
from bench_utils import run_worker  # noqa: E402
from compare_keras import _data  # noqa: E402
from compare_keras import _keras_like_model  # noqa: E402

BATCH = 128
WORKLOADS = ("mlp", "cnn")
CONTENDERS = (
    "cornu:openvino",
    "keras:openvino",
    "cornu:jax",
    "cornu:torch",
    "cornu:tensorflow",
    "cornu:numpy",
)
BASELINE = "keras:openvino"


# ------------------------------------------------------------- workers
def _pin_to_one_core() -> None:
    """Binds this process to one CPU core before any framework starts its
    thread pool (OpenVINO's `Core` properties are per `Core` object, so a
    library's own `compile_model` cannot be told otherwise)."""
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})


def worker(impl: str, backend: str, workload: str, calls: int) -> dict:
    import numpy as np

    _pin_to_one_core()
    if impl == "cornu":
        import cornu as keras
    else:
        import keras
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(1)
    keras.utils.set_random_seed(0)
    model = _keras_like_model(keras, workload)
    x, _ = _data(workload)
    first = model.predict(x, batch_size=BATCH, verbose=0)  # warm-up
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        out = model.predict(x, batch_size=BATCH, verbose=0)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if not np.allclose(out, first):
        raise RuntimeError("predict gave different outputs across calls")
    samples = calls * len(x)
    return {
        "samples_per_s": samples / wall,
        "cpu_us_per_sample": 1e6 * cpu / samples,
    }


# ---------------------------------------------------------- orchestrator
def run_one(python, contender: str, workload: str, calls: int) -> dict:
    impl, backend = contender.split(":")
    script = pathlib.Path(__file__).resolve()
    return run_worker(
        python,
        script,
        backend,
        [impl, backend, workload, calls],
        extra_env={"CI": "true"},  # OpenVINO's telemetry stays off
    )


def _table(workload: str, rounds: list, contenders: list) -> str:
    nan = float("nan")
    lines = [
        f"{workload}: contender | samples/s | CPU us/sample | wall vs "
        f"{BASELINE} | CPU vs {BASELINE}"
    ]
    for name in contenders:
        sps = [r[name].get("samples_per_s", nan) for r in rounds]
        cpu = [r[name].get("cpu_us_per_sample", nan) for r in rounds]
        base = [r.get(BASELINE, {}) for r in rounds]
        base_sps = [b.get("samples_per_s", nan) for b in base]
        base_cpu = [b.get("cpu_us_per_sample", nan) for b in base]
        wall_ratio = median(
            [a / b for a, b in zip(sps, base_sps, strict=True)]
        )
        cpu_ratio = median(
            [b / a for a, b in zip(cpu, base_cpu, strict=True)]
        )
        errors = "".join(
            f" [error: {r[name]['error']}]"
            for r in rounds
            if "error" in r[name]
        )
        lines.append(
            f"  {name:17} {median(sps):10.0f} {median(cpu):9.1f} "
            f"{wall_ratio:6.2f} {cpu_ratio:6.2f}{errors}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=4)
    parser.add_argument("--contenders", default=",".join(CONTENDERS))
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args()
    if args.worker:
        impl, backend, workload, calls = args.worker
        print(json.dumps(worker(impl, backend, workload, int(calls))))
        return
    from compare_keras import ensure_keras_venv

    keras_python = ensure_keras_venv()
    contenders = args.contenders.split(",")
    for workload in args.workloads.split(","):
        rounds = []
        for _ in range(args.rounds):
            rounds.append(
                {
                    name: run_one(
                        keras_python if name.startswith("keras")
                        else sys.executable,
                        name,
                        workload,
                        args.calls,
                    )
                    for name in contenders
                }
            )
        print(_table(workload, rounds, contenders), flush=True)


if __name__ == "__main__":
    main()
