"""dstack, the left-right / up-down flips and dtype views on OpenVINO.

OpenVINO has no bit cast: `view` works on integer bit patterns. Floats
are taken apart (and rebuilt) arithmetically into sign, biased exponent
and mantissa fields; bytes are split or joined by integer floor
division, remainders and products (little-endian, as NumPy on x86 and
ARM), not by OpenVINO's bitwise nodes, which have no reference kernel for
eager runs. The arithmetic is in int32 (int64 for 8-byte types) on
signed values, so nothing overflows; integers of one width are
reinterpreted by OpenVINO's wrapping `Convert`. Inside a compiled
`predict` graph OpenVINO's CPU plugin computes int64 as int32, so views
from or to 8-byte integers are exact only eagerly.
"""

import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common.capabilities import unsupported
from cornu.src.backend.common.dtypes import result_type
from cornu.src.backend.common.dtypes import standardize_dtype
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import ov_type
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import int_const
from cornu.src.backend.openvino.numpy.reordering import flip

__all__ = ["dstack", "fliplr", "flipud", "view"]


def _at_least_3d(x):
    """`x` reshaped as NumPy's `atleast_3d` does."""
    if x.ndim >= 3:
        return x.output
    if x.ndim == 2:
        return ovops.unsqueeze(x.output, int_const([2])).output(0)
    if x.ndim == 1:
        return ovops.unsqueeze(x.output, int_const([0, 2])).output(0)
    return ovops.reshape(x.output, int_const([1, 1, 1]), False).output(0)


