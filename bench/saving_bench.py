"""Save and load time and peak memory: cornu `.cornu`, cornu `.keras`, Keras 3.

Usage (from the repo root, with an interpreter that has cornu's
dependencies, jax and torch; Keras 3 comes from the virtual environment
`compare_keras.py` makes, `~/.cache/cornu-bench/keras-venv`):

    python bench/saving_bench.py                    # jax and torch, 3 rounds
    python bench/saving_bench.py --backends torch --rounds 5

The model: `Input(2048)` and six `Dense(2048)` layers, 100.7 MB of
float32 weights, built the same way by cornu and Keras. Each measurement
runs in a fresh process pinned to one thread: it imports its library,
saves and loads a tiny model once (so that lazily imported modules count
in neither contender's figures), then times one `model.save(path)` (the
model built and filled before the clock starts) or one
`load_model(path)` (building the model from the config included). Peak
memory is the growth of the process's resident-set high-water mark
(`VmHWM`, reset with `/proc/self/clear_refs` just before the timed call;
`ru_maxrss` is no use in a child process, since Linux carries the
parent's peak into it). Files are read warm from the page cache.

Rows: cornu saving and loading its native `.cornu` (safetensors, memory
mapped) and its `.keras` (Keras 3's h5 layout); Keras 3 saving and
loading its own `.keras`; and each library loading the other's `.keras`.
The issue's target: cornu loading `.cornu` at least 2x faster than Keras
3 loading the same model's `.keras`.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_utils import run_worker  # noqa: E402

SIZE = 2048
LAYERS = 6

# (library, operation, file written/read)
STEPS = [
    ("cornu", "save", "cornu.cornu"),
    ("cornu", "save", "cornu.keras"),
    ("keras", "save", "keras.keras"),
    ("cornu", "load", "cornu.cornu"),
    ("cornu", "load", "cornu.keras"),
    ("keras", "load", "keras.keras"),
    ("keras", "load", "cornu.keras"),
    ("cornu", "load", "keras.keras"),
]


# ------------------------------------------------------------- worker
def _status_bytes(field: str) -> int | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _reset_peak() -> int:
    """Resets the high-water mark where Linux allows; returns the base."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    peak = _status_bytes("VmHWM")
    if peak is not None:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _peak() -> int:
    peak = _status_bytes("VmHWM")
    if peak is not None:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def worker(library: str, operation: str, path: str) -> dict:
    import numpy as np

    if library == "cornu":
        import cornu as lib
    else:
        import keras as lib

    def build(size, count):
        return lib.Sequential(
            [lib.Input((size,))]
            + [lib.layers.Dense(size) for _ in range(count)]
        )

    suffix = os.path.splitext(path)[1]
    with tempfile.TemporaryDirectory() as folder:
        tiny = os.path.join(folder, "tiny" + suffix)
        build(2, 1).save(tiny)
        lib.saving.load_model(tiny)
    if operation == "save":
        model = build(SIZE, LAYERS)
        rng = np.random.default_rng(0)
        model.set_weights(
            [rng.normal(size=w.shape).astype("float32") for w in model.weights]
        )
        base = _reset_peak()
        start = time.perf_counter()
        model.save(path)
        seconds = time.perf_counter() - start
    else:
        base = _reset_peak()
        start = time.perf_counter()
        model = lib.saving.load_model(path)
        seconds = time.perf_counter() - start
    growth = _peak() - base
    nbytes = sum(int(np.prod(w.shape)) * 4 for w in model.weights)
    return {"seconds": seconds, "growth": growth, "weights": nbytes}


# ------------------------------------------------------- orchestrator
def run_one(python, library, backend, operation, path) -> dict:
    script = pathlib.Path(__file__).resolve()
    result = run_worker(python, script, backend, [library, operation, path])
    if "error" in result:
        raise RuntimeError(
            f"{library} {operation} {path} failed:\n{result['stderr']}"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3)
    parser.add_argument("--backends", default="jax,torch")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    from compare_keras import ensure_keras_venv

    pythons = {"cornu": sys.executable, "keras": str(ensure_keras_venv())}
    for backend in args.backends.split(","):
        runs: dict = {step: [] for step in STEPS}
        with tempfile.TemporaryDirectory() as folder:
            # Rounds interleave the contenders, so that a busy moment of
            # the machine does not fall on one of them only.
            for _ in range(args.rounds):
                for step in STEPS:
                    library, operation, name = step
                    path = os.path.join(folder, name)
                    runs[step].append(
                        run_one(
                            pythons[library], library, backend, operation, path
                        )
                    )
        results = {
            step: {
                "seconds": statistics.median(r["seconds"] for r in rs),
                "growth": statistics.median(r["growth"] for r in rs),
                "weights": rs[0]["weights"],
            }
            for step, rs in runs.items()
        }
        _report(backend, results, args.rounds)


def _report(backend: str, results: dict, rounds: int) -> None:
    weights = next(iter(results.values()))["weights"] / 1e6
    print(
        f"\n### {backend}: {weights:.1f} MB of weights, median of {rounds} "
        "fresh processes\n"
    )
    print("| library | operation | file | seconds | peak RSS growth |")
    print("| --- | --- | --- | --- | --- |")
    for (library, operation, name), r in results.items():
        growth = r["growth"] / 1e6
        print(
            f"| {library} | {operation} | {name} | {r['seconds']:.3f} | "
            f"{growth:.0f} MB ({r['growth'] / r['weights']:.2f}x weights) |"
        )
    native = results[("cornu", "load", "cornu.cornu")]["seconds"]
    keras = results[("keras", "load", "keras.keras")]["seconds"]
    print(
        f"\nKeras 3 loading its .keras / cornu loading .cornu: "
        f"{keras / native:.2f}x (target: at least 2x)"
    )


if __name__ == "__main__":
    main()
