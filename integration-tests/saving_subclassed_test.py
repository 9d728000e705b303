"""A registered subclassed model (nested custom layers in a list) saved
on one backend loads on the others with identical predictions, in both
formats. Each side runs in its own process (`subclassed_worker.py`), so
the classes are registered the way a user's module registers them."""

import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

WORKER = pathlib.Path(__file__).resolve().parent / "subclassed_worker.py"


def _run(backend, action, folder):
    env = dict(os.environ)
    env["CORNU_BACKEND"] = backend
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, str(WORKER), action, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize(
    "source, targets", [("jax", ("torch", "numpy")), ("torch", ("jax",))]
)
def test_registered_subclassed_model_moves_between_backends(
    tmp_path, source, targets
):
    _run(source, "save", tmp_path)
    expected = np.load(tmp_path / "expected.npy")
    for target in targets:
        _run(target, "load", tmp_path)
        for fmt in ("cornu", "keras"):
            got = np.load(tmp_path / f"got.{fmt}.{target}.npy")
            np.testing.assert_allclose(
                got, expected, rtol=1e-5, atol=1e-6, err_msg=f"{fmt} {target}"
            )
