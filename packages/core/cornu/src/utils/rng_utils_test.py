"""set_random_seed: Python, NumPy and cornu's own random state."""

import random

import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.utils import rng_utils


def _draw():
    return (
        random.random(),
        np.random.rand(3).tolist(),
        ops.convert_to_numpy(cornu.random.normal((4,))).tolist(),
        ops.convert_to_numpy(
            cornu.random.uniform((2,), seed=cornu.random.SeedGenerator())
        ).tolist(),
        ops.convert_to_numpy(
            cornu.initializers.GlorotUniform()((2, 3))
        ).tolist(),
    )


def test_set_random_seed_makes_every_source_repeat():
    cornu.utils.set_random_seed(1234)
    first = _draw()
    cornu.utils.set_random_seed(1234)
    assert _draw() == first
    cornu.utils.set_random_seed(4321)
    other = _draw()
    for a, b in zip(first, other, strict=True):
        assert a != b


def test_set_random_seed_matches_python_and_numpy_seeding():
    cornu.utils.set_random_seed(7)
    ours = (random.random(), np.random.rand())
    random.seed(7)
    np.random.seed(7)
    assert ours == (random.random(), np.random.rand())


def test_get_random_seed_and_clear_session():
    assert rng_utils.get_random_seed() is None
    cornu.utils.set_random_seed(np.int64(5))
    assert rng_utils.get_random_seed() == 5
    cornu.utils.clear_session()
    assert rng_utils.get_random_seed() is None


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, "3", True, None], ids=repr)
def test_set_random_seed_rejects_bad_seeds(seed):
    with pytest.raises(ValueError, match="Received: seed="):
        cornu.utils.set_random_seed(seed)
