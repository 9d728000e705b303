#!/usr/bin/env bash
# Installs the core wheel alone into a new venv, which pip fills with its
# runtime dependencies only (numpy, optree, ml-dtypes, rich, h5py), and checks that `import cornu`
# works on the numpy backend.
set -euo pipefail
dist="${1:-dist}"
wheel="$(ls "$dist"/cornu-*-py3-none-any.whl | head -n1)"
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q numpy "$wheel"
cd "$(dirname "$venv")"  # away from the repo's sources
"$venv/bin/python" - <<'PY'
import importlib.util

import cornu

for framework in ("jax", "torch", "tensorflow"):
    assert importlib.util.find_spec(framework) is None, framework
assert cornu.config.backend() == "numpy", cornu.config.backend()
total = cornu.ops.sum(cornu.ops.ones((2, 3)))
assert float(total) == 6.0, total
print(f"cornu {cornu.__version__} from the wheel alone: numpy backend works")
PY
