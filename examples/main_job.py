"""cornu's main job, run by the README's first command.

Trains a small CNN on scikit-learn's bundled digits images (8x8, ten
classes; no download) with a progress bar, evaluates it on held-out
images, saves it, reloads it and checks that the reloaded model predicts
exactly what the trained one does. Runs on the default backend.
"""

from __future__ import annotations

import os
import pathlib
import tempfile

import numpy as np
from sklearn.datasets import load_digits

import cornu

TARGET_ACCURACY = 0.95


def load_data(seed: int = 0) -> tuple:
    """Digits as `(x_train, y_train), (x_test, y_test)`, pixels in [0, 1],
    images shaped `(8, 8, 1)`; the last 20% (shuffled once) held out."""
    digits = load_digits()
    images = (digits.images / 16.0).astype("float32")[..., None]
    labels = digits.target.astype("int32")
    order = np.random.default_rng(seed).permutation(len(labels))
    images, labels = images[order], labels[order]
    split = int(0.8 * len(labels))
    return (images[:split], labels[:split]), (images[split:], labels[split:])


def build_model() -> cornu.Model:
    """Two convolution blocks and a softmax classifier."""
    return cornu.Sequential(
        [
            cornu.Input(shape=(8, 8, 1)),
            cornu.layers.Conv2D(32, 3, padding="same", activation="relu"),
            cornu.layers.MaxPooling2D(2),
            cornu.layers.Conv2D(64, 3, padding="same", activation="relu"),
            cornu.layers.GlobalAveragePooling2D(),
            cornu.layers.Dropout(0.2),
            cornu.layers.Dense(10, activation="softmax"),
        ],
        name="digits_cnn",
    )


def main(
    epochs: int = 30, verbose: int | str = "auto", workdir: str | None = None
) -> dict:
    cornu.utils.set_random_seed(0)
    (x_train, y_train), (x_test, y_test) = load_data()
    model = build_model()
    model.compile(
        optimizer=cornu.optimizers.Adam(learning_rate=3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train,
        y_train,
        batch_size=32,
        epochs=epochs,
        validation_split=0.1,
        verbose=verbose,
    )
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    predictions = model.predict(x_test, verbose=0)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        path = pathlib.Path(folder) / "digits_cnn.keras"
        model.save(path)
        size = os.path.getsize(path)
        reloaded = cornu.saving.load_model(path)
    reloaded_predictions = reloaded.predict(x_test, verbose=0)
    max_difference = float(np.max(np.abs(predictions - reloaded_predictions)))
    result = {
        "backend": cornu.config.backend(),
        "epochs": len(history.history["loss"]),
        "final_train_accuracy": round(history.history["accuracy"][-1], 4),
        "test_loss": round(float(loss), 4),
        "test_accuracy": round(float(accuracy), 4),
        "saved_bytes": size,
        "reloaded_max_difference": max_difference,
    }
    if accuracy < TARGET_ACCURACY:
        raise SystemExit(
            f"Test accuracy {accuracy:.4f} is below {TARGET_ACCURACY}: "
            f"{result}"
        )
    if max_difference > 1e-6:
        raise SystemExit(
            f"The reloaded model predicts differently: {result}"
        )
    return result


if __name__ == "__main__":
    for key, value in main().items():
        print(f"{key}: {value}")
