import numpy as np
import pytest

import cornu
from cornu import ops


def _data(n=10):
    return np.arange(n * 2).reshape(n, 2)


@pytest.mark.parametrize(
    "left, right, sizes",
    [
        (0.8, None, (8, 2)),
        (None, 0.3, (7, 3)),
        (6, None, (6, 4)),
        (None, 1, (9, 1)),
        (0.5, 0.2, (5, 2)),
        (3, 4, (3, 4)),
    ],
    ids=str,
)
def test_sizes_and_order(left, right, sizes):
    data = _data(10)
    a, b = cornu.utils.split_dataset(data, left_size=left, right_size=right)
    assert (len(a), len(b)) == sizes
    np.testing.assert_array_equal(a, data[: sizes[0]])
    np.testing.assert_array_equal(b, data[10 - sizes[1] :])


def test_tuples_lists_and_dicts_split_sample_wise():
    x, y = _data(5), np.arange(5)
    (xa, ya), (xb, yb) = cornu.utils.split_dataset((x, y), left_size=3)
    np.testing.assert_array_equal(xa, x[:3])
    np.testing.assert_array_equal(yb, y[3:])
    left, right = cornu.utils.split_dataset({"x": x, "y": y}, right_size=0.4)
    assert set(left) == {"x", "y"} and len(right["y"]) == 2
    left, _ = cornu.utils.split_dataset([x, y], left_size=0.2)
    assert isinstance(left, list) and left[1].tolist() == [0]


def test_tensors_are_read_as_arrays():
    t = ops.convert_to_tensor(_data(4))
    a, b = cornu.utils.split_dataset(t, left_size=0.5)
    assert isinstance(a, np.ndarray) and a.tolist() == [[0, 1], [2, 3]]


def test_shuffle_is_seeded_and_keeps_samples_paired():
    x, y = _data(20), np.arange(20)
    (xa, ya), (xb, yb) = cornu.utils.split_dataset(
        (x, y), left_size=0.5, shuffle=True, seed=1
    )
    (xa2, _), _ = cornu.utils.split_dataset(
        (x, y), left_size=0.5, shuffle=True, seed=1
    )
    np.testing.assert_array_equal(xa, xa2)
    assert sorted(np.concatenate([ya, yb]).tolist()) == list(range(20))
    assert ya.tolist() != list(range(10))
    np.testing.assert_array_equal(xa[:, 0], 2 * ya)


def test_torch_dataset_gives_subsets():
    torch = pytest.importorskip("torch", reason="needs torch installed")
    dataset = torch.utils.data.TensorDataset(torch.arange(10))
    a, b = cornu.utils.split_dataset(dataset, left_size=0.7)
    assert isinstance(a, torch.utils.data.Subset)
    assert [int(a[i][0]) for i in range(len(a))] == list(range(7))
    assert [int(b[i][0]) for i in range(len(b))] == [7, 8, 9]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({}, ValueError, r"At least one of the `left_size`"),
        ({"left_size": 1.5}, ValueError, r"left_size=1.5"),
        ({"right_size": 10}, ValueError, r"smaller than 10.*right_size=10"),
        ({"left_size": "half"}, TypeError, r"left_size='half' of type str"),
        ({"left_size": 0.6, "right_size": 0.6}, ValueError, r"must not exc"),
        ({"left_size": 0.01}, ValueError, r"the left split would be empty"),
    ],
    ids=["none", "float_range", "int_range", "type", "sum", "empty_side"],
)
def test_size_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        cornu.utils.split_dataset(_data(10), **kwargs)


def test_dataset_errors():
    with pytest.raises(TypeError, match=r"of type generator"):
        cornu.utils.split_dataset((i for i in range(3)), left_size=0.5)
    with pytest.raises(ValueError, match=r"Data cardinality is ambiguous"):
        cornu.utils.split_dataset((np.ones(3), np.ones(4)), left_size=1)
    with pytest.raises(ValueError, match=r"holds no samples"):
        cornu.utils.split_dataset(np.ones((0, 2)), left_size=0.5)
