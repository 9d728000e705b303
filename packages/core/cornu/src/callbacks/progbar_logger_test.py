import re

import pytest

import cornu

_LINE = r"\d+s \d+(us|ms|s)/step"


def _fit(callbacks, epochs, steps, val=True):
    callbacks.on_train_begin()
    for epoch in range(epochs):
        callbacks.on_epoch_begin(epoch)
        for batch in range(steps):
            callbacks.on_train_batch_begin(batch)
            callbacks.on_train_batch_end(batch, {"loss": 1.0 / (batch + 1)})
        logs = {"loss": 0.5}
        if val:
            callbacks.on_test_begin()
            callbacks.on_test_batch_end(0, {"loss": 0.7})
            callbacks.on_test_end({"loss": 0.7})
            logs["val_loss"] = 0.7
        callbacks.on_epoch_end(epoch, logs)
    callbacks.on_train_end(logs)


def test_fit_prints_epoch_headers_and_one_line_per_epoch(capsys):
    callbacks = cornu.callbacks.CallbackList(
        add_progbar=True, verbose=1, epochs=2, steps=3
    )
    _fit(callbacks, epochs=2, steps=3)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    for epoch in range(2):
        assert lines[2 * epoch] == f"Epoch {epoch + 1}/2"
        assert re.fullmatch(
            rf"3/3 ━{{20}} {_LINE} - loss: 0.5000 - val_loss: 0.7000",
            lines[2 * epoch + 1],
        )


def test_verbose_2_prints_a_summary_line_per_epoch(capsys):
    callbacks = cornu.callbacks.CallbackList(
        add_progbar=True, verbose=2, epochs=2, steps=3
    )
    _fit(callbacks, epochs=2, steps=3, val=False)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Epoch 1/2" and lines[2] == "Epoch 2/2"
    assert re.fullmatch(rf"3/3 - \d+s - {_LINE[5:]} - loss: 0.5000", lines[1])


@pytest.mark.parametrize("verbose", [0])
def test_verbose_0_is_silent(capsys, verbose):
    callbacks = cornu.callbacks.CallbackList(
        [cornu.callbacks.ProgbarLogger()], verbose=verbose, epochs=2, steps=3
    )
    _fit(callbacks, epochs=2, steps=3)
    assert capsys.readouterr().out == ""


def test_auto_verbose_is_1_and_a_single_epoch_has_no_header(capsys):
    logger = cornu.callbacks.ProgbarLogger()
    callbacks = cornu.callbacks.CallbackList(
        [logger], verbose="auto", epochs=1, steps=2
    )
    assert logger.verbose == 1
    _fit(callbacks, epochs=1, steps=2, val=False)
    out = capsys.readouterr().out
    assert re.fullmatch(rf"2/2 ━{{20}} {_LINE} - loss: 0.5000\n", out)


def test_unknown_steps_take_the_first_epochs_count(capsys):
    logger = cornu.callbacks.ProgbarLogger()
    callbacks = cornu.callbacks.CallbackList(
        [logger], verbose=2, epochs=2, steps=None
    )
    _fit(callbacks, epochs=2, steps=4, val=False)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("4/4 - ") and lines[3].startswith("4/4 - ")
    assert logger.target == 4


def test_evaluate_and_predict_show_their_own_bars(capsys):
    logger = cornu.callbacks.ProgbarLogger()
    callbacks = cornu.callbacks.CallbackList(
        [logger], verbose=1, epochs=1, steps=2
    )
    callbacks.on_test_begin()
    callbacks.on_test_batch_end(0, {"loss": 0.5})
    callbacks.on_test_batch_end(1, {"loss": 0.25})
    callbacks.on_test_end({"loss": 0.25})
    callbacks.on_predict_begin()
    callbacks.on_predict_batch_end(0, {"outputs": [1.0]})
    callbacks.on_predict_batch_end(1, {"outputs": [2.0]})
    callbacks.on_predict_end()
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"2/2 ━{{20}} {_LINE} - loss: 0.2500", lines[0])
    assert re.fullmatch(rf"2/2 ━{{20}} {_LINE}", lines[1])


def test_evaluate_after_fit_with_the_same_logger_is_shown(capsys):
    logger = cornu.callbacks.ProgbarLogger()
    callbacks = cornu.callbacks.CallbackList(
        [logger], verbose=2, epochs=1, steps=1
    )
    _fit(callbacks, epochs=1, steps=1)
    capsys.readouterr()
    callbacks.on_test_begin()
    callbacks.on_test_batch_end(0, {"loss": 0.5})
    callbacks.on_test_end({"loss": 0.5})
    assert capsys.readouterr().out.startswith("1/1 - ")


def test_terminal_bar_shows_the_running_logs_as_given(capsys):
    logger = cornu.callbacks.ProgbarLogger()
    callbacks = cornu.callbacks.CallbackList(
        [logger], verbose=1, epochs=1, steps=4
    )
    callbacks.on_train_begin()
    callbacks.on_epoch_begin(0)
    logger.progbar._dynamic_display = True
    callbacks.on_train_batch_end(0, {"loss": 1.0})
    callbacks.on_epoch_end(0, {"loss": 0.5})
    frames = capsys.readouterr().out.split("\r")[1:]
    assert frames[0].startswith("1/4 ") and "loss: 1.0000" in frames[0]
    assert frames[-1].startswith("4/4 ") and frames[-1].endswith(
        "loss: 0.5000\n"
    )
