"""Pixel arrays in every memory order and image files reach the core's one conversion
(BT.601, alpha over white) and read alike."""

import io

import numpy as np
import pytest

import ecc200

PIL = pytest.importorskip("PIL.Image")


def read_one(image):
    (d,) = ecc200.decode(image)
    assert d.text == "123456"
    return d


def colour(g):
    """Dark blue on yellow RGB from a grey symbol image."""
    return np.stack(
        [np.where(g < 128, 0, 250), np.where(g < 128, 0, 230), np.where(g < 128, 120, 40)], -1
    ).astype(np.uint8)


def test_colour_memory_orders_read_alike(m10_image):
    rgb = colour(m10_image)
    want = read_one(rgb)
    rgbx = np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 7, np.uint8)], -1)
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    views = {
        "rgb of rgbx (pixel stride 4)": rgbx[..., :3],
        "bgr reversed (channel stride -1)": bgr[..., ::-1],
        "fortran order": np.asfortranarray(rgb),
        "padded crop": np.pad(rgb, ((5, 5), (9, 9), (0, 0)), constant_values=255)[5:-5, 9:-9],
    }
    for name, v in views.items():
        assert np.array_equal(v, rgb), name
        d = read_one(v)
        assert d.corners == want.corners, name


def test_broadcast_and_flipped(m10_image):
    g = m10_image
    # a broadcast channel axis (stride 0): grey seen as RGB
    rgb = np.broadcast_to(g[..., None], g.shape + (3,))
    assert rgb.strides[2] == 0
    read_one(rgb)
    # upside down and transparent around the dark modules: flipped by numpy, composited
    rgba = np.zeros(g.shape + (4,), np.uint8)
    rgba[..., 3] = np.where(g < 128, 255, 0)
    d = read_one(np.flipud(np.flipud(rgba)))
    assert not d.mirrored


def test_file_and_array_read_alike(m10_image):
    # RGBA with half-transparent light pixels: the file goes through the core's loader,
    # the array through the core's conversion; both must give the same frame
    g = m10_image
    rgba = np.stack([g, g // 2, g, np.where(g < 128, 255, 90)], -1).astype(np.uint8)
    buf = io.BytesIO()
    PIL.fromarray(rgba, "RGBA").save(buf, format="PNG")
    a = read_one(rgba)
    f = read_one(buf.getvalue())
    assert a.corners == f.corners and a.module_px == f.module_px
