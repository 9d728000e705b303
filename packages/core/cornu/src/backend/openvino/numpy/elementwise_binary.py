"""Two-input element-wise math (maximum, arctan2, ...) on OpenVINO."""

import math

import ml_dtypes
import numpy as np
import openvino.opset15 as ovops

from cornu.src.backend.common import math_dtypes
from cornu.src.backend.openvino.core import cast
from cornu.src.backend.openvino.core import convert_to_tensor
from cornu.src.backend.openvino.core import ov_type
from cornu.src.backend.openvino.core import wrap
from cornu.src.backend.openvino.numpy.promotion import const
from cornu.src.backend.openvino.numpy.promotion import promoted
from cornu.src.backend.openvino.numpy.promotion import promoted_float

__all__ = [
    "arctan2",
    "logaddexp",
    "logaddexp2",
    "hypot",
    "heaviside",
    "ldexp",
    "nextafter",
    "gcd",
    "lcm",
    "maximum",
    "minimum",
    "fmax",
    "fmin",
]


def _min_max(fn, logical):
    def op(x1, x2):
        x1, x2 = promoted(x1, x2)
        if x1.dtype == "bool":
            return wrap(logical(x1.output, x2.output))
        out = fn(x1.output, x2.output)
        if "int" not in x1.dtype:  # NaN wins, as in NumPy
            nan = ovops.logical_or(
                ovops.is_nan(x1.output), ovops.is_nan(x2.output)
            )
            out = ovops.select(nan, const(np.nan, x1.dtype), out)
        return wrap(out)

    return op


maximum = _min_max(ovops.maximum, ovops.logical_or)
minimum = _min_max(ovops.minimum, ovops.logical_and)


def _nan_ignoring(fn):
    def op(x1, x2):
        x1, x2 = promoted(x1, x2)
        if x1.dtype == "bool" or "int" in x1.dtype:
            return wrap(fn(x1.output, x2.output))
        a, b = x1.output, x2.output
        out = fn(a, b)
        out = ovops.select(ovops.is_nan(a), b, out)
        return wrap(ovops.select(ovops.is_nan(b), a, out))

    return op


fmax = _nan_ignoring(ovops.maximum)
fmin = _nan_ignoring(ovops.minimum)


def arctan2(x1, x2):
    y, x = promoted_float(x1, x2)
    y, x = y.output, x.output
    zero = const(0, _dtype(y))
    pi = const(math.pi, _dtype(y))
    half_pi = const(math.pi / 2, _dtype(y))
    base = ovops.atan(ovops.divide(y, x))
    negative_x = ovops.less(x, zero)
    y_negative = ovops.less(y, zero)
    shifted = ovops.select(
        y_negative, ovops.subtract(base, pi), ovops.add(base, pi)
    )
    out = ovops.select(negative_x, shifted, base)
    x_zero = ovops.equal(x, zero)
    on_axis = ovops.select(
        ovops.greater(y, zero),
        half_pi,
        ovops.select(y_negative, ovops.negative(half_pi), zero),
    )
    return wrap(ovops.select(x_zero, on_axis, out))


def _dtype(output):
    from cornu.src.backend.openvino.core import dtype_name

    return dtype_name(output.get_element_type())


def logaddexp(x1, x2):
    a, b = promoted_float(x1, x2)
    high = ovops.maximum(a.output, b.output)
    low = ovops.minimum(a.output, b.output)
    one = const(1.0, a.dtype)
    rest = ovops.log(ovops.add(one, ovops.exp(ovops.subtract(low, high))))
    return wrap(ovops.add(high, rest))


def logaddexp2(x1, x2):
    a, b = promoted_float(x1, x2)
    high = ovops.maximum(a.output, b.output)
    low = ovops.minimum(a.output, b.output)
    dtype = a.dtype
    gap = ovops.power(const(2.0, dtype), ovops.subtract(low, high))
    rest = ovops.multiply(
        ovops.log(ovops.add(const(1.0, dtype), gap)),
        const(1.0 / math.log(2.0), dtype),
    )
    out = ovops.add(high, rest)
    # Equal infinities: inf - inf is nan, the answer is the infinity.
    same = ovops.equal(a.output, b.output)
    return wrap(ovops.select(same, ovops.add(high, const(1.0, dtype)), out))


def ldexp(x1, x2):
    x1 = convert_to_tensor(x1)
    x2 = convert_to_tensor(x2)
    dtype = math_dtypes.promote_float(x1, x2)
    mantissa = convert_to_tensor(x1, dtype).output
    exponent = ovops.convert(x2.output, ov_type(dtype))
    # Two half-steps, so 2**x2 alone never overflows where x1 * 2**x2
    # does not (e.g. a tiny x1 with a large x2).
    first = ovops.floor(ovops.multiply(exponent, const(0.5, dtype)))
    second = ovops.subtract(exponent, first)
    two = const(2.0, dtype)
    out = ovops.multiply(mantissa, ovops.power(two, first))
    return wrap(ovops.multiply(out, ovops.power(two, second)))


