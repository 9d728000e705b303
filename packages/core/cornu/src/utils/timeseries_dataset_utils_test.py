import numpy as np
import pytest

import cornu
from cornu import ops
from cornu.src.trainers.data_adapters import get_data_adapter


def _reference(data, targets, length, stride, rate, start, end):
    """Windows and targets by the definition, one at a time."""
    end = len(data) if end is None else end
    windows, ys = [], []
    s = start
    while s + (length - 1) * rate < end and (
        targets is None or s < len(targets)
    ):
        windows.append(data[s : s + (length - 1) * rate + 1 : rate])
        if targets is not None:
            ys.append(targets[s])
        s += stride
    return np.array(windows), np.array(ys)


@pytest.mark.parametrize(
    "length, stride, rate, start, end, batch_size",
    [
        (10, 3, 2, None, None, 5),
        (3, 1, 1, 2, 20, 4),
        (5, 2, 3, 0, 29, 128),
        (4, 1, 1, None, None, 1),
    ],
    ids=["keras_example", "start_end", "one_batch", "batch_of_one"],
)
def test_windows_match_the_definition(
    length, stride, rate, start, end, batch_size
):
    data = np.arange(100 * 2).reshape(100, 2)[:30]
    targets = np.arange(30) * 10
    ds = cornu.utils.timeseries_dataset_from_array(
        data,
        targets,
        sequence_length=length,
        sequence_stride=stride,
        sampling_rate=rate,
        batch_size=batch_size,
        start_index=start,
        end_index=end,
    )
    assert isinstance(ds, cornu.utils.PyDataset)
    batches = [ds[i] for i in range(len(ds))]
    assert all(len(b[0]) <= batch_size for b in batches)
    x = np.concatenate([b[0] for b in batches])
    y = np.concatenate([b[1] for b in batches])
    ref_x, ref_y = _reference(
        data, targets, length, stride, rate, start or 0, end
    )
    np.testing.assert_array_equal(x, ref_x)
    np.testing.assert_array_equal(y, ref_y)


def test_keras_docstring_example_indices():
    ds = cornu.utils.timeseries_dataset_from_array(
        np.arange(99),
        None,
        sequence_length=10,
        sampling_rate=2,
        sequence_stride=3,
        batch_size=None,
    )
    assert ds[0].tolist() == list(range(0, 20, 2))
    assert ds[1].tolist() == list(range(3, 23, 2))
    assert ds[len(ds) - 1].tolist() == list(range(78, 98, 2))
    with pytest.raises(IndexError, match=r"out of range"):
        ds[len(ds)]


def test_no_targets_yields_windows_only_and_tensors_are_read():
    data = ops.convert_to_tensor(np.arange(8.0))
    ds = cornu.utils.timeseries_dataset_from_array(
        data, None, sequence_length=4, batch_size=8
    )
    (batch,) = [ds[0]]
    assert batch.shape == (5, 4)


def test_shuffle_is_a_seeded_permutation():
    data = np.arange(50)
    kwargs = dict(sequence_length=5, batch_size=7, shuffle=True, seed=3)
    ds = cornu.utils.timeseries_dataset_from_array(data, data, **kwargs)
    again = cornu.utils.timeseries_dataset_from_array(data, data, **kwargs)
    y = np.concatenate([ds[i][1] for i in range(len(ds))])
    y_again = np.concatenate([again[i][1] for i in range(len(again))])
    assert sorted(y.tolist()) == list(range(46))
    assert y.tolist() != list(range(46))
    assert y.tolist() == y_again.tolist()
    for i in range(len(ds)):  # every window still matches its target
        x_i, y_i = ds[i]
        np.testing.assert_array_equal(x_i[:, 0], y_i)


def test_fit_pipeline_reads_it():
    data = np.arange(20.0)
    ds = cornu.utils.timeseries_dataset_from_array(
        data, data, sequence_length=3, batch_size=8
    )
    adapter = get_data_adapter(ds)
    assert adapter.num_batches == 3
    assert [len(b[0]) for b in adapter.get_numpy_iterator()] == [8, 8, 2]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"start_index": 20}, r"`start_index` must be lower than the length"),
        ({"start_index": -1}, r"start_index=-1"),
        ({"end_index": 10}, r"`end_index` must be lower than the length"),
        ({"start_index": 5, "end_index": 3}, r"higher than `start_index`"),
        ({"sampling_rate": 0}, r"`sampling_rate` must be higher than 0"),
        ({"sequence_stride": 10}, r"`sequence_stride` must be lower"),
        ({"sequence_length": 0}, r"`sequence_length` must be higher"),
        ({"format": "torch"}, r"format='torch'"),
        ({"batch_size": 0}, r"`batch_size` must be a positive int.*=0"),
    ],
    ids=lambda v: str(v) if isinstance(v, dict) else "",
)
def test_errors(kwargs, match):
    args = dict(sequence_length=3)
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        cornu.utils.timeseries_dataset_from_array(np.arange(10), None, **args)
