"""TextVectorization: standardization, splitting, n-grams and every
output mode against hand-computed values; adapt on lists, arrays and
generators; use inside `fit` data pipelines; config, saving, errors."""

import zipfile

import numpy as np
import pytest

import cornu
from cornu import ops

TEXTS = ["The cat sat.", "The dog ran, the cat sat!", "A dog's day"]


def _np(x):
    return ops.convert_to_numpy(x)


def test_text_vectorization_int_mode():
    layer = cornu.layers.TextVectorization()
    layer.adapt(TEXTS)
    # the:3, cat:2, sat:2, then a, day, dog, dogs, ran (count 1);
    # ties: the larger token first.
    assert layer.get_vocabulary() == [
        "",
        "[UNK]",
        "the",
        "sat",
        "cat",
        "ran",
        "dogs",
        "dog",
        "day",
        "a",
    ]
    out = _np(layer(["the CAT, sat", "the bird"]))
    assert out.tolist() == [[2, 4, 3], [2, 1, 0]]
    padded = cornu.layers.TextVectorization(
        output_sequence_length=4, vocabulary=["the", "cat"]
    )
    out = _np(padded(np.array([["the cat"], ["cat cat cat cat the"]])))
    assert out.tolist() == [[2, 3, 0, 0], [3, 3, 3, 3]]
    assert padded.compute_output_shape((None, 1)) == (None, 4)


@pytest.mark.parametrize(
    ("standardize", "expected"),
    [
        ("lower_and_strip_punctuation", ["hello", "world", "Émile"]),
        ("lower", ["hello,", "world!", "Émile"]),  # ASCII-only lowering
        ("strip_punctuation", ["Hello", "WORLD", "Émile"]),
        (None, ["Hello,", "WORLD!", "Émile"]),
        (lambda x: np.char.upper(x.astype(str)), ["HELLO,", "WORLD!", "ÉMILE"]),
    ],
    ids=["lower_and_strip", "lower", "strip", "none", "callable"],
)
def test_text_vectorization_standardize(standardize, expected):
    layer = cornu.layers.TextVectorization(standardize=standardize)
    layer.adapt(["Hello, WORLD! Émile"])
    assert sorted(layer.get_vocabulary()[2:]) == sorted(expected)


@pytest.mark.parametrize(
    ("split", "text", "tokens"),
    [
        ("whitespace", "a  b\tc\nd", ["a", "b", "c", "d"]),
        ("character", "abcé", ["a", "b", "c", "é"]),
        (None, "a b", ["a b"]),
        (lambda x: [t.split("-") for t in x], "a-b-c", ["a", "b", "c"]),
    ],
    ids=["whitespace", "character", "none", "callable"],
)
def test_text_vectorization_split(split, text, tokens):
    layer = cornu.layers.TextVectorization(split=split, standardize=None)
    layer.adapt([text])
    assert sorted(layer.get_vocabulary()[2:]) == sorted(tokens)


def test_text_vectorization_ngrams():
    layer = cornu.layers.TextVectorization(
        ngrams=2, vocabulary=["a", "b", "c", "a b", "b c"]
    )
    out = _np(layer(["a b c"]))
    # tokens a, b, c then bigrams "a b", "b c" (tf.strings.ngrams order)
    assert out.tolist() == [[2, 3, 4, 5, 6]]
    only_bigrams = cornu.layers.TextVectorization(ngrams=(2,))
    only_bigrams.adapt(["x y z"])
    assert sorted(only_bigrams.get_vocabulary()[2:]) == ["x y", "y z"]


@pytest.mark.parametrize("mode", ["multi_hot", "count", "tf_idf", "binary"])
def test_text_vectorization_vector_modes(mode):
    docs = ["a b b", "b c", "c c d"]
    layer = cornu.layers.TextVectorization(output_mode=mode)
    layer.adapt(docs)
    vocab = layer.get_vocabulary()
    assert vocab == ["[UNK]", "c", "b", "d", "a"]  # no padding slot
    out = _np(layer(["a c c zz", "b"]))
    counts = np.array([[1, 2, 0, 0, 1], [0, 0, 1, 0, 0]], "float32")
    if mode in ("multi_hot", "binary"):
        expected = np.minimum(counts, 1)
    elif mode == "count":
        expected = counts
    else:
        df = {"c": 2, "b": 2, "d": 1, "a": 1}
        idf = np.array([np.log(1 + 3 / (1 + df[t])) for t in vocab[1:]])
        idf = np.concatenate([[idf.astype("float32").mean()], idf])
        expected = counts * idf
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    assert layer.compute_output_shape((None,)) == (None, 5)


def test_text_vectorization_split_none_vector_mode_and_scalar():
    layer = cornu.layers.TextVectorization(
        split=None, vocabulary=["x", "y"], output_mode="one_hot"
    )
    out = _np(layer(np.array(["x", "z"])))
    # No padding slot outside "int" mode: [UNK], x, y.
    np.testing.assert_array_equal(out, np.eye(3)[[1, 0]])
    ints = cornu.layers.TextVectorization(split=None, vocabulary=["x", "y"])
    assert _np(ints(np.array(["x", "z", "y"]))).tolist() == [2, 1, 3]
    words = cornu.layers.TextVectorization(vocabulary=["x", "y"])
    assert _np(words("y x q")).tolist() == [3, 2, 1]


