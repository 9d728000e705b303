import csv

import numpy as np

import cornu


def _train(logger, epochs_logs, start=0):
    callbacks = cornu.callbacks.CallbackList([logger])
    callbacks.on_train_begin()
    for epoch, logs in enumerate(epochs_logs, start=start):
        callbacks.on_epoch_begin(epoch)
        callbacks.on_epoch_end(epoch, dict(logs))
    callbacks.on_train_end()


def _read(path, delimiter=","):
    with open(path, newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def test_writes_a_header_and_one_row_per_epoch(tmp_path):
    path = tmp_path / "log.csv"
    logger = cornu.callbacks.CSVLogger(path)
    _train(
        logger,
        [
            {"loss": 1.0, "val_loss": 2.0, "acc": 0.5, "val_acc": 0.25},
            {"loss": 0.5, "val_loss": 1.5, "acc": 0.75, "val_acc": 0.5},
        ],
    )
    assert _read(path) == [
        ["epoch", "acc", "loss", "val_acc", "val_loss"],
        ["0", "0.5", "1.0", "0.25", "2.0"],
        ["1", "0.75", "0.5", "0.5", "1.5"],
    ]


def test_rows_are_flushed_at_every_epoch(tmp_path):
    path = tmp_path / "log.csv"
    logger = cornu.callbacks.CSVLogger(str(path))
    logger.on_train_begin()
    logger.on_epoch_end(0, {"loss": 1.0})
    assert _read(path) == [["epoch", "loss", "val_loss"], ["0", "1.0", "NA"]]
    logger.on_train_end()
    assert logger.csv_file.closed


def test_append_continues_without_a_second_header(tmp_path):
    path = tmp_path / "log.csv"
    _train(cornu.callbacks.CSVLogger(path), [{"loss": 1.0}])
    _train(
        cornu.callbacks.CSVLogger(path, append=True), [{"loss": 0.5}], start=1
    )
    assert _read(path) == [
        ["epoch", "loss", "val_loss"],
        ["0", "1.0", "NA"],
        ["1", "0.5", "NA"],
    ]
    # Without append, the file is overwritten.
    _train(cornu.callbacks.CSVLogger(path), [{"loss": 0.25}])
    assert _read(path) == [["epoch", "loss", "val_loss"], ["0", "0.25", "NA"]]


def test_append_to_a_new_file_writes_the_header(tmp_path):
    path = tmp_path / "new.csv"
    _train(cornu.callbacks.CSVLogger(path, append=True), [{"loss": 1.0}])
    assert _read(path)[0] == ["epoch", "loss", "val_loss"]


def test_separator_and_array_values(tmp_path):
    path = tmp_path / "log.tsv"
    logger = cornu.callbacks.CSVLogger(path, separator="\t")
    _train(logger, [{"loss": np.float32(0.5), "per_class": np.array([1, 2])}])
    rows = _read(path, delimiter="\t")
    assert rows[0] == [
        "epoch",
        "loss",
        "per_class",
        "val_loss",
        "val_per_class",
    ]
    assert rows[1] == ["0", "0.5", '"[1, 2]"', "NA", "NA"]
