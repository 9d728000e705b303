"""Loading a `.cornu` model never holds two copies of its weights.

A model with 84 MB of float32 weights is saved, then loaded in a fresh
process; its peak resident memory (`VmHWM`, reset just before the load)
may grow by less than 1.5 times the weights' size.
Reading the whole weights member into memory and then copying it into
the variables would need at least twice that; cornu maps the member in
place and copies each tensor straight into its variable.

The loading process pins glibc's mmap threshold (`MALLOC_MMAP_THRESHOLD_`)
so that large freed buffers go back to the system at once: by default
glibc raises the threshold after the first large free, and then keeps
freed per-variable temporaries (from building the model before its
weights are read, as Keras does) in its heap, which would measure the
allocator rather than the loader.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import cornu

_SIZE = 1024
_LAYERS = 20  # 20 x (1024 x 1024 + 1024) float32 = 84 MB

_LOADER = r"""
import json, sys
import numpy as np
import cornu

def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024

# Warm the loading code path on a tiny model first, so that lazily
# imported modules do not count as growth.
tiny = cornu.Sequential([cornu.Input((2,)), cornu.layers.Dense(2)])
tiny.save(sys.argv[2])
cornu.saving.load_model(sys.argv[2])
# Reset the peak to the current RSS ("5" to clear_refs; `ru_maxrss` is
# no use here: Linux carries the parent's peak over into a child).
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")
before = status("VmHWM")
model = cornu.saving.load_model(sys.argv[1])
growth = status("VmHWM") - before
sums = [
    float(np.sum(cornu.ops.convert_to_numpy(w.value), dtype="float64"))
    for w in model.weights
]
print(json.dumps({"growth": growth, "sums": sums}))
"""


@pytest.mark.skipif(
    not os.path.exists("/proc/self/clear_refs"),
    reason="measures peak memory through Linux's /proc/self",
)
def test_loading_a_large_model_holds_one_copy_of_its_weights(tmp_path):
    rng = np.random.default_rng(0)
    model = cornu.Sequential(
        [cornu.Input((_SIZE,))]
        + [cornu.layers.Dense(_SIZE) for _ in range(_LAYERS)]
    )
    model.set_weights(
        [rng.normal(size=w.shape).astype("float32") for w in model.weights]
    )
    weights = model.get_weights()
    nbytes = sum(w.nbytes for w in weights)
    assert 64 * 2**20 < nbytes < 128 * 2**20
    path = str(tmp_path / "large.cornu")
    model.save(path)
    del model

    root = os.path.dirname(os.path.dirname(os.path.abspath(cornu.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [root] + [p for p in [env.get("PYTHONPATH")] if p]
    )
    env["MALLOC_MMAP_THRESHOLD_"] = str(128 * 1024)
    result = subprocess.run(
        [sys.executable, "-c", _LOADER, path, str(tmp_path / "tiny.cornu")],
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout.decode().splitlines()[-1])
    np.testing.assert_allclose(
        report["sums"],
        [np.sum(w, dtype="float64") for w in weights],
        rtol=1e-6,
        atol=1e-3,
    )
    growth = report["growth"] / nbytes
    assert growth < 1.5, f"loading grew the peak RSS by {growth:.2f}x"
