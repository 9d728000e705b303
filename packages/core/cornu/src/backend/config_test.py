import json
import os
import subprocess
import sys

import pytest

from cornu.src.backend import config


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No backend variables, and an empty CORNU_HOME."""
    monkeypatch.delenv("CORNU_BACKEND", raising=False)
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    monkeypatch.setenv("CORNU_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _write_settings(home, data):
    home.mkdir(parents=True, exist_ok=True)
    (home / "cornu.json").write_text(json.dumps(data))


def test_cornu_backend_wins_over_keras_backend_and_file(clean_env, monkeypatch):
    _write_settings(clean_env, {"backend": "jax"})
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    monkeypatch.setenv("CORNU_BACKEND", "numpy")
    assert config._resolve_backend() == (
        "numpy", "the CORNU_BACKEND environment variable"
    )


def test_keras_backend_used_when_cornu_backend_unset(clean_env, monkeypatch):
    _write_settings(clean_env, {"backend": "jax"})
    monkeypatch.setenv("KERAS_BACKEND", "NumPy")
    assert config._resolve_backend()[0] == "numpy"


def test_settings_file_used_when_no_variable(clean_env):
    _write_settings(clean_env, {"backend": "numpy"})
    name, source = config._resolve_backend()
    assert name == "numpy"
    assert str(clean_env / "cornu.json") in source


def test_auto_detection_takes_first_importable(clean_env, monkeypatch):
    importable = {"torch", "numpy"}
    monkeypatch.setattr(
        config, "_framework_importable", lambda name: name in importable
    )
    assert config._resolve_backend()[0] == "torch"
    importable.discard("torch")
    assert config._resolve_backend()[0] == "numpy"


def test_unknown_backend_error_names_value_and_source(clean_env, monkeypatch):
    monkeypatch.setenv("CORNU_BACKEND", "jaxx")
    with pytest.raises(
        ValueError,
        match=r"Unknown cornu backend 'jaxx' \(from the CORNU_BACKEND "
        r"environment variable\)",
    ):
        config._resolve_backend()


def test_unknown_backend_in_file_names_the_file(clean_env):
    _write_settings(clean_env, {"backend": "mxnet"})
    with pytest.raises(ValueError, match=r"'mxnet'.*cornu\.json"):
        config._resolve_backend()


def test_missing_framework_error_names_pip_extra(clean_env, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    monkeypatch.setattr(config, "_framework_importable", lambda name: False)
    with pytest.raises(
        ValueError,
        match=r"'torch' \(from the KERAS_BACKEND environment variable\) "
        r"needs the 'torch' package.*pip install 'cornu\[torch\]'",
    ):
        config._resolve_backend()


def test_backend_not_in_this_release_is_explained(clean_env, monkeypatch):
    # Every known backend is implemented now: pretend one is not.
    implemented = tuple(
        b for b in config.IMPLEMENTED_BACKENDS if b != "openvino"
    )
    monkeypatch.setattr(config, "IMPLEMENTED_BACKENDS", implemented)
    monkeypatch.setenv("CORNU_BACKEND", "openvino")
    with pytest.raises(ValueError, match=r"'openvino'.*not available"):
        config._resolve_backend()


def test_unreadable_settings_file_is_explained(clean_env):
    clean_env.mkdir(parents=True)
    (clean_env / "cornu.json").write_text("{not json")
    with pytest.raises(ValueError, match=r"Could not read cornu settings"):
        config._resolve_backend()


def test_active_backend_matches_environment():
    expected = os.environ.get("CORNU_BACKEND")
    if expected:
        assert config.backend() == expected
    assert config.backend() in config.IMPLEMENTED_BACKENDS


@pytest.mark.parametrize("value", ["float16", "bfloat16", "float64"])
def test_set_floatx_round_trips(value):
    with config.scope(floatx="float32"):
        config.set_floatx(value)
        assert config.floatx() == value
    assert config.floatx() == "float32"


def test_set_floatx_rejects_unknown():
    with pytest.raises(ValueError, match=r"Received: floatx='int32'"):
        config.set_floatx("int32")


def test_epsilon_validation():
    with config.scope():
        config.set_epsilon(1e-3)
        assert config.epsilon() == 1e-3
    for bad in (0, -1.0, "1e-7", True, float("nan")):
        with pytest.raises(ValueError, match=r"positive float"):
            config.set_epsilon(bad)


def test_image_data_format_validation():
    with config.scope(image_data_format="channels_first"):
        assert config.image_data_format() == "channels_first"
    assert config.image_data_format() == "channels_last"
    with pytest.raises(ValueError, match=r"Received: image_data_format='nhwc'"):
        config.set_image_data_format("nhwc")


def test_scope_restores_on_error_and_rejects_unknown_keys():
    with pytest.raises(RuntimeError):
        with config.scope(floatx="float64", epsilon=0.5):
            raise RuntimeError("boom")
    assert config.floatx() == "float32"
    assert config.epsilon() == 1e-7
    with pytest.raises(ValueError, match=r"unknown settings \['flotx'\]"):
        with config.scope(flotx="float64"):
            pass


def test_max_epochs_and_steps(monkeypatch):
    monkeypatch.delenv("CORNU_MAX_EPOCHS", raising=False)
    monkeypatch.delenv("KERAS_MAX_EPOCHS", raising=False)
    assert config.max_epochs() is None
    monkeypatch.setenv("KERAS_MAX_EPOCHS", "3")
    assert config.max_epochs() == 3
    with config.scope(max_epochs=2, max_steps_per_epoch=5):
        assert config.max_epochs() == 2
        assert config.max_steps_per_epoch() == 5
    monkeypatch.setenv("CORNU_MAX_STEPS_PER_EPOCH", "zero")
    with pytest.raises(ValueError, match=r"CORNU_MAX_STEPS_PER_EPOCH.*'zero'"):
        config.max_steps_per_epoch()
    with pytest.raises(ValueError, match=r"Received: max_epochs=0"):
        config.set_max_epochs(0)


def test_switches_toggle():
    saved = config.snapshot()
    try:
        assert config.is_flash_attention_enabled() is None
        config.enable_flash_attention()
        assert config.is_flash_attention_enabled() is True
        config.disable_flash_attention()
        assert config.is_flash_attention_enabled() is False
        config.disable_interactive_logging()
        assert config.is_interactive_logging_enabled() is False
        config.disable_traceback_filtering()
        assert config.is_traceback_filtering_enabled() is False
        config.enable_unsafe_deserialization()
        assert config.is_unsafe_deserialization_enabled() is True
    finally:
        config.restore(saved)


def test_settings_file_sets_floatx(clean_env, monkeypatch):
    _write_settings(clean_env, {"floatx": "float64", "epsilon": 1e-4})
    monkeypatch.setattr(config, "_file_loaded", [])
    saved = dict(config._settings)
    try:
        assert config.floatx() == "float64"
        assert config.epsilon() == 1e-4
    finally:
        config._settings.clear()
        config._settings.update(saved)


def test_save_config_file_is_atomic_and_explicit(clean_env):
    path = config.save_config_file()
    assert path == str(clean_env / "cornu.json")
    data = json.loads((clean_env / "cornu.json").read_text())
    assert data["backend"] == config.backend()
    assert data["floatx"] == "float32"
    assert sorted(os.listdir(clean_env)) == ["cornu.json"]  # no temp left


def test_import_never_writes_to_home(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("CORNU_HOME", None)
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    subprocess.run(
        [sys.executable, "-c", "import cornu; cornu.ops.ones((2,))"],
        check=True, env=env, timeout=300,
    )
    assert list(tmp_path.iterdir()) == []


def test_uninstalled_backend_fails_import_with_one_clear_error(tmp_path):
    env = dict(os.environ, CORNU_BACKEND="tensorflo")
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    result = subprocess.run(
        [sys.executable, "-c", "import cornu"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "Unknown cornu backend 'tensorflo'" in last_line
    assert "CORNU_BACKEND environment variable" in last_line
