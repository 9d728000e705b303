"""Geometric resampling: `map_coordinates`, `affine_transform`,
`perspective_transform` and `elastic_transform`.

Sampling follows `jax.scipy.ndimage.map_coordinates` (as Keras 3 does):
`order=0` takes the nearest pixel (rounding half away from zero),
`order=1` interpolates linearly, and out-of-range neighbours follow
`fill_mode`. Unlike `scipy.ndimage`, `"constant"` treats each missing
neighbour as `fill_value` (scipy's `"grid-constant"`) and `"wrap"` is
periodic (scipy's `"grid-wrap"`).
"""

from __future__ import annotations

from typing import Any

from cornu.src import backend
from cornu.src.api_export import cornu_export
from cornu.src.backend.common import image_utils as backend_image_utils
from cornu.src.ops import operation_utils
from cornu.src.ops.image import image_utils
from cornu.src.ops.keras_tensor import KerasTensor
from cornu.src.ops.keras_tensor import any_symbolic
from cornu.src.ops.operation import Operation

_FILL_MODES = backend_image_utils.FILL_MODES
_INTERPOLATIONS = tuple(backend_image_utils.INTERPOLATION_ORDERS)


class MapCoordinates(Operation):
    def __init__(self, order, fill_mode="constant", fill_value=0, *,
                 name=None):
        super().__init__(name=name)
        self.order = order
        self.fill_mode = fill_mode
        self.fill_value = fill_value

    def call(self, inputs, coordinates):
        return backend.image.map_coordinates(
            inputs, coordinates, self.order, self.fill_mode, self.fill_value
        )

    def compute_output_spec(self, inputs, coordinates):
        # Either argument may be a Python list next to a symbolic other.
        shape = tuple(operation_utils.shape_of(coordinates))[1:]
        dtype = getattr(inputs, "dtype", None) or backend.floatx()
        return KerasTensor(shape, dtype=dtype)


@cornu_export("cornu.ops.image.map_coordinates")
def map_coordinates(
    inputs: Any,
    coordinates: Any,
    order: int,
    fill_mode: str = "constant",
    fill_value: float = 0,
) -> Any:
    """Samples `inputs` at fractional `coordinates` by interpolation.

    Args:
        inputs: Tensor of any rank `N`.
        coordinates: Tensor of shape `(N, ...)`: `coordinates[:, p]` is the
            point (one coordinate per axis of `inputs`) sampled for output
            position `p`.
        order: `0` (nearest neighbour) or `1` (linear).
        fill_mode: How points outside `inputs` are filled:
            `"constant"` (`k k | a b c d | k k`, with `fill_value`),
            `"nearest"` (`a a | a b c d | d d`), `"wrap"`
            (`c d | a b c d | a b`), `"mirror"` (`c b | a b c d | c b`)
            or `"reflect"` (`b a | a b c d | d c`).
        fill_value: The value of `"constant"` mode.

    Returns:
        A tensor of shape `coordinates.shape[1:]` and the dtype of
        `inputs` (integer results are rounded).

    Raises:
        ValueError: for a bad `order` or `fill_mode`, or coordinates
            whose first axis is not the rank of `inputs`.

    Example:

    >>> x = [[0.0, 1.0], [2.0, 3.0]]
    >>> out = cornu.ops.image.map_coordinates(x, [[0.5], [0.5]], order=1)
    >>> cornu.ops.convert_to_numpy(out).tolist()
    [1.5]
    """
    op = "map_coordinates"
    if not image_utils.is_number(order, integral=True) or order not in (0, 1):
        raise ValueError(
            f"`{op}` expects `order` to be 0 (nearest) or 1 (linear). "
            f"Received: order={order!r}."
        )
    image_utils.check_choice(fill_mode, "fill_mode", _FILL_MODES, op)
    in_shape = operation_utils.shape_of(inputs)
    c_shape = operation_utils.shape_of(coordinates)
    if len(c_shape) < 2 or c_shape[0] != len(in_shape):
        raise ValueError(
            f"`{op}` expects `coordinates` of shape (N, ...) with at least "
            f"2 axes, N being the rank of `inputs` ({len(in_shape)}). "
            f"Received: coordinates.shape={tuple(c_shape)}, "
            f"inputs.shape={tuple(in_shape)}."
        )
    operation = MapCoordinates(order, fill_mode, fill_value)
    if any_symbolic((inputs, coordinates)):
        return operation.symbolic_call(inputs, coordinates)
    return operation.call(inputs, coordinates)


def _check_warp(op, images, interpolation, fill_mode, data_format):
    shape = operation_utils.shape_of(images)
    image_utils.check_rank(shape, op)
    image_utils.check_choice(
        interpolation, "interpolation", _INTERPOLATIONS, op
    )
    image_utils.check_choice(fill_mode, "fill_mode", _FILL_MODES, op)
    return shape, image_utils.data_format(data_format, op)


