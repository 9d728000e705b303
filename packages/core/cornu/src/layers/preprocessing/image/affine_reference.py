"""A NumPy reference of `affine_transform` (bilinear, constant fill),
used by the tests of the geometric layers."""

import numpy as np


def affine(images, transforms, fill_value=0.0):
    """Batch `(B, H, W, C)`; transforms `(B, 8)` mapping output `(x, y)`
    to input points; neighbours outside the image read `fill_value`."""
    batch, height, width, _ = images.shape
    out = np.zeros(images.shape, np.float64)
    ys, xs = np.meshgrid(np.arange(height), np.arange(width), indexing="ij")
    for b in range(batch):
        a0, a1, a2, b0, b1, b2, c0, c1 = np.asarray(transforms[b], "f8")
        k = c0 * xs + c1 * ys + 1.0
        src_x = (a0 * xs + a1 * ys + a2) / k
        src_y = (b0 * xs + b1 * ys + b2) / k
        x0, y0 = np.floor(src_x).astype(int), np.floor(src_y).astype(int)
        fx, fy = src_x - x0, src_y - y0
        for dy, wy in ((0, 1 - fy), (1, fy)):
            for dx, wx in ((0, 1 - fx), (1, fx)):
                yy, xx = y0 + dy, x0 + dx
                inside = (yy >= 0) & (yy < height) & (xx >= 0) & (xx < width)
                vals = images[b][
                    np.clip(yy, 0, height - 1), np.clip(xx, 0, width - 1)
                ]
                vals = np.where(inside[..., None], vals, fill_value)
                out[b] += (wy * wx)[..., None] * vals
    return out
