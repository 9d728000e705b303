# Pants BUILD-file macros (loaded through [GLOBAL].build_file_prelude_globs).

# Backends whose tests run today, each in its own batched pytest process.
# tensorflow and openvino join this tuple when their backends pass the
# whole core suite; until then a folder whose tests pass on one of them
# opts in with `cornu_tests(extra_backends=("tensorflow",))`.
CORE_TEST_BACKENDS = ("numpy", "jax", "torch")
# TensorFlow's C++ start-up messages would fill the CI log.
_QUIET = {"tensorflow": ["TF_CPP_MIN_LOG_LEVEL=2"]}


def cornu_tests(extra_backends=(), **kwargs):
    """`python_tests` with cornu's batching and backend matrix.

    Core's tests run once per backend (CORNU_BACKEND=numpy|jax|torch, plus
    `extra_backends`). All test files of one package and one backend share
    a batch, so a full run pays each framework's import once per batch
    instead of once per file. Other packages run on the auto-detected
    backend.
    """
    backends = CORE_TEST_BACKENDS + tuple(
        b for b in extra_backends if b not in CORE_TEST_BACKENDS
    )
    path = str(build_file_dir())
    parts = path.split("/")
    package = parts[1] if parts[0] == "packages" and len(parts) > 1 else parts[0]
    kwargs.setdefault("batch_compatibility_tag", f"cornu-{package}")
    if path.startswith("packages/core"):
        kwargs.setdefault(
            "extra_env_vars",
            parametrize(
                **{
                    b: [f"CORNU_BACKEND={b}", *_QUIET.get(b, [])]
                    for b in backends
                }
            ),
        )
    python_tests(**kwargs)
