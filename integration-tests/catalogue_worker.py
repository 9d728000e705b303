"""Subprocess side of the saving integration tests (one backend per
process, all catalogue cases in one run).

    python catalogue_worker.py save FOLDER [NAME ...]
        (cornu, CORNU_BACKEND set) builds every catalogue case (or the
        named ones), trains the cases with a `train` step where the
        backend can train, predicts, and writes `<case>.cornu`,
        `<case>.keras` and `<case>.npz` (inputs `input_i`, outputs
        `output_i`, optimizer variables `optimizer_i`).
    python catalogue_worker.py load TAG FOLDER [FOLDER ...]
        (cornu) loads every `<case>.cornu`/`<case>.keras` in each FOLDER
        and writes `<case>.<format>.<TAG>.npz` there with its predictions
        (one process loads the files of several source backends).
    python catalogue_worker.py keras-load FOLDER TAG [NAME ...]
        (Keras 3, KERAS_BACKEND set) does the same with
        `keras.saving.load_model` for the `.keras` files (or the named
        cases' only); string inputs go to Keras as TensorFlow tensors.

Per-case errors do not stop the run: they are written to
`errors.<mode>.<TAG>.json` (`{case: message}`).
"""

from __future__ import annotations

import json
import pathlib
import sys
import traceback

import numpy as np

SEED = 4321


def _flat(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _inputs(data):
    count = sum(1 for key in data.files if key.startswith("input_"))
    inputs = [data[f"input_{i}"] for i in range(count)]
    return inputs[0] if count == 1 else inputs


def _keras_inputs(inputs):
    """String arrays as TensorFlow tensors (Keras refuses NumPy strings;
    only its TensorFlow backend runs string models)."""
    values = _flat(inputs)
    if not any(v.dtype.kind in "US" for v in values):
        return inputs
    import tensorflow as tf

    values = [tf.constant(v) if v.dtype.kind in "US" else v for v in values]
    return values if isinstance(inputs, list) else values[0]


def _optimizer_state(model):
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None or not getattr(optimizer, "built", False):
        return {}
    return {
        f"optimizer_{i}": np.asarray(v.numpy() if hasattr(v, "numpy") else v)
        for i, v in enumerate(optimizer.variables)
    }


def save(folder: pathlib.Path, names: list[str]) -> dict:
    import cornu
    from cornu.src.testing import layer_catalogue

    errors = {}
    for case in layer_catalogue.cases(cornu):
        if names and case.name not in names:
            continue
        try:
            rng = np.random.default_rng(SEED)
            model = case.build()
            if case.train is not None:
                try:
                    case.train(model, rng)
                except NotImplementedError:
                    pass  # an inference-only backend saves it untrained
            inputs = case.inputs(rng)
            outputs = _flat(model.predict(inputs, verbose=0))
            model.save(folder / f"{case.name}.cornu")
            model.save(folder / f"{case.name}.keras")
            arrays = {f"input_{i}": x for i, x in enumerate(_flat(inputs))}
            arrays.update(
                {f"output_{i}": np.asarray(y) for i, y in enumerate(outputs)}
            )
            arrays.update(_optimizer_state(model))
            np.savez(folder / f"{case.name}.npz", **arrays)
        except Exception:  # noqa: BLE001 - reported per case
            errors[case.name] = traceback.format_exc(limit=4)
    return errors


def load(
    folder: pathlib.Path, tag: str, keras_side: bool, names: list[str] = ()
) -> dict:
    if keras_side:
        import keras as module

        formats = ("keras",)
        options = {}
    else:
        import cornu as module

        formats = ("cornu", "keras")
        options = {"safe_mode": False}  # the Lambda case holds bytecode
    errors = {}
    for reference in sorted(folder.glob("*.npz")):
        name = reference.name.split(".")[0]
        if reference.name != f"{name}.npz" or (names and name not in names):
            continue
        with np.load(reference) as data:
            inputs = _inputs(data)
        if keras_side:
            inputs = _keras_inputs(inputs)
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            if not path.exists():
                continue
            try:
                model = module.saving.load_model(str(path), **options)
                outputs = _flat(model.predict(inputs, verbose=0))
                arrays = {
                    f"output_{i}": np.asarray(y) for i, y in enumerate(outputs)
                }
                arrays.update(_optimizer_state(model))
                np.savez(folder / f"{name}.{fmt}.{tag}.npz", **arrays)
            except Exception:  # noqa: BLE001 - reported per case
                errors[f"{name}.{fmt}"] = traceback.format_exc(limit=6)
    return errors


def main() -> None:
    mode, *rest = sys.argv[1:]
    if mode == "load":
        tag, *folders = rest
        for folder in map(pathlib.Path, folders):
            errors = load(folder, tag, keras_side=False)
            (folder / f"errors.load.{tag}.json").write_text(json.dumps(errors))
        return
    folder, *rest = rest
    folder = pathlib.Path(folder)
    if mode == "save":
        errors, tag = save(folder, rest), "save"
    else:
        tag, *names = rest
        errors = load(folder, tag, mode == "keras-load", names)
    (folder / f"errors.{mode}.{tag}.json").write_text(json.dumps(errors))


if __name__ == "__main__":
    main()