def _check_batch(op, shape, n, name):
    if len(shape) == 4 and None not in (shape[0], n) and n not in (
        1, shape[0]
    ):
        raise ValueError(
            f"`{op}` expects one `{name}` for all images or one per image "
            f"({shape[0]}). Received {n} for images.shape={tuple(shape)}."
        )


class AffineTransform(Operation):
    def __init__(self, interpolation="bilinear", fill_mode="constant",
                 fill_value=0, data_format=None, *, name=None):
        super().__init__(name=name)
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.data_format = data_format

    def call(self, images, transform):
        return backend.image.affine_transform(
            images, transform, self.interpolation, self.fill_mode,
            self.fill_value, self.data_format,
        )

    def compute_output_spec(self, images, transform):
        return KerasTensor(images.shape, dtype=images.dtype)


@cornu_export("cornu.ops.image.affine_transform")
def affine_transform(
    images: Any,
    transform: Any,
    interpolation: str = "bilinear",
    fill_mode: str = "constant",
    fill_value: float = 0,
    data_format: str | None = None,
) -> Any:
    """Applies projective transform(s) to image(s).

    A transform row `[a0, a1, a2, b0, b1, b2, c0, c1]` maps each output
    point `(x, y)` to the input point
    `((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)` with
    `k = c0 x + c1 y + 1`, which is sampled (the map goes from output to
    input). cornu applies `c0`, `c1` on every backend (Keras 3 only on
    tensorflow).

    Args:
        images: Image (rank 3) or batch of images (rank 4).
        transform: Shape `(8,)`, or `(N, 8)` for one per image.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_mode: `"constant"` (default), `"nearest"`, `"wrap"`,
            `"mirror"` or `"reflect"`; see `map_coordinates`.
        fill_value: The value of `"constant"` mode.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.

    Returns:
        The transformed image(s), same shape and dtype.

    Raises:
        ValueError: for a bad rank, transform shape, `interpolation` or
            `fill_mode`.

    Example:

    >>> x = [[[0.0], [1.0], [2.0], [3.0]]]  # one row of 4 pixels
    >>> shift = [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0]  # x' = x + 1
    >>> out = cornu.ops.image.affine_transform(x, shift)
    >>> cornu.ops.convert_to_numpy(out).ravel().tolist()
    [1.0, 2.0, 3.0, 0.0]
    """
    op = "affine_transform"
    shape, fmt = _check_warp(op, images, interpolation, fill_mode,
                             data_format)
    t_shape = operation_utils.shape_of(transform)
    if len(t_shape) not in (1, 2) or t_shape[-1] not in (8, None):
        raise ValueError(
            f"`{op}` expects `transform` of shape (8,) or (N, 8). "
            f"Received: transform.shape={tuple(t_shape)}."
        )
    if len(t_shape) == 2:
        _check_batch(op, shape, t_shape[0], "transform")
    operation = AffineTransform(interpolation, fill_mode, fill_value, fmt)
    if any_symbolic((images, transform)):
        return operation.symbolic_call(images, transform)
    return operation.call(images, transform)


class PerspectiveTransform(Operation):
    def __init__(self, interpolation="bilinear", fill_value=0,
                 data_format=None, *, name=None):
        super().__init__(name=name)
        self.interpolation = interpolation
        self.fill_value = fill_value
        self.data_format = data_format

    def call(self, images, start_points, end_points):
        return backend.image.perspective_transform(
            images, start_points, end_points, self.interpolation,
            self.fill_value, self.data_format,
        )

    def compute_output_spec(self, images, start_points, end_points):
        return KerasTensor(images.shape, dtype=images.dtype)


