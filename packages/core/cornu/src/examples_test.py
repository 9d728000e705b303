"""Runs the `>>>` example of every public symbol (STYLE.md R12).

Every exported function and class needs a docstring; every exported op
needs a runnable example. The examples run on the active backend, so the
backend matrix runs them on every backend. An example whose first
failure is an op its backend declares unsupported raises that
`BackendNotSupportedError`, which the root conftest reports as a skip with
the backend's reason.
"""

import doctest
import importlib

import pytest

import cornu
from cornu.src.api_export import cornu_export
from cornu.src.backend.common.capabilities import BackendNotSupportedError


def _exported_objects():
    seen = {}
    for path, (module, name) in sorted(cornu_export.registry.items()):
        obj = getattr(importlib.import_module(module), name)
        seen.setdefault(id(obj), (path, obj))
    return sorted(seen.values(), key=lambda item: item[0])


_EXPORTED = _exported_objects()


class _Runner(doctest.DocTestRunner):
    """Records the first failure, to tell a declared limitation apart."""

    first_failure = None

    def report_failure(self, out, test, example, got):
        if self.first_failure is None:
            self.first_failure = "mismatch"
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        if self.first_failure is None:
            self.first_failure = exc_info[1]
        super().report_unexpected_exception(out, test, example, exc_info)


@pytest.mark.parametrize("path, obj", _EXPORTED, ids=[p for p, _ in _EXPORTED])
def test_public_symbol_is_documented_and_its_example_runs(path, obj):
    doc = obj.__doc__ or ""
    assert doc.strip(), f"{path} has no docstring"
    if path.startswith("cornu.ops."):
        assert ">>>" in doc, f"{path} needs an example with `>>>` lines"
    finder = doctest.DocTestFinder(recurse=False)
    runner = _Runner(optionflags=doctest.ELLIPSIS)
    globs = {"cornu": cornu, "__name__": "example"}
    for test in finder.find(obj, path, globs=globs):
        runner.run(test)
    result = runner.summarize(verbose=False)
    if isinstance(runner.first_failure, BackendNotSupportedError):
        raise runner.first_failure
    assert result.failed == 0, f"the example of {path} failed (see above)"
