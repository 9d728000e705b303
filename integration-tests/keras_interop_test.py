"""`.keras` files that cornu writes load in real Keras 3 with identical
predictions (and, for the trained cases, the same optimizer state).

cornu builds every catalogue case (`cornu/src/testing/layer_catalogue.py`;
the Lambda case is left out, since Keras refuses its bytecode) and saves
it; then one subprocess running Keras 3 per Keras backend (interpreter
`$CORNU_KERAS_PYTHON` or this one) loads them with
`keras.saving.load_model` and predicts: `KERAS_BACKEND=jax`, and
`tensorflow` for the cases with string inputs (`Case.keras_backend`:
Keras runs string layers only on TensorFlow). Locally:
`CORNU_KERAS_PYTHON=~/.cache/cornu-bench/keras-venv/bin/python`.
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
KERAS_PYTHON = os.environ.get("CORNU_KERAS_PYTHON", sys.executable)
CASES = [c for c in layer_catalogue.cases(cornu) if c.keras]


def _keras_env(backend="jax"):
    env = dict(os.environ)
    env["KERAS_BACKEND"] = backend
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    return env


@pytest.fixture(scope="module")
def exchange(tmp_path_factory):
    """Saves every case with cornu (in this process), then loads them all
    in one Keras subprocess per Keras backend; returns the folder and
    both error maps."""
    probe = subprocess.run(
        [
            KERAS_PYTHON,
            "-c",
            "import keras, sys; sys.exit(keras.__version__[0] != '3')",
        ],
        env=_keras_env(),
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        pytest.skip(
            f"Keras 3 is not installed in {KERAS_PYTHON}; set "
            "CORNU_KERAS_PYTHON to an interpreter that has it (e.g. the "
            "venv of tools/keras_fixtures/generate.py)."
        )
    folder = tmp_path_factory.mktemp("keras_interop")
    sys.path.insert(0, str(HERE))
    try:
        import catalogue_worker
    finally:
        sys.path.remove(str(HERE))
    saved = catalogue_worker.save(folder, [c.name for c in CASES])
    for path in folder.glob("*.cornu"):
        path.unlink()  # Keras reads only the `.keras` files
    loaded = {}
    for backend in sorted({c.keras_backend for c in CASES}):
        names = [c.name for c in CASES if c.keras_backend == backend]
        done = subprocess.run(
            [KERAS_PYTHON, str(WORKER), "keras-load", str(folder), "keras"]
            + names,
            env=_keras_env(backend),
            capture_output=True,
            text=True,
            timeout=1200,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        errors = folder / "errors.keras-load.keras.json"
        loaded.update(json.loads(errors.read_text()))
    return folder, saved, loaded


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_keras_loads_cornus_keras_file_with_identical_predictions(
    exchange, case
):
    folder, saved, loaded = exchange
    assert case.name not in saved, saved.get(case.name)
    assert f"{case.name}.keras" not in loaded, loaded[f"{case.name}.keras"]
    with np.load(folder / f"{case.name}.npz") as want, np.load(
        folder / f"{case.name}.keras.keras.npz"
    ) as got:
        outputs = [k for k in want.files if k.startswith("output_")]
        assert sorted(outputs) == sorted(
            k for k in got.files if k.startswith("output_")
        )
        for key in outputs:
            np.testing.assert_allclose(
                got[key], want[key], rtol=case.rtol, atol=case.atol
            )
        # Trained cases: Keras restores the same optimizer variables.
        slots = [k for k in want.files if k.startswith("optimizer_")]
        for key in slots:
            np.testing.assert_array_equal(got[key], want[key])
