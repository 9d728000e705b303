"""Indexing on the PyTorch backend."""

import re

import torch

from cornu.src.backend.common.dtypes import dtype_of
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.torch.core import convert_to_tensor

__all__ = [
    "take",
    "take_along_axis",
    "where",
    "select",
    "nonzero",
    "diagonal",
    "get_item",
    "unravel_index",
    "vectorize",
    "ndim",
    "size",
]


def _indices(indices, size, device):
    """Long indices on `device`, negative ones counted from the end."""
    indices = convert_to_tensor(indices).to(device=device, dtype=torch.long)
    return torch.where(indices < 0, indices + size, indices)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis = axis % x.ndim
    idx = _indices(indices, x.shape[axis], x.device)
    out = torch.index_select(x, axis, idx.reshape(-1))
    return out.reshape(x.shape[:axis] + idx.shape + x.shape[axis + 1:])


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = x.reshape(-1), 0
    axis = axis % x.ndim
    idx = _indices(indices, x.shape[axis], x.device)
    x_other, i_other = list(x.shape), list(idx.shape)
    x_other[axis] = i_other[axis] = 1
    shape = list(torch.broadcast_shapes(tuple(x_other), tuple(i_other)))
    x_shape, i_shape = list(shape), list(shape)
    x_shape[axis], i_shape[axis] = x.shape[axis], idx.shape[axis]
    return torch.gather(x.expand(x_shape), axis, idx.expand(i_shape))


def _operand(value, dtype, device):
    return convert_to_tensor(value, dtype=dtype).to(device)


def where(condition, x1=None, x2=None):
    # The common case (a bool condition, two tensors of one dtype) is
    # `cornu.ops.where`'s hot path (`_hot_paths.py`); this is the rest.
    condition = convert_to_tensor(condition)
    if x1 is None:
        return nonzero(condition)
    dtype = result_type(dtype_of(x1), dtype_of(x2))
    device = condition.device
    return torch.where(
        condition.to(torch.bool),
        _operand(x1, dtype, device),
        _operand(x2, dtype, device),
    )


def select(condlist, choicelist, default=0):
    dtype = result_type(*(dtype_of(c) for c in choicelist), dtype_of(default))
    conds = [convert_to_tensor(c).to(torch.bool) for c in condlist]
    device = conds[0].device
    out = _operand(default, dtype, device)
    for cond, choice in reversed(list(zip(conds, choicelist, strict=True))):
        out = torch.where(cond, _operand(choice, dtype, device), out)
    return out


def nonzero(x):
    x = convert_to_tensor(x)
    return tuple(i.to(torch.int32) for i in torch.nonzero(x, as_tuple=True))


def diagonal(x, offset=0, axis1=0, axis2=1):
    return torch.diagonal(convert_to_tensor(x), offset, axis1, axis2)


def get_item(x, key):
    if isinstance(key, list):
        key = tuple(key)
    return convert_to_tensor(x)[key]


def unravel_index(indices, shape):
    indices = convert_to_tensor(indices)
    coords = []
    for dim in reversed(shape):
        coords.append(torch.remainder(indices, dim))
        indices = torch.div(indices, dim, rounding_mode="floor")
    return tuple(reversed(coords))


def ndim(x):
    return convert_to_tensor(x).ndim


def size(x):
    return convert_to_tensor(x).numel()


_DIMS = re.compile(r"\(([^()]*)\)")


def vectorize(pyfunc, *, excluded=None, signature=None):
    """`np.vectorize` on top of `torch.vmap`: loop axes are broadcast,
    flattened into one batch axis, mapped, and restored."""
    excluded = set(excluded or ())

    def wrapped(*args, **kwargs):
        positions = [i for i in range(len(args)) if i not in excluded]
        tensors = [convert_to_tensor(args[i]) for i in positions]
        if signature is None:
            core = [0] * len(tensors)
        else:
            inputs = signature.split("->")[0]
            core = [
                len([d for d in group.split(",") if d.strip()])
                for group in _DIMS.findall(inputs)
            ]
        loops = [t.shape[: t.ndim - c] for t, c in zip(
            tensors, core, strict=True
        )]
        loop_shape = torch.broadcast_shapes(*loops)
        flat = [
            t.expand(loop_shape + t.shape[t.ndim - c:]).reshape(
                (-1,) + t.shape[t.ndim - c:]
            )
            for t, c in zip(tensors, core, strict=True)
        ]

        def call(*mapped):
            full = list(args)
            for i, value in zip(positions, mapped, strict=True):
                full[i] = value
            return pyfunc(*full, **kwargs)

        out = torch.vmap(call)(*flat)
        if isinstance(out, (tuple, list)):
            return type(out)(
                o.reshape(loop_shape + o.shape[1:]) for o in out
            )
        return out.reshape(loop_shape + out.shape[1:])

    return wrapped
