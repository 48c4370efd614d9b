"""Shared helpers for the ecc200 tests (synthetic images from module matrices)."""

import numpy as np
import pytest

# ISO/IEC 16022 example: "123456" in a 10x10 symbol (data codewords 142 164 186).
M10_ROWS = """
1010101010
1100101101
1100000100
1100011101
1100001000
1000001111
1110110000
1111011001
1001110100
1111111111
"""


def m10():
    return np.array([[c == "1" for c in line] for line in M10_ROWS.split()], dtype=bool)


def render(matrix, scale=6, quiet=3, dark=20, light=235):
    """A grey uint8 image of a module matrix: `scale` px per module, `quiet` modules of
    quiet zone."""
    m = np.asarray(matrix, dtype=bool)
    img = np.where(np.kron(m, np.ones((scale, scale), dtype=bool)), dark, light).astype(np.uint8)
    q = quiet * scale
    return np.pad(img, q, constant_values=light)


@pytest.fixture
def m10_matrix():
    return m10()


@pytest.fixture
def m10_image():
    return render(m10())
