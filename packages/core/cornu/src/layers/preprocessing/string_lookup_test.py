"""StringLookup (and the shared IndexLookup machinery): vocabularies from
lists, files and `adapt`, OOV and mask handling, `invert`, every output
mode against hand-computed values, config, saving and errors."""

import os
import zipfile

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.layers.preprocessing import hash_utils

VOCAB = ["earth", "wind", "and", "fire"]
DATA = np.array([["earth", "wind", "and", "fire"], ["fire", "and", "x", "y"]])


def _np(x):
    return ops.convert_to_numpy(x)


def test_string_lookup_int_mode_and_vocabulary():
    layer = cornu.layers.StringLookup(vocabulary=VOCAB)
    assert _np(layer(DATA)).tolist() == [[1, 2, 3, 4], [4, 3, 0, 0]]
    assert layer.get_vocabulary() == ["[UNK]"] + VOCAB
    assert layer.get_vocabulary(include_special_tokens=False) == VOCAB
    assert layer.vocabulary_size() == 5
    # lists, bytes and scalars are accepted too
    assert _np(layer([b"wind", b"zzz"])).tolist() == [2, 0]
    assert _np(layer("fire")).tolist() == 4


def test_string_lookup_mask_token_and_special_tokens_in_vocabulary():
    layer = cornu.layers.StringLookup(vocabulary=VOCAB, mask_token="")
    data = np.array([["earth", ""], ["", "zzz"]])
    assert _np(layer(data)).tolist() == [[2, 0], [0, 1]]
    assert layer.get_vocabulary()[:2] == ["", "[UNK]"]
    # A vocabulary led by the special tokens gives the same layer.
    again = cornu.layers.StringLookup(
        vocabulary=["", "[UNK]"] + VOCAB, mask_token=""
    )
    assert again.get_vocabulary() == layer.get_vocabulary()


def test_string_lookup_several_oov_buckets_hash_with_farmhash():
    layer = cornu.layers.StringLookup(vocabulary=VOCAB, num_oov_indices=3)
    words = ["earth", "alpha", "beta", "gamma"]
    expected = [3] + [
        hash_utils.fingerprint64(w.encode()) % 3 for w in words[1:]
    ]
    assert _np(layer(np.array(words))).tolist() == expected
    salted = cornu.layers.StringLookup(
        vocabulary=VOCAB, num_oov_indices=3, salt=[1, 2]
    )
    expected = [hash_utils.siphash([1, 2], w.encode()) % 3 for w in words[1:]]
    assert _np(salted(np.array(words[1:]))).tolist() == expected


def test_string_lookup_no_oov_raises_on_unknown_tokens():
    layer = cornu.layers.StringLookup(vocabulary=VOCAB, num_oov_indices=0)
    assert _np(layer(np.array(["earth", "fire"]))).tolist() == [0, 3]
    with pytest.raises(ValueError, match=r"found OOV values \['nope'\]"):
        layer(np.array(["earth", "nope"]))


def test_string_lookup_adapt_orders_by_frequency_then_token():
    data = [["b", "a", "c"], ["c", "b", "d"], ["b", "e", "d"]]
    layer = cornu.layers.StringLookup()
    layer.adapt(data)
    # b:3, c:2, d:2, a:1, e:1; ties: the larger token first (Keras 3).
    assert layer.get_vocabulary() == ["[UNK]", "b", "d", "c", "e", "a"]
    capped = cornu.layers.StringLookup(max_tokens=3, mask_token="")
    capped.adapt(np.array(data))
    assert capped.get_vocabulary() == ["", "[UNK]", "b"]


@pytest.mark.parametrize(
    "make",
    [
        lambda d: (row for row in d),
        lambda d: iter([np.array(d[:2]), np.array(d[2:])]),
    ],
    ids=["generator_of_rows", "iterator_of_batches"],
)
def test_string_lookup_adapt_on_generators(make):
    data = [["b", "a"], ["c", "b"], ["b", "c"]]
    layer = cornu.layers.StringLookup()
    layer.adapt(make(data))
    assert layer.get_vocabulary() == ["[UNK]", "b", "c", "a"]
    stepped = cornu.layers.StringLookup()
    stepped.adapt((row for row in data), steps=1)
    assert stepped.get_vocabulary() == ["[UNK]", "b", "a"]


