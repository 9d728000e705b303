# Pants BUILD-file macros (loaded through [GLOBAL].build_file_prelude_globs).

# Backends whose tests run, each in its own batched pytest process. On
# openvino (inference only) the training tests skip by capability and the
# ops it declares unsupported skip with its reason (root conftest.py). A
# folder whose tests do not all pass on a backend yet leaves it out with
# `cornu_tests(skip_backends=("tensorflow",))` and a comment saying why.
CORE_TEST_BACKENDS = ("numpy", "jax", "torch", "tensorflow", "openvino")
# Extra environment per backend: TensorFlow's C++ start-up messages would
# fill the CI log. (Pairs, not a dict: the prelude's globals must be
# hashable.)
BACKEND_TEST_ENV = (("tensorflow", ("TF_CPP_MIN_LOG_LEVEL=2",)),)


def cornu_tests(skip_backends=(), **kwargs):
    """`python_tests` with cornu's batching and backend matrix.

    Core's tests run once per backend (CORNU_BACKEND=numpy|jax|torch|
    tensorflow|openvino, less `skip_backends`). All test files of one
    package and one backend share a batch, so a full run pays each framework's import
    once per batch instead of once per file. Other packages run on the
    auto-detected backend.
    """
    backends = tuple(b for b in CORE_TEST_BACKENDS if b not in skip_backends)
    path = str(build_file_dir())
    parts = path.split("/")
    package = parts[1] if parts[0] == "packages" and len(parts) > 1 else parts[0]
    kwargs.setdefault("batch_compatibility_tag", f"cornu-{package}")
    if path.startswith("packages/core"):
        kwargs.setdefault(
            "extra_env_vars",
            parametrize(
                **{
                    b: [
                        f"CORNU_BACKEND={b}",
                        *dict(BACKEND_TEST_ENV).get(b, ()),
                    ]
                    for b in backends
                }
            ),
        )
    python_tests(**kwargs)
