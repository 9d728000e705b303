"""Repo-wide pytest set-up (STYLE.md R18), for every package's tests.

- After each test, `clear_session()` runs and the test fails if it left any
  `cornu.config` setting changed.
- `@pytest.mark.requires_capability("training")` skips a test on backends
  that do not declare that capability: tests gate on capabilities, never on
  backend names.
- A test that reaches an op or method its backend declares unsupported
  (`BackendNotSupportedError`, raised only for entries of the backend's
  `UNSUPPORTED` map, its export formats and the training methods of an
  inference-only backend) is reported as skipped with the backend's
  reason, not failed: the limitation is declared, listed by the
  conformance test, and visible in the skip summary (`pytest -rs`).
  Tests that expect the error use `pytest.raises`, which this leaves alone.
- Tests marked `large` (network or weights) or `extra_large` run only with
  `--run-large`.
- The `jax_jit` fixture is `jax.jit`, for tests tracing cornu code with
  jax; it skips where the active backend's tensors are not jax arrays.
"""

import pytest

import cornu
from cornu.src import backend
from cornu.src.backend import config as cornu_config
from cornu.src.backend.common import global_state
from cornu.src.backend.common.capabilities import BackendNotSupportedError


def pytest_addoption(parser):
    parser.addoption(
        "--run-large",
        action="store_true",
        default=False,
        help="Also run tests marked `large` or `extra_large`.",
    )


def pytest_collection_modifyitems(config, items):
    run_large = config.getoption("--run-large")
    for item in items:
        for marker in item.iter_markers("requires_capability"):
            for name in marker.args:
                if not backend.capabilities.supports(name):
                    item.add_marker(
                        pytest.mark.skip(
                            reason=f"the {backend.name} backend does not "
                            f"declare the {name!r} capability"
                        )
                    )
        if not run_large and (
            item.get_closest_marker("large")
            or item.get_closest_marker("extra_large")
        ):
            item.add_marker(pytest.mark.skip(reason="needs --run-large"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    excinfo = call.excinfo
    if (
        report.failed
        and call.when in ("setup", "call")
        and excinfo is not None
        and excinfo.errisinstance(BackendNotSupportedError)
    ):
        report.outcome = "skipped"
        report.longrepr = (
            str(item.path),
            item.location[1],
            f"Skipped: declared unsupported: {excinfo.value}",
        )


@pytest.fixture(autouse=True)
def _no_leaked_state():
    before = cornu_config.snapshot()
    yield
    global_state.clear_session(free_memory=False)
    after = cornu_config.snapshot()
    if after != before:
        cornu_config.restore(before)
        changed = {
            k: (before[k], after[k]) for k in before if before[k] != after[k]
        }
        pytest.fail(
            f"The test left cornu.config changed: {changed} "
            "(before, after). Use `cornu.config.scope(...)` or restore it."
        )


@pytest.fixture(autouse=True)
def _doctest_globals(doctest_namespace):
    doctest_namespace["cornu"] = cornu


@pytest.fixture
def jax_jit():
    jax = pytest.importorskip("jax")
    if not isinstance(cornu.ops.convert_to_tensor(0.0), jax.Array):
        pytest.skip("the active backend's tensors cannot be traced by jax")
    return jax.jit