@pytest.mark.parametrize("mode", ["one_hot", "multi_hot", "count"])
def test_string_lookup_encoded_modes(mode):
    layer = cornu.layers.StringLookup(vocabulary=VOCAB, output_mode=mode)
    if mode == "one_hot":
        out = _np(layer(np.array(["earth", "x", "fire"])))
        np.testing.assert_array_equal(out, np.eye(5)[[1, 0, 4]])
        return
    out = _np(layer(DATA))
    indices = [[1, 2, 3, 4], [4, 3, 0, 0]]
    counts = np.stack([np.bincount(row, minlength=5) for row in indices])
    expected = counts if mode == "count" else np.minimum(counts, 1)
    np.testing.assert_array_equal(out, expected)
    assert layer.compute_output_shape((None, 4)) == (None, 5)


def test_string_lookup_tf_idf_from_adapt_and_from_weights():
    docs = [["a", "b", "b"], ["b", "c"], ["c", "c", "d"]]
    layer = cornu.layers.StringLookup(output_mode="tf_idf")
    layer.adapt(docs)
    vocab = layer.get_vocabulary()
    assert vocab == ["[UNK]", "c", "b", "d", "a"]
    # idf = log(1 + documents / (1 + documents containing the token)),
    # the OOV slot gets the mean.
    doc_counts = {"c": 2, "b": 2, "d": 1, "a": 1}
    idf = np.array([np.log(1 + 3 / (1 + doc_counts[t])) for t in vocab[1:]])
    idf = np.concatenate([[idf.astype("float32").mean()], idf])
    np.testing.assert_allclose(layer.idf_weights, idf, rtol=1e-6)
    out = _np(layer(np.array([["a", "c", "c", "zz"]])))
    tf = np.array([[1, 2, 0, 0, 1]], "float32")
    np.testing.assert_allclose(out, tf * idf, rtol=1e-6)
    given = cornu.layers.StringLookup(
        vocabulary=["x", "y"], idf_weights=[0.5, 2.0], output_mode="tf_idf"
    )
    out = _np(given(np.array([["y", "y", "q"]])))
    np.testing.assert_allclose(out, [[1.25, 0.0, 4.0]])


