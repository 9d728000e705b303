"""Writes the Keras 3 fixtures that cornu's interop tests load.

Real Keras 3 builds every case of cornu's layer catalogue
(`packages/core/cornu/src/testing/layer_catalogue.py`, read by path so
that cornu itself is never imported), trains the cases that have a
`train` step, and writes into
`packages/core/cornu/src/saving/testdata/keras/`:

- `<case>.keras`: `model.save(...)` (config, weights, optimizer state);
- `<case>.weights.h5`: `model.save_weights(...)`, for the cases in
  `WEIGHTS_CASES`;
- `<case>.npz`: the inputs (`input_0`, `input_1`, ...) and Keras's
  `model.predict` outputs (`output_0`, ...).

Usage (from the repository root, with an interpreter that has jax, numpy
and h5py, e.g. the dev venv):

    python tools/keras_fixtures/generate.py
    python tools/keras_fixtures/generate.py --cases mlp,cnn_bn
    python tools/keras_fixtures/generate.py --venv PATH/TO/KERAS-VENV

The first run creates a virtual environment (default
`~/.cache/cornu-keras-fixtures/venv`) that sees this interpreter's
packages (jax, numpy, h5py) through a `.pth` file, and installs exactly
`keras==3.15.1` into it from the package index; an existing venv whose
Keras is already that version is reused as it is. Keras runs with
`KERAS_BACKEND=jax`, except for the cases whose `keras_backend` is
`"tensorflow"` (string inputs, which Keras runs only on TensorFlow):
one worker per backend, so the string cases need TensorFlow in the
interpreter the venv sees. Regenerate after changing the catalogue, and
commit the files with the change (they are small: tiny layer sizes, well
under 3 MB in all).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pathlib
import subprocess
import sys
import sysconfig

KERAS_VERSION = "3.15.1"
REPO = pathlib.Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "packages/core/cornu/src/testing/layer_catalogue.py"
OUT = REPO / "packages/core/cornu/src/saving/testdata/keras"
VENV = pathlib.Path.home() / ".cache" / "cornu-keras-fixtures" / "venv"
# Cases that also get a `.weights.h5` file.
WEIGHTS_CASES = ("mlp", "cnn_bn", "multi_io", "nested", "embedding", "lstm")
SEED = 1234


def _keras_version(python: pathlib.Path) -> str | None:
    done = subprocess.run(
        [str(python), "-c", "import keras; print(keras.__version__)"],
        env={**os.environ, "KERAS_BACKEND": "jax"},
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def ensure_venv(venv: pathlib.Path) -> pathlib.Path:
    """A venv with Keras `KERAS_VERSION` that sees this interpreter's
    packages through a `.pth` file; returns its python."""
    python = venv / "bin" / "python"
    if python.exists() and _keras_version(python) == KERAS_VERSION:
        return python
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = subprocess.run(
        [
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    shared = sysconfig.get_paths()["purelib"]
    pathlib.Path(site, "_cornu_shared.pth").write_text(shared + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"keras=={KERAS_VERSION}"],
        check=True,
    )
    found = _keras_version(python)
    if found != KERAS_VERSION:
        raise SystemExit(
            f"{python} has Keras {found!r} after installing "
            f"keras=={KERAS_VERSION}; remove {venv} and run again."
        )
    return python


def _load_catalogue():
    spec = importlib.util.spec_from_file_location(
        "layer_catalogue", CATALOGUE
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["layer_catalogue"] = module
    spec.loader.exec_module(module)
    return module


def _arrays(value, prefix: str) -> dict:
    values = value if isinstance(value, list | tuple) else [value]
    return {f"{prefix}_{i}": v for i, v in enumerate(values)}


def keras_inputs(inputs):
    """`inputs` as Keras predicts them: string arrays become TensorFlow
    string tensors (Keras refuses NumPy string arrays)."""
    import numpy as np

    values = inputs if isinstance(inputs, list | tuple) else [inputs]
    if not any(np.asarray(v).dtype.kind in "US" for v in values):
        return inputs
    import tensorflow as tf

    values = [tf.constant(v) if v.dtype.kind in "US" else v for v in values]
    return values if isinstance(inputs, list | tuple) else values[0]


def worker(out: pathlib.Path, names: list[str]) -> None:
    """Runs inside the Keras venv: writes the fixtures of `names` (all
    Keras-loadable cases when empty) that run on this process's
    `KERAS_BACKEND`."""
    import keras
    import numpy as np

    if keras.__version__ != KERAS_VERSION:
        raise SystemExit(
            f"Expected Keras {KERAS_VERSION}, found {keras.__version__}."
        )
    catalogue = _load_catalogue()
    cases = [c for c in catalogue.cases(keras) if c.keras]
    unknown = set(names) - {c.name for c in cases}
    if unknown:
        raise SystemExit(f"Unknown or non-Keras cases: {sorted(unknown)}.")
    out.mkdir(parents=True, exist_ok=True)
    backend = keras.backend.backend()
    for case in cases:
        if names and case.name not in names:
            continue
        if case.keras_backend != backend:
            continue
        rng = np.random.default_rng(SEED)
        model = case.build()
        if case.train is not None:
            case.train(model, rng)
        inputs = case.inputs(rng)
        outputs = model.predict(keras_inputs(inputs), verbose=0)
        model.save(str(out / f"{case.name}.keras"))
        if case.name in WEIGHTS_CASES:
            model.save_weights(str(out / f"{case.name}.weights.h5"))
        np.savez(
            out / f"{case.name}.npz",
            **_arrays(inputs, "input"),
            **_arrays(outputs, "output"),
        )
        print(f"wrote {case.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=pathlib.Path, default=VENV)
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--cases", default="", help="comma-separated")
    parser.add_argument("--worker", action="store_true", help="internal")
    args = parser.parse_args()
    names = [n for n in args.cases.split(",") if n]
    if args.worker:
        worker(args.out, names)
        return
    python = ensure_venv(args.venv.expanduser())
    command = [
        str(python),
        str(pathlib.Path(__file__).resolve()),
        "--worker",
        "--out",
        str(args.out),
        "--cases",
        args.cases,
    ]
    for backend in ("jax", "tensorflow"):
        env = {
            **os.environ,
            "KERAS_BACKEND": backend,
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
        subprocess.run(command, env=env, check=True)
    total = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"{args.out}: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