def dstack(xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = result_type(*(x.dtype for x in xs))
    parts = [_at_least_3d(convert_to_tensor(x, dtype)) for x in xs]
    return wrap(ovops.concat(parts, 2))


def fliplr(x):
    return flip(x, axis=1)


def flipud(x):
    return flip(x, axis=0)


# Float formats: (total bits, mantissa bits, smallest normal exponent).
_FLOATS = {
    "float16": (16, 10, -14),
    "bfloat16": (16, 7, -126),
    "float32": (32, 23, -126),
}
_SIGNED = {1: "int8", 2: "int16", 4: "int32", 8: "int64"}


def _width(dtype):
    return 1 if dtype == "bool" else np.dtype(dtype).itemsize


def _floor_div(a, b):
    """a // b (b > 0) for integer outputs: OpenVINO's CPU plugin divides
    integers truncating toward zero, so the quotient is corrected."""
    quotient = ovops.divide(a, b)
    over = ovops.greater(ovops.multiply(quotient, b), a)
    step = ovops.convert(over, a.get_element_type())
    return ovops.subtract(quotient, step).output(0)


def _mod(a, b):
    """a mod b (b > 0) for integer outputs, by floor division: OpenVINO's
    int64 FloorMod reference kernel loses precision above 2**53."""
    return ovops.subtract(a, ovops.multiply(_floor_div(a, b), b))


def _exponent(size):
    """floor(log2(size)) of a positive float32 output, exactly."""
    f32 = "float32"
    two = const(2.0, f32)
    exponent = ovops.floor(
        ovops.multiply(ovops.log(size), const(1 / np.log(2.0), f32))
    )
    for _ in range(2):  # log2 can round across a power of two
        power = ovops.power(two, exponent)
        exponent = ovops.select(
            ovops.greater(power, size),
            ovops.subtract(exponent, const(1, f32)),
            exponent,
        )
        exponent = ovops.select(
            ovops.less_equal(ovops.multiply(power, two), size),
            ovops.add(exponent, const(1, f32)),
            exponent,
        )
    return exponent


def _float_bits(x, dtype, work):
    """The bit pattern of float tensor `x`, as a signed integer of the
    float's width held in an output of dtype `work`."""
    total, bits, lowest = _FLOATS[dtype]
    f32 = "float32"
    value = cast(x, f32).output
    size = ovops.absolute(value)
    normal = ovops.greater_equal(size, const(2.0**lowest, f32))
    exponent = ovops.maximum(_exponent(size), const(lowest, f32))
    scale = ovops.power(
        const(2.0, f32), ovops.subtract(exponent, const(bits, f32))
    )
    mantissa = ovops.divide(size, scale)  # an exact integer
    mantissa = ovops.select(
        normal, ovops.subtract(mantissa, const(2.0**bits, f32)), mantissa
    )
    biased = ovops.select(
        normal, ovops.add(exponent, const(1 - lowest, f32)), const(0.0, f32)
    )
    # Inf and NaN by comparisons (IsNaN/IsInf flush subnormals on the CPU).
    nan = ovops.not_equal(value, value)
    special = ovops.logical_or(nan, ovops.equal(size, const(np.inf, f32)))
    top = 2 ** (total - 1 - bits) - 1  # the all-ones exponent field
    biased = ovops.select(special, const(top, f32), biased)
    quiet = ovops.select(nan, const(2.0 ** (bits - 1), f32), const(0.0, f32))
    mantissa = ovops.select(special, quiet, mantissa)
    # The sign of -0.0 shows in its reciprocal.
    negative = ovops.logical_or(
        ovops.less(value, const(0.0, f32)),
        ovops.less(ovops.divide(const(1.0, f32), value), const(0.0, f32)),
    )
    negative = ovops.logical_and(negative, ovops.logical_not(nan))
    kind = ov_type(work)
    fields = ovops.add(
        ovops.multiply(ovops.convert(biased, kind), const(2**bits, work)),
        ovops.convert(mantissa, kind),
    )
    # The sign bit set: the signed value is fields - 2**(total - 1).
    sign = ovops.select(
        negative, const(-(2 ** (total - 1)), work), const(0, work)
    )
    return ovops.add(fields, sign).output(0)


def _bits_float(signed, dtype, work):
    """The float tensor (of `dtype`) whose bit pattern is the signed
    integer `signed` (an output of dtype `work`)."""
    total, bits, lowest = _FLOATS[dtype]
    f32 = "float32"
    negative = ovops.less(signed, const(0, work))
    fields = ovops.select(
        negative,
        ovops.subtract(signed, const(-(2 ** (total - 1)), work)),
        signed,
    )
    mantissa = _mod(fields, const(2**bits, work))
    biased = _floor_div(fields, const(2**bits, work))
    mantissa_f = ovops.convert(mantissa, "f32")
    biased_f = ovops.convert(biased, "f32")
    normal = ovops.multiply(
        ovops.add(mantissa_f, const(2.0**bits, f32)),
        ovops.power(
            const(2.0, f32),
            ovops.add(biased_f, const(lowest - 1 - bits, f32)),
        ),
    )
    small = ovops.multiply(mantissa_f, const(2.0 ** (lowest - bits), f32))
    value = ovops.select(ovops.equal(biased, const(0, work)), small, normal)
    top = 2 ** (total - 1 - bits) - 1
    special = ovops.select(
        ovops.equal(mantissa, const(0, work)),
        const(np.inf, f32),
        const(np.nan, f32),
    )
    value = ovops.select(ovops.equal(biased, const(top, work)), special, value)
    value = ovops.select(negative, ovops.negative(value), value)
    return cast(wrap(value), dtype)


def view(x, dtype=None):
    x = convert_to_tensor(x)
    if dtype is None:
        return x
    dtype = standardize_dtype(dtype)
    if dtype == x.dtype:
        return x
    if "float64" in (dtype, x.dtype):
        raise unsupported(
            "openvino",
            "numpy.view",
            "viewing float64 bits needs 64-bit float arithmetic, which "
            "OpenVINO's CPU plugin runs in float32 (it has no bit cast). "
            "Use the numpy, jax, torch or tensorflow backend.",
        )
    size_in, size_out = _width(x.dtype), _width(dtype)
    work = "int64" if max(size_in, size_out) == 8 else "int32"
    kind = ov_type(work)
    # 1. The input's bit patterns as signed integers of its width.
    if x.dtype in _FLOATS:
        wide = _float_bits(x, x.dtype, work)
    else:
        wide = ovops.convert(x.output, ov_type(_SIGNED[size_in]))
        wide = ovops.convert(wide, kind).output(0)
    # 2. Split each into smaller pieces, or join pieces into wider ones.
    if size_in > size_out:
        ratio, unit = size_in // size_out, 2 ** (8 * size_out)
        parts = []
        for k in range(ratio):
            shifted = _floor_div(wide, const(unit**k, work))
            piece = _mod(shifted, const(unit, work))
            parts.append(ovops.unsqueeze(piece, int_const([-1])).output(0))
        joined = ovops.concat(parts, -1)
        # 0 copies a leading size (which may be dynamic).
        shape = [0] * (x.ndim - 1) + [x.shape[-1] * ratio]
        wide = ovops.reshape(joined, int_const(shape), True)
        # Each piece as a signed integer of its width (Convert wraps).
        wide = ovops.convert(wide, ov_type(_SIGNED[size_out]))
        wide = ovops.convert(wide, kind).output(0)
    elif size_in < size_out:
        ratio, unit = size_out // size_in, 2 ** (8 * size_in)
        shape = [0] * (x.ndim - 1) + [x.shape[-1] // ratio, ratio]
        grouped = ovops.reshape(wide, int_const(shape), True)
        # Low pieces count unsigned, the top one signed: no overflow.
        low = np.arange(ratio) < ratio - 1
        grouped = ovops.select(low, _mod(grouped, const(unit, work)), grouped)
        weights = const(unit ** np.arange(ratio), work)
        wide = ovops.reduce_sum(
            ovops.multiply(grouped, weights), int_const([-1]), False
        ).output(0)
    # 3. The bit patterns as the requested dtype.
    if dtype in _FLOATS:
        return _bits_float(wide, dtype, work)
    if dtype == "bool":
        return wrap(ovops.not_equal(wide, const(0, work)))
    signed = ovops.convert(wide, ov_type(_SIGNED[size_out]))
    return cast(wrap(signed), dtype)
