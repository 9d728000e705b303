import pytest

from cornu.src.utils.naming import to_snake_case


@pytest.mark.parametrize(
    "name, expected",
    [
        ("BatchNormalization", "batch_normalization"),
        ("GRU", "gru"),
        ("MaxPooling2D", "max_pooling2d"),
        ("GlorotUniform", "glorot_uniform"),
        ("ScheduleFreeAdamW", "schedule_free_adam_w"),
        ("Conv2DTranspose", "conv2d_transpose"),
        ("L1L2", "l1l2"),
        ("my layer!", "mylayer"),
    ],
)
def test_keras_naming_rule(name, expected):
    assert to_snake_case(name) == expected
