import numpy as np
import pytest

import cornu
from cornu.src.trainers.data_adapters import get_data_adapter


def _make_tree(root, counts, hidden=False):
    """`counts`: {class folder: number of files}; file text = 'cls/i'."""
    for cls, n in counts.items():
        folder = root / cls
        folder.mkdir(parents=True)
        for i in range(n):
            (folder / f"f{i:02d}.txt").write_text(f"{cls}/{i}")
    (root / next(iter(counts)) / "skip.md").write_text("not a txt file")
    if hidden:  # not a class folder (but listed when labels=None)
        (root / ".hidden").mkdir()
        (root / ".hidden" / "x.txt").write_text("hidden")
    return str(root)


def _all(ds):
    texts, labels = [], []
    for i in range(len(ds)):
        t, y = ds[i]
        texts += t.tolist()
        labels += y.tolist()
    return texts, labels


def test_inferred_labels_in_sorted_order(tmp_path):
    root = _make_tree(tmp_path, {"neg": 3, "pos": 2}, hidden=True)
    ds = cornu.utils.text_dataset_from_directory(
        root, shuffle=False, batch_size=2, verbose=False
    )
    assert isinstance(ds, cornu.utils.PyDataset)
    assert ds.class_names == ["neg", "pos"] and len(ds) == 3
    texts, labels = _all(ds)
    assert texts == ["neg/0", "neg/1", "neg/2", "pos/0", "pos/1"]
    assert labels == [0, 0, 0, 1, 1]
    x, y = ds[0]
    assert x.dtype == object and y.dtype == np.int32


def test_label_modes(tmp_path):
    root = _make_tree(tmp_path, {"a": 1, "b": 1, "c": 1})
    kwargs = dict(shuffle=False, verbose=False)
    ds = cornu.utils.text_dataset_from_directory(
        root, label_mode="categorical", **kwargs
    )
    np.testing.assert_array_equal(ds[0][1], np.eye(3, dtype="float32"))
    ds = cornu.utils.text_dataset_from_directory(
        root, label_mode="binary", class_names=["c", "a"], **kwargs
    )
    texts, labels = ds[0]
    assert texts.tolist() == ["c/0", "a/0"]
    assert labels.tolist() == [[0.0], [1.0]] and labels.dtype == np.float32
    ds = cornu.utils.text_dataset_from_directory(
        root, label_mode=None, max_length=2, **kwargs
    )
    assert ds[0].tolist() == ["a/", "b/", "c/"]


def test_given_labels_and_no_labels(tmp_path):
    root = _make_tree(tmp_path, {"a": 2, "b": 1})
    ds = cornu.utils.text_dataset_from_directory(
        root, labels=[5, 6, 5], shuffle=False, verbose=False
    )
    assert ds.class_names == ["5", "6"]
    assert _all(ds)[1] == [5, 6, 5]
    ds = cornu.utils.text_dataset_from_directory(
        root, labels=None, batch_size=None, shuffle=False, verbose=False
    )
    assert [ds[i] for i in range(len(ds))] == ["a/0", "a/1", "b/0"]


def test_shuffle_keeps_texts_and_labels_paired(tmp_path):
    root = _make_tree(tmp_path, {"neg": 6, "pos": 6})
    ds = cornu.utils.text_dataset_from_directory(
        root, seed=7, batch_size=5, verbose=False
    )
    texts, labels = _all(ds)
    assert sorted(texts) == sorted(
        f"{c}/{i}" for c in ("neg", "pos") for i in range(6)
    )
    assert texts != sorted(texts)
    for text, label in zip(texts, labels, strict=True):
        assert label == (0 if text.startswith("neg") else 1)
    again = cornu.utils.text_dataset_from_directory(
        root, seed=7, batch_size=5, verbose=False
    )
    assert _all(again)[0] == texts


def test_validation_split_subsets(tmp_path, capsys):
    root = _make_tree(tmp_path, {"neg": 5, "pos": 5})
    train, val = cornu.utils.text_dataset_from_directory(
        root, validation_split=0.2, subset="both", seed=1, batch_size=4
    )
    out = capsys.readouterr().out
    assert "Found 10 files belonging to 2 classes." in out
    assert "Using 8 files for training." in out
    train_texts, _ = _all(train)
    val_texts, _ = _all(val)
    assert len(train_texts) == 8 and len(val_texts) == 2
    assert set(train_texts).isdisjoint(val_texts)
    only_val = cornu.utils.text_dataset_from_directory(
        root,
        validation_split=0.2,
        subset="validation",
        seed=1,
        verbose=False,
    )
    assert _all(only_val)[0] == val_texts


def test_fit_pipeline_reads_it(tmp_path):
    root = _make_tree(tmp_path, {"a": 3, "b": 2})
    ds = cornu.utils.text_dataset_from_directory(
        root, batch_size=2, verbose=False, seed=0
    )
    adapter = get_data_adapter(ds)
    assert adapter.num_batches == 3
    assert [len(b[0]) for b in adapter.get_numpy_iterator()] == [2, 2, 1]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"labels": "folders"}, r"`labels` argument should be a list"),
        ({"labels": [0, 1], "class_names": ["a"]}, r"only pass `class_n"),
        ({"label_mode": "sparse"}, r"label_mode='sparse'"),
        ({"validation_split": 1.5, "subset": "training"}, r"between 0 and 1"),
        ({"validation_split": 0.2}, r"If `subset` is set"),
        ({"validation_split": 0.2, "subset": "test", "seed": 1}, r"'test'"),
        ({"validation_split": 0.2, "subset": "training"}, r"provide a `seed`"),
        ({"class_names": ["a", "z"]}, r"did not match.*\['a', 'b'\]"),
        ({"labels": [0, 1]}, r"len\(labels\) is 2 while we found 3 files"),
        (
            {"labels": None, "class_names": ["a"]},
            r"`labels=None` \(no labels\)",
        ),
        ({"label_mode": "binary", "class_names": ["a"]}, r"exactly 2"),
    ],
    ids=[
        "labels_str",
        "labels_and_class_names",
        "label_mode",
        "split_range",
        "split_without_subset",
        "subset_name",
        "split_without_seed",
        "class_names_mismatch",
        "labels_length",
        "no_labels_with_class_names",
        "binary_needs_two",
    ],
)
def test_errors(tmp_path, kwargs, match):
    root = _make_tree(tmp_path, {"a": 2, "b": 1})
    with pytest.raises(ValueError, match=match):
        cornu.utils.text_dataset_from_directory(root, verbose=False, **kwargs)


def test_missing_or_empty_directory(tmp_path):
    with pytest.raises(ValueError, match=r"Could not find directory"):
        cornu.utils.text_dataset_from_directory(str(tmp_path / "nope"))
    (tmp_path / "a").mkdir()
    with pytest.raises(ValueError, match=r"No text files found in directory"):
        cornu.utils.text_dataset_from_directory(str(tmp_path), verbose=False)
