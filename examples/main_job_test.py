import pytest
from main_job import TARGET_ACCURACY
from main_job import main


@pytest.mark.requires_capability("training")
def test_main_job_trains_evaluates_saves_and_reloads(tmp_path):
    result = main(verbose=0, workdir=str(tmp_path))
    assert result["test_accuracy"] >= TARGET_ACCURACY
    assert result["reloaded_max_difference"] <= 1e-6
    assert result["saved_bytes"] > 0
