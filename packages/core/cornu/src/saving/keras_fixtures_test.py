"""Files written by real Keras 3 load in cornu with identical predictions.

The fixtures in `testdata/keras/` come from
`tools/keras_fixtures/generate.py`, which runs the layer catalogue
(`cornu/src/testing/layer_catalogue.py`) under Keras 3.15.1 on jax:
`<case>.keras` (`model.save`), `<case>.weights.h5` for a few cases
(`model.save_weights`) and `<case>.npz` (inputs and Keras's
`model.predict` outputs). `mlp` and `cnn_bn` were compiled and trained
for three steps before saving, so their archives carry optimizer state.
"""

import io
import pathlib
import zipfile

import h5py
import numpy as np
import pytest

import cornu
from cornu.src.testing import layer_catalogue

TESTDATA = pathlib.Path(__file__).parent / "testdata" / "keras"
ARCHIVES = sorted(p.name[: -len(".keras")] for p in TESTDATA.glob("*.keras"))
WEIGHTS = sorted(
    p.name[: -len(".weights.h5")] for p in TESTDATA.glob("*.weights.h5")
)
CASES = {case.name: case for case in layer_catalogue.cases(cornu)}
TRAINED = [name for name, case in CASES.items() if case.train is not None]


def _case(name):
    if name not in CASES:
        pytest.skip(
            f"cornu does not have every layer of the catalogue case {name!r} "
            "yet (Keras wrote this fixture)"
        )
    return CASES[name]


def _count(data, prefix):
    return sum(1 for key in data.files if key.startswith(prefix + "_"))


def _reference(name):
    with np.load(TESTDATA / f"{name}.npz") as data:
        inputs = [data[f"input_{i}"] for i in range(_count(data, "input"))]
        outputs = [data[f"output_{i}"] for i in range(_count(data, "output"))]
    return (inputs[0] if len(inputs) == 1 else inputs), outputs


def _assert_predicts(model, case, name):
    inputs, expected = _reference(name)
    got = model.predict(inputs, verbose=0)
    got = got if isinstance(got, (list, tuple)) else [got]
    assert len(got) == len(expected)
    for value, want in zip(got, expected, strict=True):
        np.testing.assert_allclose(
            np.asarray(value), want, rtol=case.rtol, atol=case.atol
        )


def test_every_keras_loadable_catalogue_case_has_a_fixture():
    missing = [
        name
        for name, case in CASES.items()
        if case.keras
        and not all(
            (TESTDATA / f"{name}{suffix}").exists()
            for suffix in (".keras", ".npz")
        )
    ]
    assert missing == [], (
        "Regenerate the fixtures: python tools/keras_fixtures/generate.py"
    )


def test_fixtures_stay_small():
    total = sum(p.stat().st_size for p in TESTDATA.iterdir())
    assert total < 3_000_000


@pytest.mark.parametrize("name", ARCHIVES)
def test_keras_archive_loads_with_identical_predictions(name):
    case = _case(name)
    # The trained fixtures' compile config holds the `jit_compile=True`
    # Keras resolved on jax; cornu reads it as "auto" (no torch.compile).
    model = cornu.saving.load_model(TESTDATA / f"{name}.keras")
    _assert_predicts(model, case, name)


@pytest.mark.parametrize("name", WEIGHTS)
def test_keras_weights_h5_loads_into_a_cornu_built_model(name):
    case = _case(name)
    model = case.build()
    model.load_weights(TESTDATA / f"{name}.weights.h5")
    _assert_predicts(model, case, name)


def _layout(path):
    """`(members, {asset: bytes}, {h5 dataset: (shape, dtype)})` of a
    `.keras` archive."""
    datasets = {}

    def visit(key, value):
        if isinstance(value, h5py.Dataset):
            datasets[key] = (value.shape, str(value.dtype))

    with zipfile.ZipFile(path) as archive:
        members = sorted(archive.namelist())
        assets = {
            m: archive.read(m) for m in members if m.startswith("assets/")
        }
        raw = archive.read("model.weights.h5")
    with h5py.File(io.BytesIO(raw), "r") as f:
        f.visititems(visit)
    return members, assets, datasets


# Fixtures whose model holds assets (vocabularies) or preprocessing state.
LAYOUT_CASES = [
    name
    for name in ARCHIVES
    if name in CASES
    and (
        "lookup" in name
        or name.startswith(("text_vectorization", "normalization"))
        or name in ("discretization", "stft_spectrogram")
    )
]


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_cornu_resaves_a_keras_archive_in_keras_layout(name, tmp_path):
    # The vocabularies are assets (`assets/<layer path>/vocabulary.txt`,
    # TextVectorization's also under `_lookup_layer/`), idf weights and
    # statistics are variables; cornu writes the same members, the same
    # asset bytes and the same h5 datasets as Keras 3.
    model = cornu.saving.load_model(TESTDATA / f"{name}.keras")
    model.save(tmp_path / "resaved.keras")
    assert _layout(tmp_path / "resaved.keras") == _layout(
        TESTDATA / f"{name}.keras"
    )


def _keras_optimizer_state(name):
    with zipfile.ZipFile(TESTDATA / f"{name}.keras") as archive:
        raw = archive.read("model.weights.h5")
    with h5py.File(io.BytesIO(raw), "r") as f:
        group = f["optimizer/vars"]
        return [np.asarray(group[str(i)]) for i in range(len(group))]


@pytest.mark.parametrize("name", TRAINED)
def test_compiled_keras_archive_loads_its_optimizer_state(name):
    _case(name)
    model = cornu.saving.load_model(TESTDATA / f"{name}.keras")
    stored = _keras_optimizer_state(name)
    assert int(cornu.ops.convert_to_numpy(model.optimizer.iterations)) == 3
    assert int(stored[0]) == 3  # Keras's `iterations` comes first
    assert (
        type(model.optimizer).__name__ == {"mlp": "Adam", "cnn_bn": "SGD"}[name]
    )
    variables = model.optimizer.variables
    assert len(variables) == len(stored)
    for variable, value in zip(variables, stored, strict=True):
        np.testing.assert_array_equal(
            cornu.ops.convert_to_numpy(variable), value
        )
    # A moment slot is non-trivial after three steps.
    assert np.abs(stored[-1]).max() > 0
