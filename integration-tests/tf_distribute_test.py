"""Training under a `tf.distribute.MirroredStrategy` on the tensorflow
backend (issue 8: tf.distribute-compatible variables), with two replicas
(traced and eager steps) and with one.

A subprocess splits the CPU into two logical devices (that must happen
before TensorFlow starts) and trains the same seeded model twice: with
its variables created in the strategy's scope (each batch split across
the two replicas, gradients averaged) and on one device. Losses, metrics,
weights, `evaluate` and `predict` must agree to float32 rounding. 65
samples in batches of 16 end with a batch of one row, so one replica gets
an empty shard.
"""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("tensorflow")

_SCRIPT = r"""
import json
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration()] * 2
)
import numpy as np
import cornu

strategies = {
    "two": tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"]),
    "one": tf.distribute.MirroredStrategy(["/cpu:0"]),
}


def build(run_eagerly):
    cornu.utils.set_random_seed(1)
    model = cornu.Sequential(
        [
            cornu.Input((4,)),
            cornu.layers.Dense(8, activation="relu"),
            cornu.layers.Dense(1),
        ]
    )
    model.compile(
        optimizer="adam", loss="mse", metrics=["mae"], run_eagerly=run_eagerly
    )
    return model


rng = np.random.default_rng(0)
x = rng.normal(size=(65, 4)).astype("float32")
y = x.sum(axis=1, keepdims=True)
report = {}
for mode, strategy, run_eagerly in (
    ("two", strategies["two"], False),
    ("two-eager", strategies["two"], True),
    ("one", strategies["one"], False),
):
    with strategy.scope():
        mirrored = build(run_eagerly)
    single = build(run_eagerly)
    fit = dict(epochs=3, batch_size=16, verbose=0, shuffle=False)
    report[mode] = {
        "distributed": all(
            isinstance(w.value, tf.distribute.DistributedValues)
            for w in mirrored.weights
        ),
        "history": [mirrored.fit(x, y, **fit).history,
                    single.fit(x, y, **fit).history],
        "weights": [
            [w.tolist() for w in m.get_weights()] for m in (mirrored, single)
        ],
        "evaluate": [m.evaluate(x, y, verbose=0) for m in (mirrored, single)],
        "predict": [
            m.predict(x, batch_size=16, verbose=0).tolist()
            for m in (mirrored, single)
        ],
    }
print(json.dumps(report))
"""


def test_mirrored_training_equals_single_device_training():
    env = dict(os.environ, CORNU_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="2")
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for mode in ("two", "two-eager", "one"):
        run = report[mode]
        assert run["distributed"], mode
        mirrored, single = run["history"]
        for key in ("loss", "mae"):
            np.testing.assert_allclose(
                mirrored[key], single[key], rtol=1e-5, err_msg=mode
            )
        for a, b in zip(*run["weights"], strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(*run["evaluate"], rtol=1e-5)
        np.testing.assert_allclose(*run["predict"], rtol=1e-5, atol=1e-5)
        # The models did train (the loss moved).
        assert mirrored["loss"][-1] < mirrored["loss"][0]