@cornu_export("cornu.ops.image.perspective_transform")
def perspective_transform(
    images: Any,
    start_points: Any,
    end_points: Any,
    interpolation: str = "bilinear",
    fill_value: float = 0,
    data_format: str | None = None,
) -> Any:
    """Warps image(s) so that 4 `start_points` land on `end_points`.

    Points are `(x, y)` pixel coordinates. The projective map taking each
    end point to its start point is solved for, and every output pixel
    samples the input there; points outside are `fill_value`.

    Args:
        images: Image (rank 3) or batch of images (rank 4).
        start_points: Shape `(4, 2)` or `(N, 4, 2)`: points in the input.
        end_points: Same shape: where they go in the output.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_value: Value of points sampled outside the input.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.

    Returns:
        The warped image(s), same shape and dtype.

    Raises:
        ValueError: for a bad rank, point shapes or `interpolation`.

    Example:

    >>> x = cornu.ops.ones((2, 8, 8, 3))
    >>> corners = [[0, 0], [7, 0], [0, 7], [7, 7]]
    >>> out = cornu.ops.image.perspective_transform(x, corners, corners)
    >>> cornu.ops.shape(out)
    (2, 8, 8, 3)
    """
    op = "perspective_transform"
    shape, fmt = _check_warp(op, images, interpolation, "constant",
                             data_format)
    s_shape = operation_utils.shape_of(start_points)
    e_shape = operation_utils.shape_of(end_points)
    for name, p in (("start_points", s_shape), ("end_points", e_shape)):
        if len(p) not in (2, 3) or tuple(p[-2:]) != (4, 2):
            raise ValueError(
                f"`{op}` expects `{name}` of shape (4, 2), or (N, 4, 2) "
                f"for a batch. Received: {name}.shape={tuple(p)}."
            )
    if tuple(s_shape) != tuple(e_shape):
        raise ValueError(
            f"`{op}` expects `start_points` and `end_points` of the same "
            f"shape. Received: start_points.shape={tuple(s_shape)}, "
            f"end_points.shape={tuple(e_shape)}."
        )
    if len(s_shape) == 3:
        _check_batch(op, shape, s_shape[0], "start_points")
    operation = PerspectiveTransform(interpolation, fill_value, fmt)
    if any_symbolic((images, start_points, end_points)):
        return operation.symbolic_call(images, start_points, end_points)
    return operation.call(images, start_points, end_points)


class ElasticTransform(Operation):
    def __init__(self, alpha=20.0, sigma=5.0, interpolation="bilinear",
                 fill_mode="reflect", fill_value=0.0, seed=None,
                 data_format=None, *, name=None):
        super().__init__(name=name)
        self.alpha = alpha
        self.sigma = sigma
        self.interpolation = interpolation
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.seed = seed
        self.data_format = data_format

    def call(self, images):
        return backend.image.elastic_transform(
            images, self.alpha, self.sigma, self.interpolation,
            self.fill_mode, self.fill_value, self.seed, self.data_format,
        )

    def compute_output_spec(self, images):
        return KerasTensor(images.shape, dtype=images.dtype)


@cornu_export("cornu.ops.image.elastic_transform")
def elastic_transform(
    images: Any,
    alpha: float = 20.0,
    sigma: float = 5.0,
    interpolation: str = "bilinear",
    fill_mode: str = "reflect",
    fill_value: float = 0.0,
    seed: int | None = None,
    data_format: str | None = None,
) -> Any:
    """Applies a random elastic deformation to image(s).

    Random displacement fields (normal noise times `sigma`, smoothed by a
    Gaussian of standard deviation `sigma` over about `6 * sigma` pixels)
    are scaled by `alpha`; each output pixel samples the input at its
    displaced position. All images of a batch get their own field; all
    channels of an image share it.

    Args:
        images: Image (rank 3) or batch of images (rank 4).
        alpha: Strength of the displacement, in pixels per unit of field.
        sigma: Smoothness of the field (Gaussian standard deviation), > 0.
        interpolation: `"bilinear"` (default) or `"nearest"`.
        fill_mode: `"reflect"` (default), `"constant"`, `"nearest"`,
            `"wrap"` or `"mirror"`; see `map_coordinates`.
        fill_value: The value of `"constant"` mode.
        seed: Optional int for a reproducible field on a given backend.
        data_format: `"channels_last"` or `"channels_first"`; defaults to
            `cornu.config.image_data_format()`.

    Returns:
        The deformed image(s), same shape and dtype.

    Raises:
        ValueError: for a bad rank, `sigma`, `interpolation`, `fill_mode`
            or `seed`.

    Example:

    >>> x = cornu.ops.ones((2, 16, 16, 3))
    >>> out = cornu.ops.image.elastic_transform(x, seed=1)
    >>> cornu.ops.shape(out)
    (2, 16, 16, 3)
    >>> round(float(cornu.ops.convert_to_numpy(out).min()), 4)
    1.0
    """
    op = "elastic_transform"
    _, fmt = _check_warp(op, images, interpolation, fill_mode, data_format)
    if not image_utils.is_number(sigma) or sigma <= 0:
        raise ValueError(
            f"`{op}` expects `sigma` to be a positive number. Received: "
            f"sigma={sigma!r}."
        )
    if not image_utils.is_number(alpha):
        raise ValueError(
            f"`{op}` expects `alpha` to be a number. Received: "
            f"alpha={alpha!r}."
        )
    if seed is not None and (not image_utils.is_number(seed, integral=True)
                             or seed < 0):
        raise ValueError(
            f"`{op}` expects `seed` to be None or a non-negative int. "
            f"Received: seed={seed!r}."
        )
    seed = None if seed is None else int(seed)
    operation = ElasticTransform(float(alpha), float(sigma), interpolation,
                                 fill_mode, fill_value, seed, fmt)
    if any_symbolic((images,)):
        return operation.symbolic_call(images)
    return operation.call(images)
