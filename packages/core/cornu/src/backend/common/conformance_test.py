"""Every public op is implemented by the active backend or declared missing.

Runs in every backend's test process (STYLE.md R8): an op added to
`cornu.ops` without a backend implementation, and without an entry in that
backend's `UNSUPPORTED` map, fails here.
"""

import importlib
import importlib.util
import pathlib

import cornu  # noqa: F401 - fills the export registry
from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend import config


def _public_ops():
    """(backend namespace, op name) for every exported op.

    Ops composed entirely of other cornu ops live in modules that declare
    `BACKEND_INDEPENDENT = True` (e.g. `ops/einops.py`); they need no
    backend function of their own.
    """
    ops = set()
    for path, (module, name) in cornu_export.registry.items():
        public_op = path.startswith("cornu.ops.")
        implementation = importlib.import_module(module)
        if getattr(implementation, "BACKEND_INDEPENDENT", False):
            continue
        if public_op and module.startswith("cornu.src.ops."):
            namespace = module.split(".")[3]
            ops.add((namespace, name))
    return sorted(ops)


def test_registry_has_ops():
    assert len(_public_ops()) > 0


def test_every_op_is_implemented_or_declared_unsupported():
    missing = []
    for namespace, name in _public_ops():
        implementation = getattr(backend, namespace, None)
        if implementation is not None and hasattr(implementation, name):
            continue
        if f"{namespace}.{name}" in backend.unsupported_ops:
            continue
        missing.append(f"{namespace}.{name}")
    assert not missing, (
        f"The {backend.name} backend neither implements nor declares "
        f"unsupported: {missing}. Implement them in "
        f"cornu/src/backend/{backend.name}/ or list them in its UNSUPPORTED."
    )


def test_unsupported_entries_name_real_ops_and_give_a_reason():
    known = {f"{ns}.{name}" for ns, name in _public_ops()}
    for op, reason in backend.unsupported_ops.items():
        assert op in known, f"UNSUPPORTED lists unknown op {op!r}"
        assert isinstance(reason, str) and len(reason) > 20, op


def test_every_backend_package_has_the_same_modules():
    # The contract is the public module set; a backend may keep private
    # helpers (`_name.py`) of its own.
    names = {}
    for backend_name in config.IMPLEMENTED_BACKENDS:
        spec = importlib.util.find_spec(f"cornu.src.backend.{backend_name}")
        folder = spec.submodule_search_locations[0]
        names[backend_name] = sorted(
            str(p.relative_to(folder))
            for p in pathlib.Path(folder).rglob("*.py")
            if not p.name.endswith("_test.py")
            and not (p.name.startswith("_") and p.name != "__init__.py")
        )
    reference = names["numpy"]
    for backend_name, modules in names.items():
        assert modules == reference, backend_name


def test_importing_the_numpy_backend_package_keeps_the_active_namespace():
    before = backend.numpy
    importlib.import_module("cornu.src.backend.numpy")
    importlib.import_module("cornu.src.backend.numpy.numpy")
    assert backend.numpy is before
    assert callable(backend.numpy.add)
