import builtins
import json
import os
import zipfile

import numpy as np
import pytest

import cornu
from cornu import layers
from cornu import ops


def _randomize(model, seed=0):
    rng = np.random.default_rng(seed)
    model.set_weights(
        [
            rng.uniform(0.5, 1.5, size=w.shape).astype(w.dtype)
            for w in model.get_weights()
        ]
    )


def _predict(model, x):
    return ops.convert_to_numpy(model(x))


def _assert_same(model, loaded, x):
    for a, b in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    outputs = ops.convert_to_numpy(model(x))
    loaded_outputs = ops.convert_to_numpy(loaded(x))
    for a, b in zip(
        np.atleast_1d(outputs), np.atleast_1d(loaded_outputs), strict=True
    ):
        np.testing.assert_array_equal(a, b)


def _x(*shape, seed=1):
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


def _sequential():
    return cornu.Sequential(
        [
            cornu.Input((4,)),
            layers.Dense(8, activation="relu"),
            layers.BatchNormalization(),
            layers.Dense(3),
        ]
    )


@pytest.mark.parametrize("name", ["model.cornu", "model.keras"])
def test_sequential_round_trip(tmp_path, name):
    model = _sequential()
    _randomize(model)
    path = tmp_path / name
    cornu.saving.save_model(model, path)
    loaded = cornu.saving.load_model(path)
    assert type(loaded).__name__ == "Sequential"
    assert [layer.name for layer in loaded.layers] == [
        layer.name for layer in model.layers
    ]
    _assert_same(model, loaded, _x(5, 4))
    keras_layout = name.endswith(".keras")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == [
            "metadata.json",
            "config.json",
            "model.weights.h5" if keras_layout else "model.weights.safetensors",
        ]
        assert all(
            info.compress_type == zipfile.ZIP_STORED
            for info in archive.infolist()
        )
        metadata = json.loads(archive.read("metadata.json"))
        config = json.loads(archive.read("config.json"))
    assert metadata["cornu_version"] == cornu.__version__
    modules = {config["module"], config["config"]["layers"][1]["module"]}
    if keras_layout:
        # Keras 3's layout: Keras resolves its own classes by module.
        assert metadata["keras_version"].startswith("3.")
        assert modules == {"keras", "keras.layers"}
    else:
        assert metadata["format"] == "cornu"
        assert metadata["format_version"] == 1
        assert modules == {"cornu", "cornu.layers"}


def test_functional_multi_input_multi_output_round_trip(tmp_path):
    a = cornu.Input((3,), name="a")
    b = cornu.Input((2,), name="b")
    shared = layers.Dense(4, name="shared")
    merged = layers.Concatenate()([shared(a), layers.Dense(4)(b)])
    out1 = layers.Dense(2, name="out1")(merged)
    out2 = layers.Dense(1, name="out2")(shared(a))
    model = cornu.Model({"a": a, "b": b}, [out1, out2])
    _randomize(model)
    cornu.saving.save_model(model, tmp_path / "m.cornu")
    loaded = cornu.saving.load_model(tmp_path / "m.cornu")
    x = {"a": _x(4, 3), "b": _x(4, 2, seed=2)}
    for got, want in zip(loaded(x), model(x), strict=True):
        np.testing.assert_array_equal(
            ops.convert_to_numpy(got), ops.convert_to_numpy(want)
        )
    for a_w, b_w in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a_w, b_w)


def test_nested_models_round_trip(tmp_path):
    inner = cornu.Sequential(
        [cornu.Input((3,)), layers.Dense(4), layers.Dense(4)], name="inner"
    )
    x = cornu.Input((3,))
    functional_inner = cornu.Model(x, layers.Dense(2)(inner(x)), name="mid")
    outer = cornu.Sequential(
        [cornu.Input((3,)), functional_inner, layers.Dense(1)]
    )
    _randomize(outer)
    cornu.saving.save_model(outer, tmp_path / "nested.cornu")
    loaded = cornu.saving.load_model(tmp_path / "nested.cornu")
    _assert_same(outer, loaded, _x(2, 3))


