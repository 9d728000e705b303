"""Resizing and scale-and-translate resampling.

Separable resampling: each resized axis is contracted with a
`(in_size, out_size)` weight matrix (`image_utils.resample_weights`),
which reproduces `jax.image.resize` / `scale_and_translate`.

Written once against an array namespace `xp` with the NumPy names
(`numpy`, `jax.numpy`, or a backend's own numpy-API ops module); every
backend binds them with `make(...)`.
"""

import types

from cornu.src.backend.common import image_utils

METHOD_FAMILY = {
    "bilinear": "triangle",
    "bicubic": "keys_cubic",
    "lanczos3": "lanczos3",
    "lanczos5": "lanczos5",
}


def make(xp, convert_to_tensor, utils, param_dtype=None):
    """The resize functions bound to `xp`.

    Args:
        xp: the array namespace.
        convert_to_tensor: the backend's `convert_to_tensor`.
        utils: the backend's image `_utils` module (`data_format`,
            `dtype_name`, `to_compute`, `cast`, `like`, `cast_back`).
        param_dtype: `param_dtype(dtype_name)`: the float dtype
            `scale_and_translate` builds its weights in, for images
            computed in that dtype (default: that dtype).
    """
    if param_dtype is None:

        def param_dtype(dtype):
            return dtype

    def _apply_weights(x, axis, weights):
        weights = utils.like(x, weights)
        out = xp.tensordot(x, weights, axes=([axis], [0]))
        return xp.moveaxis(out, -1, axis)

    def _resize_axes(x, sizes, method, antialias):
        """Resizes `x` (float) along each `axis: new_size` in `sizes`."""
        for axis, out_size in sizes.items():
            in_size = x.shape[axis]
            if in_size == out_size:
                continue
            if method == "nearest":
                index = image_utils.nearest_indices(in_size, out_size)
                x = xp.take(x, utils.like(x, index, "int64"), axis=axis)
                continue
            weights = image_utils.resample_weights(
                in_size,
                out_size,
                out_size / in_size,
                0.0,
                METHOD_FAMILY[method],
                antialias,
            )
            x = _apply_weights(x, axis, weights)
        return x

    def _crop_or_pad(x, h_axis, w_axis, size, crop, pad, fill_value):
        if crop:
            top, left, ch, cw = image_utils.crop_box(
                x.shape[h_axis], x.shape[w_axis], size[0], size[1]
            )
            index = [slice(None)] * x.ndim
            index[h_axis] = slice(top, top + ch)
            index[w_axis] = slice(left, left + cw)
            return x[tuple(index)]
        if pad:
            rows, cols = image_utils.aspect_padding(
                x.shape[h_axis], x.shape[w_axis], size[0], size[1]
            )
            widths = [(0, 0)] * x.ndim
            widths[h_axis] = (rows, rows)
            widths[w_axis] = (cols, cols)
            return xp.pad(x, widths, constant_values=fill_value)
        return x

    def resize(
        images,
        size,
        interpolation="bilinear",
        antialias=False,
        crop_to_aspect_ratio=False,
        pad_to_aspect_ratio=False,
        fill_mode="constant",
        fill_value=0.0,
        data_format=None,
    ):
        images = convert_to_tensor(images)
        dtype = utils.dtype_name(images)
        fmt = utils.data_format(data_format)
        h_axis, w_axis = image_utils.spatial_axes(images.ndim, fmt)
        x = _crop_or_pad(
            utils.to_compute(images),
            h_axis,
            w_axis,
            size,
            crop_to_aspect_ratio,
            pad_to_aspect_ratio,
            fill_value,
        )
        x = _resize_axes(
            x,
            {h_axis: int(size[0]), w_axis: int(size[1])},
            interpolation,
            antialias,
        )
        return utils.cast_back(x, dtype)

    def scale_and_translate(
        images,
        output_shape,
        scale,
        translation,
        spatial_dims,
        method,
        antialias=True,
    ):
        images = convert_to_tensor(images)
        dtype = utils.dtype_name(images)
        x = utils.to_compute(images)
        weight_dtype = param_dtype(utils.dtype_name(x))
        scale = utils.like(x, convert_to_tensor(scale), weight_dtype)
        translation = utils.like(
            x, convert_to_tensor(translation), weight_dtype
        )
        family = image_utils.SCALE_METHODS[method]
        for i, axis in enumerate(spatial_dims):
            axis = axis % x.ndim
            weights = image_utils.resample_weights(
                x.shape[axis],
                int(output_shape[axis]),
                scale[i],
                translation[i],
                family,
                antialias,
                xp=xp,
                dtype=weight_dtype,
            )
            x = _apply_weights(x, axis, weights)
        if image_utils.is_int_like(dtype):
            return utils.cast(x, "float32")
        return utils.cast(x, dtype)

    return types.SimpleNamespace(
        resize=resize,
        scale_and_translate=scale_and_translate,
    )