def test_string_lookup_pad_to_max_tokens():
    layer = cornu.layers.StringLookup(
        vocabulary=["a", "b"],
        output_mode="multi_hot",
        max_tokens=6,
        pad_to_max_tokens=True,
    )
    assert _np(layer(np.array([["a", "c"]]))).tolist() == [
        [1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    ]
    assert layer.compute_output_shape((None, 2)) == (None, 6)


def test_string_lookup_invert():
    layer = cornu.layers.StringLookup(
        vocabulary=VOCAB, invert=True, mask_token="[MASK]"
    )
    out = layer(np.array([[0, 1, 2, 5, 9]]))
    assert out.tolist() == [["[MASK]", "[UNK]", "earth", "fire", "[UNK]"]]
    forward = cornu.layers.StringLookup(vocabulary=VOCAB)
    back = cornu.layers.StringLookup(vocabulary=VOCAB, invert=True)
    assert back(forward(np.array(["wind", "and"]))).tolist() == ["wind", "and"]


def test_string_lookup_vocabulary_file(tmp_path):
    path = tmp_path / "vocab.txt"
    path.write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    layer = cornu.layers.StringLookup(vocabulary=str(path))
    assert layer.get_vocabulary() == ["[UNK]"] + VOCAB
    assert layer.get_config()["vocabulary"] is None  # saved as an asset


def test_string_lookup_config_round_trip():
    layer = cornu.layers.StringLookup(
        vocabulary=VOCAB, num_oov_indices=2, mask_token="", salt=3
    )
    config = layer.get_config()
    assert "vocabulary_dtype" not in config and config["encoding"] == "utf-8"
    assert config["salt"] == [3, 3] and config["vocabulary_size"] == 7
    clone = cornu.layers.StringLookup.from_config(config)
    assert _np(clone(DATA)).tolist() == _np(layer(DATA)).tolist()


def _run(model, x):
    for layer in model.layers:  # strings never enter a backend tensor
        x = layer(x)
    return _np(x)


@pytest.mark.parametrize("name", ["model.cornu", "model.keras"])
@pytest.mark.parametrize("mode", ["int", "tf_idf"])
def test_string_lookup_model_saves_its_vocabulary(tmp_path, name, mode):
    lookup = cornu.layers.StringLookup(output_mode=mode, mask_token=None)
    lookup.adapt([["a", "b", "b"], ["c", "b", "d"]])
    head = (
        cornu.layers.Embedding(8, 3) if mode == "int" else cornu.layers.Dense(2)
    )
    model = cornu.Sequential(
        [cornu.Input(shape=(3,), dtype="string"), lookup, head]
    )
    path = tmp_path / name
    model.save(path)
    with zipfile.ZipFile(path) as archive:
        asset = "assets/layers/string_lookup/vocabulary.txt"
        text = archive.read(asset).decode("utf-8")
    assert text.split("\n") == ["[UNK]", "b", "d", "c", "a"]
    loaded = cornu.saving.load_model(path)
    x = np.array([["a", "d", "zz"], ["b", "b", "c"]])
    np.testing.assert_array_equal(_run(loaded, x), _run(model, x))
    assert loaded.layers[0].get_vocabulary() == lookup.get_vocabulary()


def test_string_lookup_assets_api(tmp_path):
    layer = cornu.layers.StringLookup()
    layer.adapt(["x", "y", "y"])
    layer.save_assets(str(tmp_path))
    assert os.listdir(tmp_path) == ["vocabulary.txt"]
    fresh = cornu.layers.StringLookup(vocabulary_size=3)
    fresh.load_assets(str(tmp_path))
    assert fresh.get_vocabulary() == ["[UNK]", "y", "x"]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"max_tokens": 1}, "max_tokens=1"),
        ({"pad_to_max_tokens": True}, "needs `max_tokens`"),
        ({"num_oov_indices": -1}, "num_oov_indices=-1"),
        ({"salt": "x"}, "salt=x"),
        ({"output_mode": "bad"}, "output_mode='bad'"),
        ({"invert": True, "output_mode": "count"}, "must be 'int'"),
        ({"output_mode": "count", "sparse": True}, "sparse=True"),
        ({"idf_weights": [1.0]}, "idf_weights"),
        ({"vocabulary": ["a"], "output_mode": "tf_idf"}, "must be given"),
        ({"vocabulary": []}, "empty vocabulary"),
        ({"vocabulary": ["a", "a"]}, r"repeated terms: \['a'\]"),
        ({"vocabulary": ["a", ""], "mask_token": ""}, "reserved mask"),
        ({"vocabulary": ["a", "[UNK]"], "invert": True}, "reserved OOV"),
        ({"vocabulary": ["a", "b", "c"], "max_tokens": 3}, "larger than"),
        ({"vocabulary": "/no/such/file.txt"}, "does not exist"),
        ({"bad_kwarg": 1}, "unrecognized"),
    ],
)
def test_string_lookup_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cornu.layers.StringLookup(**kwargs)


def test_string_lookup_state_errors():
    layer = cornu.layers.StringLookup(vocabulary=VOCAB)
    with pytest.raises(ValueError, match="Cannot adapt"):
        layer.adapt(["a"])
    unset = cornu.layers.StringLookup(output_mode="multi_hot")
    with pytest.raises(RuntimeError, match="set the vocabulary"):
        unset(np.array([["a"]]))
    fixed = cornu.layers.StringLookup(vocabulary=["a"], output_mode="count")
    with pytest.raises(RuntimeError, match="cannot change"):
        fixed.set_vocabulary(["a", "b"])
    with pytest.raises(ValueError, match="tf_idf"):
        fixed.set_vocabulary(["a"], idf_weights=[1.0])
    tfidf = cornu.layers.StringLookup(output_mode="tf_idf")
    with pytest.raises(ValueError, match="must be set"):
        tfidf.set_vocabulary(["a"])
    with pytest.raises(ValueError, match="as long as"):
        tfidf.set_vocabulary(["a"], idf_weights=[1.0, 2.0])
    with pytest.raises(ValueError, match="IDF weights must be set"):
        tfidf.save_own_variables({})
    with pytest.raises(TypeError, match="string inputs"):
        cornu.layers.StringLookup(vocabulary=VOCAB)(np.array([1.5]))


def test_string_lookup_file_vocabulary_refused_in_safe_mode(tmp_path):
    from cornu.src.saving import serialization_lib

    path = tmp_path / "v.txt"
    path.write_text("a\nb", encoding="utf-8")
    with serialization_lib.SafeModeScope(True):
        with pytest.raises(ValueError, match="safe mode forbids"):
            cornu.layers.StringLookup(vocabulary=str(path))
    with pytest.raises(ValueError, match="does not support loading"):
        cornu.layers.StringLookup(
            vocabulary=str(path), output_mode="tf_idf", idf_weights=[1.0]
        )