@pytest.mark.parametrize(
    "make",
    [
        lambda d: d,
        lambda d: np.array(d),
        lambda d: np.array(d)[:, None],
        lambda d: (np.array(d[i : i + 2]) for i in range(0, len(d), 2)),
        lambda d: iter([(np.array(d[:2]), np.zeros(2)), (np.array(d[2:]), 0)]),
    ],
    ids=["list", "array", "column", "generator", "xy_iterator"],
)
def test_text_vectorization_adapt_inputs(make):
    layer = cornu.layers.TextVectorization()
    layer.adapt(make(TEXTS))
    assert layer.get_vocabulary()[:5] == ["", "[UNK]", "the", "sat", "cat"]
    stepped = cornu.layers.TextVectorization()
    stepped.adapt((np.array([t]) for t in TEXTS), steps=1)
    assert sorted(stepped.get_vocabulary()[2:]) == ["cat", "sat", "the"]


def _synthetic_texts(n, seed):
    rng = np.random.default_rng(seed)
    filler = ["we", "saw", "it", "then", "today", "and", "so"]
    texts, labels = [], []
    for _ in range(n):
        label = int(rng.integers(2))
        words = list(rng.choice(filler, size=4))
        words.insert(int(rng.integers(5)), "great" if label else "awful")
        texts.append(" ".join(words))
        labels.append(label)
    return np.array(texts), np.array(labels, "float32")


@pytest.mark.requires_capability("training")
def test_text_vectorization_in_a_fit_data_pipeline():
    texts, labels = _synthetic_texts(256, seed=0)
    vectorize = cornu.layers.TextVectorization(output_sequence_length=6)
    vectorize.adapt(texts)

    class Batches(cornu.utils.PyDataset):
        def __len__(self):
            return 8

        def __getitem__(self, i):
            sl = slice(32 * i, 32 * (i + 1))
            return vectorize(texts[sl]), labels[sl]

    cornu.utils.set_random_seed(0)
    model = cornu.Sequential(
        [
            cornu.Input((6,), dtype="int32"),
            cornu.layers.Embedding(vectorize.vocabulary_size(), 8),
            cornu.layers.GlobalAveragePooling1D(),
            cornu.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=cornu.optimizers.Adam(0.05),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(Batches(), epochs=6, verbose=0)
    assert history.history["accuracy"][-1] > 0.95

    def generator():
        for i in range(0, 256, 64):
            yield vectorize(texts[i : i + 64]), labels[i : i + 64]

    model.fit(generator(), epochs=1, verbose=0)
    test_texts, test_labels = _synthetic_texts(64, seed=1)
    predictions = model.predict(vectorize(test_texts), verbose=0)[:, 0]
    assert np.mean((predictions > 0.5) == test_labels) > 0.95


def _run(model, x):
    for layer in model.layers:
        x = layer(x)
    return _np(x)


@pytest.mark.parametrize("name", ["model.cornu", "model.keras"])
@pytest.mark.parametrize("mode", ["int", "tf_idf"])
def test_text_vectorization_model_saves_its_vocabulary(tmp_path, name, mode):
    kwargs = {"output_sequence_length": 5} if mode == "int" else {}
    layer = cornu.layers.TextVectorization(output_mode=mode, **kwargs)
    layer.adapt(TEXTS)
    head = (
        cornu.layers.Embedding(12, 3)
        if mode == "int"
        else cornu.layers.Dense(2)
    )
    model = cornu.Sequential(
        [cornu.Input(shape=(), dtype="string"), layer, head]
    )
    path = tmp_path / name
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "assets/layers/text_vectorization/vocabulary.txt" in names
    loaded = cornu.saving.load_model(path)
    x = np.array(["the dog sat on a cat", "nothing known"])
    np.testing.assert_array_equal(_run(loaded, x), _run(model, x))
    assert loaded.layers[0].get_vocabulary() == layer.get_vocabulary()


def test_text_vectorization_config_round_trip():
    layer = cornu.layers.TextVectorization(
        max_tokens=20, ngrams=2, output_sequence_length=7, vocabulary=["a"]
    )
    config = layer.get_config()
    assert config["vocabulary_size"] == 3 and config["ngrams"] == 2
    assert config["standardize"] == "lower_and_strip_punctuation"
    clone = cornu.layers.TextVectorization.from_config(config)
    assert _np(clone(["a b"])).tolist() == _np(layer(["a b"])).tolist()
    config["ngrams"] = [1, 2]  # JSON turns tuples into lists
    assert cornu.layers.TextVectorization.from_config(config)._ngrams == (1, 2)
    symbolic = layer(cornu.Input(shape=(1,), dtype="string"))
    assert symbolic.shape == (None, 7)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"standardize": "upper"}, "standardize='upper'"),
        ({"split": "comma"}, "split='comma'"),
        ({"output_mode": "bad"}, "output_mode='bad'"),
        ({"ngrams": "2"}, "ngrams=2"),
        ({"output_sequence_length": 2.5}, "output_sequence_length=2.5"),
        (
            {"output_mode": "count", "output_sequence_length": 3},
            "must not be set",
        ),
        ({"ragged": True}, "ragged=True"),
        ({"sparse": True}, "sparse=True"),
    ],
)
def test_text_vectorization_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.TextVectorization(**kwargs)


def test_text_vectorization_rejects_bad_input_shapes():
    layer = cornu.layers.TextVectorization(vocabulary=["a"])
    with pytest.raises(ValueError, match="last shape dimension must be 1"):
        layer(np.array([["a", "b"]]))
    with pytest.raises(TypeError, match="string inputs"):
        layer(np.array([1, 2]))
