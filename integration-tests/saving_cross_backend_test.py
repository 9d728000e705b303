"""The cross-backend matrix: a model trained and saved on any training
backend loads on every backend with identical predictions, in both
formats (`.cornu` and `.keras`).

Every catalogue case (`cornu/src/testing/layer_catalogue.py`) is built on
each training backend (jax, torch, tensorflow), the cases with a `train`
step are fitted there, and all are saved; each of the five backends
(numpy, jax, torch, tensorflow, openvino) then loads the files of all
three sources and predicts. One subprocess per backend and role (eight in
all). The trained cases (`mlp`, `cnn_bn`) also carry their optimizer
state, which must come back unchanged.

A case that needs an op the loading backend declares unsupported (its
`UNSUPPORTED` map: e.g. an SVD on openvino) is skipped with that
backend's reason, as the core tests are (root `conftest.py`).
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
SOURCES = ("jax", "torch", "tensorflow")
TARGETS = ("numpy", "jax", "torch", "tensorflow", "openvino")
FORMATS = ("cornu", "keras")


def _run(backend, *args):
    env = dict(os.environ)
    env["CORNU_BACKEND"] = backend
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
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
    """`{source: (folder, save errors, {target: load errors})}`."""
    folders = {}
    for source in SOURCES:
        folder = tmp_path_factory.mktemp(f"saved_on_{source}")
        _run(source, "save", str(folder))
        folders[source] = folder
    for target in TARGETS:
        _run(target, "load", target, *map(str, folders.values()))
    results = {}
    for source, folder in folders.items():
        save_errors = json.loads(
            (folder / "errors.save.save.json").read_text()
        )
        load_errors = {
            target: json.loads(
                (folder / f"errors.load.{target}.json").read_text()
            )
            for target in TARGETS
        }
        results[source] = (folder, save_errors, load_errors)
    return results


PAIRS = [
    (source, target, fmt)
    for source in SOURCES
    for target in TARGETS
    for fmt in FORMATS
]


def _declared_unsupported(error: str) -> str | None:
    """The backend's reason when `error` (a traceback) ends in a
    `BackendNotSupportedError`, else `None`."""
    last = error.strip().splitlines()[-1]
    if "BackendNotSupportedError" in last:
        return last.split(": ", 1)[-1]
    return None


@pytest.mark.parametrize(
    "source, target, fmt", PAIRS, ids=["-".join(p) for p in PAIRS]
)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_saved_model_predicts_identically_on_every_backend(
    saved, case, source, target, fmt
):
    folder, save_errors, load_errors = saved[source]
    assert case.name not in save_errors, save_errors.get(case.name)
    key = f"{case.name}.{fmt}"
    error = load_errors[target].get(key)
    if error is not None and _declared_unsupported(error):
        pytest.skip(f"declared unsupported: {_declared_unsupported(error)}")
    assert error is None, error
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


def test_the_trained_cases_were_trained_on_every_source(saved):
    """The sources' optimizers ran (their iteration counters moved), so
    the matrix compares trained weights, not only fresh ones."""
    for source, (folder, _, _) in saved.items():
        for name in ("mlp", "cnn_bn"):
            with np.load(folder / f"{name}.npz") as data:
                slots = [k for k in data.files if k.startswith("optimizer_")]
                assert slots, (source, name)
                assert any(
                    data[k].dtype.kind in "iu" and data[k].size == 1
                    and int(data[k]) > 0
                    for k in slots
                ), (source, name)
