"""A TextVectorization -> Embedding -> MultiHeadAttention classifier
learns a synthetic token task (issue 7's learning test).

The task: sentences of 3 to 10 words drawn from a 30-word vocabulary; the
label says whether the word "needle" occurs in the sentence (half of the
sentences get it at a random position). Training runs the adapted
TextVectorization in the data pipeline (compiled steps on every backend);
the held-out accuracy is measured with one model from raw strings to the
label (TextVectorization inside). The padding zeros become an Embedding
mask that MultiHeadAttention and the pooling respect.
"""

import numpy as np
import pytest

import cornu

SEQUENCE_LENGTH = 12
BATCH = 32
WORDS = [f"w{i}" for i in range(29)] + ["needle"]


def _sentences(rng, count):
    fillers = WORDS[:-1]
    texts, labels = [], []
    for _ in range(count):
        words = list(rng.choice(fillers, size=rng.integers(3, 11)))
        label = int(rng.random() < 0.5)
        if label:
            words[rng.integers(len(words))] = "needle"
        texts.append(" ".join(words))
        labels.append(label)
    return np.array(texts), np.array(labels, "float32")[:, None]


def _token_classifier(vocabulary_size):
    tokens = cornu.Input(shape=(SEQUENCE_LENGTH,), dtype="int64")
    x = cornu.layers.Embedding(vocabulary_size, 16, mask_zero=True)(tokens)
    x = cornu.layers.MultiHeadAttention(num_heads=2, key_dim=8)(x, x)
    x = cornu.layers.GlobalAveragePooling1D()(x)
    outputs = cornu.layers.Dense(1, activation="sigmoid")(x)
    return cornu.Model(tokens, outputs)


@pytest.mark.requires_capability("training")
def test_text_classifier_learns_whether_a_token_occurs():
    cornu.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    # Sizes are multiples of the batch: every step has the same shape.
    train_x, train_y = _sentences(rng, 16 * BATCH)
    test_x, test_y = _sentences(rng, 8 * BATCH)
    vectorizer = cornu.layers.TextVectorization(
        output_sequence_length=SEQUENCE_LENGTH
    )
    vectorizer.adapt(train_x)
    assert "needle" in vectorizer.get_vocabulary()
    # Training: the vectorization runs in the data pipeline, so that the
    # steps compile (a step holding strings runs eagerly on some backends).
    classifier = _token_classifier(vectorizer.vocabulary_size())
    classifier.compile(
        optimizer=cornu.optimizers.Adam(0.01),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    train_tokens = cornu.ops.convert_to_numpy(vectorizer(train_x))
    classifier.fit(train_tokens, train_y, epochs=6, batch_size=BATCH, verbose=0)
    # Evaluation: one model from raw strings to the label.
    strings = cornu.Input(shape=(), dtype="string")
    model = cornu.Model(strings, classifier(vectorizer(strings)))
    model.compile(loss="binary_crossentropy", metrics=["accuracy"])
    loss, accuracy = model.evaluate(test_x, test_y, batch_size=BATCH, verbose=0)
    # Held-out sentences: chance is 0.5; the stated accuracy is 0.95.
    assert accuracy >= 0.95, (loss, accuracy)
    assert loss < 0.2, (loss, accuracy)
    predicted = model.predict(test_x, batch_size=BATCH, verbose=0)
    agree = (np.asarray(predicted) > 0.5) == (test_y > 0.5)
    assert agree.mean() == pytest.approx(accuracy)
