"""Writes this folder's fixture: a Keras 3 sharded h5 weights set.

Run with Keras 3.15.1 (e.g. the venv `tools/keras_fixtures/generate.py`
makes): `KERAS_BACKEND=jax <venv>/bin/python make_fixture.py`. Writes
`mlp.weights.json`, its `mlp_0000N.weights.h5` shards, and `mlp.npz`
(the inputs `x` and Keras's predictions `y`).
"""

import os

import keras
import numpy as np

os.chdir(os.path.dirname(os.path.abspath(__file__)))
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input((6,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(8),
        keras.layers.Dense(3),
    ]
)
# 300 bytes per shard: each layer's variables land in a shard of their own.
model.save_weights("mlp.weights.json", max_shard_size=300 / 1024**3)
x = np.random.default_rng(0).normal(size=(4, 6)).astype("float32")
np.savez("mlp.npz", x=x, y=model.predict(x, verbose=0))
