"""Subprocess side of `saving_subclassed_test.py`: a registered,
subclassed model saved on one backend and loaded on another.

`python subclassed_worker.py save FOLDER` builds the model (seeded),
saves `m.cornu` and `m.keras` and its predictions `expected.npy`;
`python subclassed_worker.py load FOLDER` loads both files and writes
their predictions as `got.<format>.<backend>.npy`.
"""

import os
import sys

import numpy as np

import cornu


@cornu.saving.register_keras_serializable(package="integration")
class ResidualBlock(cornu.layers.Layer):
    def __init__(self, units=8, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.inner = cornu.layers.Dense(units, activation="relu")
        self.outer = cornu.layers.Dense(units)
        self.norm = cornu.layers.LayerNormalization()

    def build(self, input_shape):
        self.inner.build(input_shape)
        self.outer.build((*input_shape[:-1], self.units))
        self.norm.build(input_shape)

    def call(self, inputs):
        return self.norm(inputs + self.outer(self.inner(inputs)))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@cornu.saving.register_keras_serializable(package="integration")
class Classifier(cornu.Model):
    """No `build`: loading builds it by a symbolic call of the recorded
    input shape (Keras 3's way); its blocks have their own `build`."""

    def __init__(self, units=8, classes=3, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.classes = classes
        self.stem = cornu.layers.Dense(units)
        self.blocks = [ResidualBlock(units), ResidualBlock(units)]
        self.head = cornu.layers.Dense(classes, activation="softmax")

    def call(self, inputs):
        x = self.stem(inputs)
        for block in self.blocks:
            x = block(x)
        return self.head(x)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
            "classes": self.classes,
        }


X = np.random.default_rng(0).normal(size=(6, 5)).astype("float32")


def main(action, folder):
    if action == "save":
        cornu.utils.set_random_seed(0)
        model = Classifier()
        model(X)
        rng = np.random.default_rng(1)
        model.set_weights(
            [rng.normal(size=w.shape).astype(w.dtype) for w in model.weights]
        )
        expected = model.predict(X, verbose=0)
        np.save(os.path.join(folder, "expected.npy"), expected)
        for fmt in ("cornu", "keras"):
            model.save(os.path.join(folder, f"m.{fmt}"))
        return
    backend = cornu.config.backend()
    for fmt in ("cornu", "keras"):
        loaded = cornu.saving.load_model(os.path.join(folder, f"m.{fmt}"))
        assert type(loaded).__name__ == "Classifier"
        np.save(
            os.path.join(folder, f"got.{fmt}.{backend}.npy"),
            loaded.predict(X, verbose=0),
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
