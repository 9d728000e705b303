"""Models saved on one backend load on the others with identical
predictions, in both formats (`.cornu` and `.keras`).

Every catalogue case (`cornu/src/testing/layer_catalogue.py`) is saved
on jax and loaded on torch and numpy, and saved on torch and loaded on
jax. One subprocess per backend and direction does all the cases (five
in all). The trained cases (`mlp`, `cnn_bn`) also carry their optimizer
state, which must come back unchanged.
"""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import cornu
from cornu.src.testing import layer_catalogue

HERE = pathlib.Path(__file__).resolve().parent
WORKER = HERE / "catalogue_worker.py"
CASES = layer_catalogue.cases(cornu)
DIRECTIONS = {"jax": ("torch", "numpy"), "torch": ("jax",)}
FORMATS = ("cornu", "keras")


def _run(backend, *args):
    env = dict(os.environ)
    env["CORNU_BACKEND"] = backend
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, str(WORKER), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """`{source backend: (folder, save errors, {target: load errors})}`."""
    results = {}
    for source, targets in DIRECTIONS.items():
        folder = tmp_path_factory.mktemp(f"saved_on_{source}")
        _run(source, "save", str(folder))
        save_errors = json.loads(
            (folder / "errors.save.save.json").read_text()
        )
        load_errors = {}
        for target in targets:
            _run(target, "load", str(folder), target)
            load_errors[target] = json.loads(
                (folder / f"errors.load.{target}.json").read_text()
            )
        results[source] = (folder, save_errors, load_errors)
    return results


PAIRS = [
    (source, target, fmt)
    for source, targets in DIRECTIONS.items()
    for target in targets
    for fmt in FORMATS
]


@pytest.mark.parametrize(
    "source, target, fmt", PAIRS, ids=["-".join(p) for p in PAIRS]
)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_saved_model_predicts_identically_on_another_backend(
    saved, case, source, target, fmt
):
    folder, save_errors, load_errors = saved[source]
    assert case.name not in save_errors, save_errors.get(case.name)
    key = f"{case.name}.{fmt}"
    assert key not in load_errors[target], load_errors[target].get(key)
    with np.load(folder / f"{case.name}.npz") as want, np.load(
        folder / f"{key}.{target}.npz"
    ) as got:
        outputs = [k for k in want.files if k.startswith("output_")]
        assert outputs
        for name in outputs:
            np.testing.assert_allclose(
                got[name], want[name], rtol=case.rtol, atol=case.atol
            )
        slots = [k for k in want.files if k.startswith("optimizer_")]
        assert sorted(slots) == sorted(
            k for k in got.files if k.startswith("optimizer_")
        )
        for name in slots:
            np.testing.assert_array_equal(got[name], want[name])