# dtype -> (mantissa bits, smallest normal exponent): the float formats'
# spacing, so nextafter is arithmetic (OpenVINO has no bit casts).
_FLOAT_FORMAT = {
    "float16": (10, -14),
    "bfloat16": (7, -126),
    "float32": (23, -126),
    "float64": (52, -1022),
}


def nextafter(x1, x2):
    a, b = promoted_float(x1, x2)
    dtype = a.dtype
    bits, lowest = _FLOAT_FORMAT[dtype]
    compute = "float64" if dtype == "float64" else "float32"
    x = convert_to_tensor(a, compute).output
    y = convert_to_tensor(b, compute).output
    size = ovops.absolute(x)
    two = const(2.0, compute)
    exponent = ovops.floor(
        ovops.multiply(ovops.log(size), const(1 / math.log(2.0), compute))
    )
    # log2 can round across a power of two: step the exponent back.
    for _ in range(2):
        power = ovops.power(two, exponent)
        exponent = ovops.select(
            ovops.greater(power, size),
            ovops.subtract(exponent, const(1, compute)),
            exponent,
        )
        exponent = ovops.select(
            ovops.less_equal(ovops.multiply(power, two), size),
            ovops.add(exponent, const(1, compute)),
            exponent,
        )
    exponent = ovops.maximum(exponent, const(lowest, compute))
    power = ovops.power(two, exponent)
    up = ovops.power(two, ovops.subtract(exponent, const(bits, compute)))
    # Below a power of two the spacing halves (not among subnormals).
    halves = ovops.logical_and(
        ovops.equal(size, power),
        ovops.greater(exponent, const(lowest, compute)),
    )
    down = ovops.select(halves, ovops.multiply(up, const(0.5, compute)), up)
    zero = const(0.0, compute)
    away = ovops.equal(ovops.greater(y, x), ovops.greater(x, zero))
    magnitude = ovops.select(
        away, ovops.add(size, up), ovops.subtract(size, down)
    )
    out = ovops.multiply(ovops.sign(x), magnitude)
    tiny = const(2.0 ** (lowest - bits), compute)
    from_zero = ovops.select(ovops.greater(y, zero), tiny, ovops.negative(tiny))
    out = ovops.select(ovops.equal(x, zero), from_zero, out)
    largest = const(float(ml_dtypes.finfo(dtype).max), compute)
    out = ovops.select(
        ovops.is_inf(x), ovops.multiply(ovops.sign(x), largest), out
    )
    out = ovops.select(ovops.equal(x, y), y, out)
    nan = ovops.logical_or(ovops.is_nan(x), ovops.is_nan(y))
    out = ovops.select(nan, const(np.nan, compute), out)
    return cast(wrap(out), dtype)


def _abs_int(output, dtype):
    if dtype.startswith("uint") or dtype == "bool":
        return output
    return ovops.absolute(output).output(0)


def _gcd_outputs(a, b, dtype):
    """gcd(|a|, |b|) of two integer outputs: Euclid's algorithm unrolled
    for the most steps an integer of `dtype` can need."""
    a, b = _abs_int(a, dtype), _abs_int(b, dtype)
    bits = np.iinfo(dtype).bits
    steps = int(bits * 1.45) + 2  # Fibonacci numbers bound Euclid's steps
    zero, one = const(0, dtype), const(1, dtype)
    for _ in range(steps):
        done = ovops.equal(b, zero)
        divisor = ovops.select(done, one, b)
        # a - (a // b) * b: OpenVINO's int64 FloorMod loses precision.
        rest = ovops.subtract(
            a, ovops.multiply(ovops.divide(a, divisor), divisor)
        )
        a = ovops.select(done, a, b).output(0)
        b = ovops.select(done, zero, rest).output(0)
    return a


def gcd(x1, x2):
    a, b = promoted(x1, x2)
    if a.dtype == "bool":
        return wrap(ovops.logical_or(a.output, b.output))
    return wrap(_gcd_outputs(a.output, b.output, a.dtype))


def lcm(x1, x2):
    a, b = promoted(x1, x2)
    if a.dtype == "bool":
        return wrap(ovops.logical_and(a.output, b.output))
    dtype = a.dtype
    divisor = _gcd_outputs(a.output, b.output, dtype)
    zero = const(0, dtype)
    is_zero = ovops.equal(divisor, zero)
    safe = ovops.select(is_zero, const(1, dtype), divisor)
    quotient = ovops.divide(_abs_int(a.output, dtype), safe)
    out = ovops.multiply(quotient, _abs_int(b.output, dtype))
    return wrap(ovops.select(is_zero, zero, out))


def hypot(x1, x2):
    a, b = promoted_float(x1, x2)
    total = ovops.add(
        ovops.multiply(a.output, a.output), ovops.multiply(b.output, b.output)
    )
    return wrap(ovops.sqrt(total))


def heaviside(x1, x2):
    a, b = promoted_float(x1, x2)
    zero = const(0, a.dtype)
    one = const(1, a.dtype)
    positive = ovops.select(ovops.greater(a.output, zero), one, zero)
    return wrap(ovops.select(ovops.equal(a.output, zero), b.output, positive))
