"""Inference for every built-in layer, on every backend, inference-only
ones (numpy) included.

For each case of the layer catalogue (`layer_catalogue.py`, whatever
cases it holds): `predict` (in batches of 2 of 3 samples) equals the
model's eager call, and `evaluate` with an "mse" loss and an "mae" metric
compiled equals the loss and metric computed in NumPy from those
predictions. On a backend without the "training" capability, both also
equal a training backend's (a reference computed in a subprocess on the
first importable one, in cornu's default order), and `fit` /
`train_on_batch` raise an error naming the training backends and how to
switch.
"""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import cornu
from cornu.src import backend
from cornu.src.backend import config
from cornu.src.testing import layer_catalogue

CASES = layer_catalogue.cases(cornu)
# Samples per batch in `predict`/`evaluate`: 3 samples make 2 batches.
BATCH_SIZE = 2


def _flat(outputs):
    if isinstance(outputs, dict):
        return [np.asarray(outputs[k]) for k in sorted(outputs)]
    if isinstance(outputs, (list, tuple)):
        return [np.asarray(o) for o in outputs]
    return [np.asarray(outputs)]


def _is_numeric(array):
    return array.dtype.kind in "biuf"


def _targets(predictions):
    """Seeded float targets shaped like the predictions."""
    rng = np.random.default_rng(7)
    return [rng.uniform(size=p.shape).astype("float32") for p in predictions]


def run_case(case):
    """Runs one case on the current backend.

    Returns:
        `{"eager_i", "predict_i"}` arrays (one per output), and when every
        output is numeric `"targets_i"` and the `evaluate` results as
        `"evaluate.<name>"` scalars.
    """
    model = case.build()
    x = case.inputs(np.random.default_rng(0))
    # Steps run eagerly: compiling two steps for each of the ~140 models
    # would take minutes on a jit backend (compiled `predict` on the
    # training backends is compared with numpy's by the saving
    # cross-backend integration test).
    outputs = len(model.outputs)
    model.compile(
        loss="mse",
        metrics=["mae"] if outputs == 1 else [["mae"]] * outputs,
        jit_compile=False,
    )
    eager = _flat(_to_numpy(model(x, training=False)))
    predicted = _flat(model.predict(x, batch_size=BATCH_SIZE, verbose=0))
    found = {}
    for i, (e, p) in enumerate(zip(eager, predicted, strict=True)):
        found[f"eager_{i}"] = e
        found[f"predict_{i}"] = p
    if not all(_is_numeric(p) for p in predicted):
        return found
    targets = _targets(predicted)
    for i, target in enumerate(targets):
        found[f"targets_{i}"] = target
    # The losses the model adds itself (activity regularization), per
    # batch of `evaluate`, from eager calls on the same batches.
    found["batch_losses"] = np.array(
        [
            _added_losses(model, _rows(x, start, start + BATCH_SIZE))
            for start in range(0, len(predicted[0]), BATCH_SIZE)
        ]
    )
    results = model.evaluate(
        x,
        targets[0] if outputs == 1 else targets,
        batch_size=BATCH_SIZE,
        verbose=0,
        return_dict=True,
    )
    for name, value in results.items():
        found[f"evaluate.{name}"] = np.asarray(value)
    return found


