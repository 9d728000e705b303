"""What every benchmark script shares: running one contender in a fresh
process, pinned to one thread, and reading its JSON result.

A script runs itself with `--worker ARGS...` in the child; the child
prints one JSON object on its last line of output.
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess

REPO = pathlib.Path(__file__).resolve().parent.parent
# One thread for every framework: on these shared 2-core machines torch's
# default pool was seen to collapse 10-80x whenever another process held
# a core (bench/README.md).
ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "XLA_FLAGS": (
        "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
    ),
    "TF_NUM_INTEROP_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
}


def run_worker(
    python,
    script,
    backend: str,
    args: list,
    one_thread: bool = True,
    extra_env: dict | None = None,
) -> dict:
    """Runs `python script --worker *args` with `backend` selected for
    both cornu and Keras, and returns the JSON it printed last; on
    failure `{"error": last stderr line, "stderr": its tail}`."""
    env = dict(os.environ)
    env.update(
        KERAS_BACKEND=backend,
        CORNU_BACKEND=backend,
        PYTHONPATH=str(REPO / "packages" / "core"),
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    if one_thread:
        env.update(ONE_THREAD)
    env.update(extra_env or {})
    command = [str(python), str(script), "--worker", *map(str, args)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        return {
            "error": done.stderr.strip().splitlines()[-1:],
            "stderr": done.stderr[-3000:],
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(values) -> float:
    """The median of the values that are not NaN (NaN if none)."""
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")
