import io
import re

import pytest

import cornu
from cornu.src.utils import progbar as progbar_lib


class FakeTime:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 0.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(progbar_lib, "time", fake)
    return fake


def _steps(bar, clock, losses, start=1):
    for step, loss in enumerate(losses, start=start):
        clock.now = float(step)
        bar.update(step, [("loss", loss)])


def test_plain_output_is_one_line_when_finalized(capsys, clock):
    bar = cornu.utils.Progbar(target=4)
    assert not bar._dynamic_display  # pytest's captured stdout
    _steps(bar, clock, [1.0, 0.5, 0.25][:3])
    assert capsys.readouterr().out == ""
    clock.now = 4.0
    bar.update(4, [("loss", 0.125)])
    assert capsys.readouterr().out == "4/4 " + "━" * 20 + (
        " 4s 1s/step - loss: 0.1250\n"
    )


def test_verbose_2_prints_one_line_per_finalized_bar(capsys, clock):
    bar = cornu.utils.Progbar(target=4, verbose=2)
    _steps(bar, clock, [1.0, 0.5, 0.25, 0.125])
    assert capsys.readouterr().out == ("4/4 - 4s - 1s/step - loss: 0.1250\n")


def test_verbose_0_is_silent(capsys, clock):
    bar = cornu.utils.Progbar(target=2, verbose=0)
    _steps(bar, clock, [1.0, 0.5])
    bar._dynamic_display = True
    bar.update(2, finalize=True)
    assert capsys.readouterr().out == ""


def test_metrics_are_averaged_over_steps_unless_stateful(capsys, clock):
    bar = cornu.utils.Progbar(target=None, verbose=2, stateful_metrics=["acc"])
    clock.now = 1.0
    bar.update(1, [("loss", 1.0), ("acc", 0.25)])
    clock.now = 3.0
    # Two steps at once: the value counts twice in the average.
    bar.update(3, [("loss", 4.0), ("acc", 0.75)])
    bar.update(3, finalize=True)
    out = capsys.readouterr().out
    # (1 * 1.0 + 2 * 4.0) / 3 = 3.0; `acc` is shown as given.
    assert (
        out == "      3/Unknown - 3s - 1s/step - loss: 3.0000 - acc: 0.7500\n"
    )


def test_final_values_are_shown_as_given(capsys, clock):
    bar = cornu.utils.Progbar(target=2, verbose=2)
    clock.now = 1.0
    bar.update(1, [("loss", 10.0)])
    clock.now = 2.0
    bar.update(2, [("loss", 0.5)], finalize=True)
    assert capsys.readouterr().out.endswith("loss: 0.5000\n")


def test_add_moves_by_n_steps(capsys, clock):
    bar = cornu.utils.Progbar(target=3, verbose=2)
    clock.now = 1.0
    bar.add(1)
    clock.now = 3.0
    bar.add(2, values=[("loss", 2e-4)])
    assert capsys.readouterr().out == "3/3 - 3s - 1s/step - loss: 2.0000e-04\n"


def test_terminal_display_redraws_in_place_throttled_by_interval(capsys, clock):
    bar = cornu.utils.Progbar(target=4, interval=0.5)
    bar._dynamic_display = True
    clock.now = 1.0
    bar.update(1, [("loss", 1.0)])
    clock.now = 1.2  # Within `interval`: no redraw.
    bar.update(2, [("loss", 1.0)])
    clock.now = 3.0
    bar.update(3, [("loss", 1.0)])
    clock.now = 4.0
    bar.update(4, [("loss", 1.0)])
    out = capsys.readouterr().out
    frames = out.split("\r")[1:]
    assert len(frames) == 3
    # Step 1 took 1 s: ETA 3 s for the 3 steps left.
    # No colors in a captured stream: the rest of the bar is thinner.
    assert frames[0].startswith("1/4 " + "━" * 5 + "─" * 15 + " ")
    assert " 3s 1s/step - loss: 1.0000" in frames[0]
    # Step 3: ETA 1 s (2 s for the 2 steps after the first).
    assert frames[1].startswith("3/4 ") and " 1s 1s/step" in frames[1]
    # Final frame: elapsed time, full bar, then a newline.
    assert frames[2] == "4/4 " + "━" * 20 + " 4s 1s/step - loss: 1.0000\n"


def test_terminal_display_truncates_to_the_terminal_width(
    capsys, clock, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "30")
    bar = cornu.utils.Progbar(target=2)
    bar._dynamic_display = True
    clock.now = 1.0
    bar.update(1, [("a_long_metric_name", 1.0), ("another_metric", 2.0)])
    clock.now = 2.0
    bar.update(2, [("a_long_metric_name", 1.0), ("another_metric", 2.0)])
    frames = capsys.readouterr().out.split("\r")[1:]
    assert len(frames[0]) == 29 and frames[0].endswith("…")
    assert frames[1].endswith("another_metric: 2.0000\n")


def test_bar_falls_back_to_ascii_when_stdout_cannot_encode_it():
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert progbar_lib._bar_char(ascii_stream) == "="
    utf8_stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    assert progbar_lib._bar_char(utf8_stream) == "━"


@pytest.mark.parametrize(
    "seconds, text",
    [
        (0, "0s/step"),
        (2.4, "2s/step"),
        (0.015, "15ms/step"),
        (2e-5, "20us/step"),
    ],
)
def test_format_time(seconds, text):
    assert progbar_lib.format_time(seconds, "step") == text


@pytest.mark.parametrize(
    "seconds, text", [(7.9, "7s"), (123, "2:03"), (3723, "1:02:03")]
)
def test_format_eta(seconds, text):
    assert progbar_lib.format_eta(seconds) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (0.5, "0.5000"),
        (-2.0, "-2.0000"),
        (1e-5, "1.0000e-05"),
        ("text", "text"),
    ],
)
def test_format_value(value, text):
    assert progbar_lib.format_value(value) == text


def test_plain_lines_hold_no_escape_codes(capsys):
    bar = cornu.utils.Progbar(target=1)
    bar.update(1, [("loss", 1.0)])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert re.fullmatch(
        r"1/1 ━{20} \d+s \d+(us|ms|s)/step - loss: 1.0000\n", out
    )


def test_non_scalar_values_are_shown_as_given(capsys, clock):
    bar = cornu.utils.Progbar(target=1, verbose=2)
    clock.now = 1.0
    bar.update(1, [("tag", "best"), ("sizes", [1, 2])])
    assert capsys.readouterr().out == (
        "1/1 - 1s - 1s/step - tag: best - sizes: [1, 2]\n"
    )