def _rows(x, start, stop):
    if isinstance(x, dict):
        return {k: v[start:stop] for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [v[start:stop] for v in x]
    return x[start:stop]


def _added_losses(model, x):
    model(x, training=False)
    return float(
        sum(float(cornu.ops.convert_to_numpy(v)) for v in model.losses)
    )


def _to_numpy(outputs):
    if isinstance(outputs, dict):
        return {k: cornu.ops.convert_to_numpy(v) for k, v in outputs.items()}
    if isinstance(outputs, (list, tuple)):
        return [cornu.ops.convert_to_numpy(v) for v in outputs]
    return cornu.ops.convert_to_numpy(outputs)


def write_reference(folder):
    """Worker entry point: runs every case, writes `<case>.npz` files and
    `errors.json` (`{case: error}`) under `folder`."""
    errors = {}
    for case in CASES:
        try:
            np.savez(os.path.join(folder, f"{case.name}.npz"), **run_case(case))
        except Exception as e:  # reported per case by the test
            errors[case.name] = f"{type(e).__name__}: {e}"[:2000]
    with open(os.path.join(folder, "errors.json"), "w") as f:
        json.dump({"backend": backend.name, "errors": errors}, f)


def _reference_candidates():
    """Other backends whose framework is installed, in default order."""
    return [
        name
        for name in config.DEFAULT_BACKEND_ORDER
        if name != backend.name
        and name in config.IMPLEMENTED_BACKENDS
        and importlib.util.find_spec(name) is not None
    ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """`(folder, errors)` of the cases run on a training backend, for an
    inference-only backend; skips on a backend that trains (the saving
    cross-backend integration test compares those)."""
    if backend.capabilities.supports("training"):
        pytest.skip("this backend trains: no cross-backend reference needed")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    code = (
        "import sys\n"
        "from cornu.src import backend\n"
        "assert backend.capabilities.supports('training')\n"
        "from cornu.src.testing import numpy_inference_test as t\n"
        "t.write_reference(sys.argv[1])\n"
    )
    failures = []
    for name in _reference_candidates():
        folder = tmp_path_factory.mktemp(f"reference_{name}")
        env["CORNU_BACKEND"] = name
        done = subprocess.run(
            [sys.executable, "-c", code, str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if done.returncode == 0:
            with open(folder / "errors.json") as f:
                return folder, json.load(f)["errors"]
        failures.append(f"{name}: {done.stderr[-1500:]}")
    raise AssertionError(f"No training backend ran: {failures}")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_predict_and_evaluate_equal_eager_call_and_numpy(case):
    found = run_case(case)
    outputs = sorted(k for k in found if k.startswith("predict_"))
    assert outputs
    for key in outputs:
        eager = found[key.replace("predict_", "eager_")]
        predicted = found[key]
        assert predicted.shape == eager.shape and predicted.dtype == eager.dtype
        if _is_numeric(predicted):
            np.testing.assert_allclose(
                predicted, eager, rtol=case.rtol, atol=case.atol
            )
        else:
            np.testing.assert_array_equal(predicted, eager)
    if "targets_0" not in found:
        return
    # NumPy reference, as Keras 3 computes it: per batch, each output's
    # mean squared error (both sides as floats) summed, plus the losses
    # the model adds (activity regularization); batches averaged by
    # their size. The metric's targets take the predictions' dtype
    # (Keras's `mean_absolute_error` casts `y_true` so).
    sizes, batch_losses, absolute = [], [], []
    for start in range(0, len(found["predict_0"]), BATCH_SIZE):
        rows = slice(start, start + BATCH_SIZE)
        sizes.append(len(found["predict_0"][rows]))
        batch_losses.append(
            sum(
                np.mean(
                    (
                        found[key][rows].astype("float64")
                        - found[key.replace("predict_", "targets_")][rows]
                    )
                    ** 2
                )
                for key in outputs
            )
        )
    batch_losses = np.array(batch_losses) + found["batch_losses"]
    for key in outputs:
        predicted = found[key]
        target = found[key.replace("predict_", "targets_")]
        error = predicted - target.astype(predicted.dtype)
        absolute.append(np.mean(np.abs(error.astype("float64"))))
    loss = np.average(batch_losses, weights=sizes)
    np.testing.assert_allclose(
        found["evaluate.loss"], loss, rtol=1e-5, atol=1e-6
    )
    if len(outputs) == 1:
        np.testing.assert_allclose(
            found["evaluate.mae"], absolute[0], rtol=1e-5, atol=1e-6
        )
    else:
        maes = sorted(k for k in found if k.endswith("_mae"))
        assert len(maes) == len(outputs), sorted(found)
        np.testing.assert_allclose(
            sorted(float(found[k]) for k in maes),
            sorted(absolute),
            rtol=1e-5,
            atol=1e-6,
        )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_inference_only_backend_equals_a_training_backend(case, reference):
    folder, errors = reference
    assert case.name not in errors, errors[case.name]
    found = run_case(case)
    with np.load(folder / f"{case.name}.npz") as want:
        assert sorted(want.files) == sorted(found)
        for key in want.files:
            if key.startswith("eager_") or key.startswith("targets_"):
                continue
            if _is_numeric(want[key]):
                assert found[key].dtype == want[key].dtype, key
                np.testing.assert_allclose(
                    found[key], want[key], rtol=case.rtol, atol=case.atol
                )
            else:
                np.testing.assert_array_equal(found[key], want[key])


def _compiled_mlp():
    inputs = cornu.Input((3,))
    model = cornu.Model(inputs, cornu.layers.Dense(2)(inputs))
    model.compile(cornu.optimizers.SGD(0.1), "mse")
    return model


@pytest.mark.parametrize("method", ["fit", "train_on_batch"])
def test_training_runs_or_is_refused_naming_training_backends(method):
    model = _compiled_mlp()
    x = np.ones((4, 3), "float32")
    y = np.zeros((4, 2), "float32")
    run = getattr(model, method)
    kwargs = {"verbose": 0} if method == "fit" else {}
    if backend.capabilities.supports("training"):
        before = model.get_weights()[0].copy()
        run(x, y, **kwargs)
        assert not np.array_equal(model.get_weights()[0], before)
        return
    with pytest.raises(cornu.errors.BackendNotSupportedError) as info:
        run(x, y, **kwargs)
    message = str(info.value)
    assert f"`{method}` is not supported by the {backend.name}" in message
    for name in ("jax", "torch", "tensorflow", "CORNU_BACKEND="):
        assert name in message, message
    # Inference still runs on the same model.
    assert model.predict(x, verbose=0).shape == (4, 2)
    assert np.isfinite(model.evaluate(x, y, verbose=0))