@cornu.saving.register_keras_serializable(package="saving_api_test")
class TwoTower(cornu.Model):
    def __init__(self, units=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.left = layers.Dense(units)
        self.right = layers.Dense(units)
        self.norm = layers.BatchNormalization()

    def build(self, input_shape):
        self.left.build(input_shape)
        self.right.build(input_shape)
        self.norm.build(tuple(input_shape[:-1]) + (self.units,))

    def call(self, x, training=None):
        return self.norm(self.left(x) + self.right(x), training=training)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_registered_subclassed_model_round_trip(tmp_path):
    model = TwoTower(units=5)
    x = _x(3, 4)
    model(x)
    _randomize(model)
    cornu.saving.save_model(model, tmp_path / "sub.cornu")
    loaded = cornu.saving.load_model(tmp_path / "sub.cornu")
    assert isinstance(loaded, TwoTower) and loaded.units == 5
    _assert_same(model, loaded, x)


class _NoBuild(cornu.Model):
    """Keras's most common subclassed model: sublayers made in `__init__`,
    built by the first call; no `build`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(4, activation="relu")
        self.blocks = [layers.Dense(4), layers.LayerNormalization()]
        self.head = layers.Dense(2)

    def call(self, x):
        x = self.hidden(x)
        for block in self.blocks:
            x = block(x)
        return self.head(x)


class _TwoInputsNoBuild(cornu.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.a = layers.Dense(3)
        self.b = layers.Dense(3)

    def call(self, inputs):
        return self.a(inputs["left"]) * self.b(inputs["right"])


class _ValueDependent(cornu.Model):
    """`call` branches on tensor values, so it cannot run symbolically."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(2)

    def call(self, x):
        if float(ops.convert_to_numpy(ops.sum(x))) > 1e9:
            return x
        return self.dense(x)


@pytest.mark.parametrize("name", ["m.cornu", "m.keras"])
def test_subclassed_model_without_build_is_built_on_load(tmp_path, name):
    model = _NoBuild()
    x = _x(3, 5)
    model(x)
    _randomize(model)
    assert model.get_build_config() == {"input_shape": (3, 5)}
    cornu.saving.save_model(model, tmp_path / name)
    loaded = cornu.saving.load_model(
        tmp_path / name, custom_objects={"_NoBuild": _NoBuild}
    )
    assert loaded.built and all(layer.built for layer in loaded.layers)
    # Sublayers built by the symbolic call sit under the model's path, as
    # after an eager first call.
    assert all(v.path.startswith(f"{loaded.name}/") for v in loaded.weights)
    _assert_same(model, loaded, x)


def test_subclassed_model_without_build_nested_inputs(tmp_path):
    model = _TwoInputsNoBuild()
    x = {"left": _x(2, 4), "right": _x(2, 6, seed=2)}
    model(x)
    _randomize(model)
    assert model.get_build_config() == {
        "input_shape": {"left": (2, 4), "right": (2, 6)}
    }
    cornu.saving.save_model(model, tmp_path / "m.cornu")
    loaded = cornu.saving.load_model(
        tmp_path / "m.cornu",
        custom_objects={"_TwoInputsNoBuild": _TwoInputsNoBuild},
    )
    np.testing.assert_array_equal(_predict(model, x), _predict(loaded, x))


def test_model_that_cannot_build_symbolically_explains_the_failure(tmp_path):
    model = _ValueDependent()
    model(_x(1, 3))
    cornu.saving.save_model(model, tmp_path / "m.cornu")
    with (
        pytest.warns(UserWarning, match="could not be built by calling it"),
        pytest.raises(ValueError, match="was never built"),
    ):
        cornu.saving.load_model(
            tmp_path / "m.cornu",
            custom_objects={"_ValueDependent": _ValueDependent},
        )


def test_unzipped_folder_round_trip_and_overwrite(tmp_path):
    model = _sequential()
    _randomize(model)
    path = tmp_path / "folder_model"
    cornu.saving.save_model(model, path, zipped=False)
    assert sorted(os.listdir(path)) == [
        "config.json",
        "metadata.json",
        "model.weights.safetensors",
    ]
    loaded = cornu.saving.load_model(path)
    _assert_same(model, loaded, _x(2, 4))
    _randomize(model, seed=5)
    cornu.saving.save_model(model, path, zipped=False)
    _assert_same(model, cornu.saving.load_model(path), _x(2, 4))
    assert os.listdir(tmp_path) == ["folder_model"]


def test_models_aliases_and_model_methods(tmp_path):
    model = _sequential()
    assert cornu.models.save_model is cornu.saving.save_model
    assert cornu.models.load_model is cornu.saving.load_model
    model.save(tmp_path / "m.cornu")
    _assert_same(model, cornu.models.load_model(tmp_path / "m.cornu"), _x(1, 4))


def test_atomic_save_failure_keeps_the_old_file(tmp_path, monkeypatch):
    model = _sequential()
    path = tmp_path / "m.cornu"
    cornu.saving.save_model(model, path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    from cornu.src.saving import safetensors_io

    monkeypatch.setattr(safetensors_io, "write", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        cornu.saving.save_model(model, path)
    with pytest.raises(RuntimeError, match="disk full"):
        cornu.saving.save_model(model, tmp_path / "folder", zipped=False)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["m.cornu"]


def test_overwrite_false_asks(tmp_path, monkeypatch, capsys):
    model = _sequential()
    path = tmp_path / "m.cornu"
    path.write_bytes(b"keep me")
    monkeypatch.setattr(builtins, "input", lambda prompt="": "n")
    cornu.saving.save_model(model, path, overwrite=False)
    assert path.read_bytes() == b"keep me"
    monkeypatch.setattr(builtins, "input", lambda prompt="": "y")
    cornu.saving.save_model(model, path, overwrite=False)
    assert zipfile.is_zipfile(path)


@pytest.mark.parametrize(
    "name, kwargs, match",
    [
        ("m.h5", {}, "Legacy HDF5 model files .Keras 2.s ..h5.. are not"),
        ("m.zip", {}, "Invalid filepath extension"),
        ("m.cornu", {"save_format": "tf"}, "save_format"),
        (
            "m.cornu",
            {"bogus": 1},
            r"not supported by `save_model`: \['bogus'\]",
        ),
    ],
)
def test_save_model_argument_errors(tmp_path, name, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.saving.save_model(_sequential(), tmp_path / name, **kwargs)


def test_save_model_accepts_include_optimizer(tmp_path):
    cornu.saving.save_model(
        _sequential(), tmp_path / "m.cornu", include_optimizer=False
    )
    assert zipfile.is_zipfile(tmp_path / "m.cornu")


def test_save_model_path_type_error():
    with pytest.raises(TypeError, match="str or path-like"):
        cornu.saving.save_model(_sequential(), 3)


def test_unbuilt_model_warns(tmp_path):
    model = cornu.Sequential([layers.Dense(2)])
    with pytest.warns(UserWarning, match="has not been built"):
        cornu.saving.save_model(model, tmp_path / "m.cornu")


@pytest.mark.parametrize(
    "name, match",
    [
        ("m.h5", "Legacy Keras HDF5"),
        ("m.txt", "File format not supported"),
    ],
)
def test_load_model_path_errors(tmp_path, name, match):
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(ValueError, match=match):
        cornu.saving.load_model(tmp_path / name)


def test_load_model_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="No file or folder"):
        cornu.saving.load_model(tmp_path / "missing.cornu")


def test_compile_false_and_compile_config(tmp_path):
    model = _sequential()
    model.compile(optimizer="sgd", loss="mse")
    cornu.saving.save_model(model, tmp_path / "m.cornu")
    with zipfile.ZipFile(tmp_path / "m.cornu") as archive:
        config = json.loads(archive.read("config.json"))
    assert config["compile_config"]["loss"] == "mse"
    uncompiled = cornu.saving.load_model(tmp_path / "m.cornu", compile=False)
    assert not getattr(uncompiled, "compiled", False)
    compiled = cornu.saving.load_model(tmp_path / "m.cornu")
    assert compiled.compiled


@pytest.mark.requires_capability("training")
def test_optimizer_state_round_trip(tmp_path):
    model = _sequential()
    _randomize(model)
    model.compile(
        optimizer=cornu.optimizers.Adam(learning_rate=0.01), loss="mse"
    )
    model.optimizer.build(model.trainable_variables)
    rng = np.random.default_rng(3)
    for variable in model.optimizer.variables:
        variable.assign(
            rng.normal(size=variable.shape).astype(variable.dtype)
            if "float" in str(variable.dtype)
            else np.full(variable.shape, 7, variable.dtype)
        )
    path = tmp_path / "opt.cornu"
    cornu.saving.save_model(model, path)
    loaded = cornu.saving.load_model(path)
    assert loaded.optimizer.built
    saved = [v.numpy() for v in model.optimizer.variables]
    restored = [v.numpy() for v in loaded.optimizer.variables]
    assert len(saved) == len(restored) > 2
    for a, b in zip(saved, restored, strict=True):
        np.testing.assert_array_equal(a, b)
    weights = tmp_path / "opt.weights.safetensors"
    cornu.saving.save_weights(model, weights)
    fresh = _sequential()
    fresh.compile(
        optimizer=cornu.optimizers.Adam(learning_rate=0.01), loss="mse"
    )
    cornu.saving.load_weights(fresh, weights)
    for a, b in zip(
        saved, [v.numpy() for v in fresh.optimizer.variables], strict=True
    ):
        np.testing.assert_array_equal(a, b)
    cornu.saving.load_model(path, compile=False)  # optimizer state ignored


@pytest.mark.requires_capability("training")
@pytest.mark.parametrize("name", ["m.cornu", "m.keras"])
def test_training_resumes_exactly_after_save_and_load(tmp_path, name):
    # Two epochs, save, load, two more == four epochs without a break:
    # the weights, the optimizer's moments and its iteration count all
    # come back.
    x = _x(32, 4)
    y = _x(32, 3, seed=2)

    def fresh():
        model = _sequential()
        _randomize(model)
        model.compile(
            optimizer=cornu.optimizers.Adam(learning_rate=0.01), loss="mse"
        )
        return model

    fit = dict(batch_size=8, shuffle=False, verbose=0)
    straight = fresh()
    straight.fit(x, y, epochs=4, **fit)
    first = fresh()
    first.fit(x, y, epochs=2, **fit)
    first.save(tmp_path / name)
    resumed = cornu.saving.load_model(tmp_path / name)
    assert int(resumed.optimizer.iterations.numpy()) == 8
    resumed.fit(x, y, epochs=2, **fit)
    for a, b in zip(straight.get_weights(), resumed.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


@cornu.saving.register_keras_serializable(package="saving_api_test")
class Vocabulary(layers.Layer):
    def __init__(self, tokens=None, **kwargs):
        super().__init__(**kwargs)
        self.tokens = list(tokens or [])

    def call(self, x):
        return x

    def save_assets(self, directory):
        with open(os.path.join(directory, "vocab.txt"), "w") as f:
            f.write("\n".join(self.tokens))

    def load_assets(self, directory):
        with open(os.path.join(directory, "vocab.txt")) as f:
            self.tokens = f.read().split("\n")


@pytest.mark.parametrize("zipped", [True, False])
def test_assets_round_trip(tmp_path, zipped):
    model = cornu.Sequential([cornu.Input((2,)), Vocabulary(), layers.Dense(1)])
    model.layers[0].tokens = ["a", "b", "c"]
    path = tmp_path / ("m.cornu" if zipped else "m_folder")
    cornu.saving.save_model(model, path, zipped=zipped)
    if zipped:
        with zipfile.ZipFile(path) as archive:
            assert "assets/layers/vocabulary/vocab.txt" in archive.namelist()
    loaded = cornu.saving.load_model(path)
    assert loaded.layers[0].tokens == ["a", "b", "c"]


@cornu.saving.register_keras_serializable(package="saving_api_test")
class CountingInitializer(cornu.initializers.Initializer):
    calls = 0

    def __call__(self, shape, dtype=None):
        type(self).calls += 1
        return cornu.ops.ones(shape, dtype=dtype)


def test_load_runs_no_initializer_the_file_overrides(tmp_path):
    # Rebuilding from the config would draw every initial weight only for
    # the file to replace it; only state missing from the file (here the
    # optimizer, never built before saving) is initialized.
    model = cornu.Sequential(
        [
            cornu.Input((3,)),
            layers.Dense(4, kernel_initializer=CountingInitializer()),
        ]
    )
    model.compile(
        optimizer=cornu.optimizers.Adagrad(initial_accumulator_value=0.5),
        loss="mse",
    )
    path = tmp_path / "m.cornu"
    model.save(path)
    CountingInitializer.calls = 0
    loaded = cornu.saving.load_model(path)
    assert CountingInitializer.calls == 0
    _assert_same(model, loaded, _x(2, 3))
    slots = [v.numpy() for v in loaded.optimizer.variables[2:]]
    assert slots and all(np.all(s == 0.5) for s in slots)
