"""decode_matrix: module matrices of every accepted dtype and layout, and bad ones."""

import pickle

import numpy as np
import pytest

import ecc200

# ISO/IEC 16022 example: "123456" in a 10x10 symbol (data 142 164 186).
M10 = """
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


def rows(s):
    return np.array([[c == "1" for c in line] for line in s.split()], dtype=bool)


def test_package_is_installed_not_source():
    # the tests run against the installed wheel
    assert "site-packages" in ecc200.__file__ or "dist-packages" in ecc200.__file__
    assert isinstance(ecc200.__version__, str) and ecc200.__version__.count(".") == 2


def test_decode_bool_matrix():
    d = ecc200.decode_matrix(rows(M10))
    assert d.text == "123456"
    assert d.bytes == b"123456"
    assert (d.rows, d.cols) == (10, 10)
    assert d.symbology_identifier == "]d1"
    assert d.errors == 0 and d.erasures == 0 and d.unused_ec == 1.0
    assert d.corners is None
    assert not d.mirrored
    assert "123456" in repr(d)


@pytest.mark.parametrize("dtype", [np.uint8, np.int64, np.int32, np.uint16])
def test_decode_integer_matrix(dtype):
    d = ecc200.decode_matrix(rows(M10).astype(dtype))
    assert d.text == "123456"


def test_decode_list_of_lists():
    d = ecc200.decode_matrix(rows(M10).tolist())
    assert d.text == "123456"


def test_any_strides():
    m = rows(M10)
    big = np.zeros((30, 40), dtype=bool)
    big[::3, ::4] = m
    view = big[::3, ::4]
    assert not view.flags["C_CONTIGUOUS"]
    assert ecc200.decode_matrix(view).text == "123456"
    assert ecc200.decode_matrix(np.asfortranarray(m)).text == "123456"
    # rotated and mirrored views decode too (negative strides)
    assert ecc200.decode_matrix(np.rot90(m)).text == "123456"
    d = ecc200.decode_matrix(m.T)
    assert d.text == "123456" and d.mirrored


def test_corrects_errors():
    m = rows(M10)
    m[4, 4] = not m[4, 4]
    d = ecc200.decode_matrix(m)
    assert d.text == "123456" and d.errors == 1 and d.unused_ec < 1.0


def test_bad_matrices():
    with pytest.raises(ecc200.DecodeError, match="not an ecc 200 size"):
        ecc200.decode_matrix(np.zeros((11, 11), dtype=bool))
    with pytest.raises(ecc200.DecodeError):
        ecc200.decode_matrix(np.zeros((10, 10), dtype=bool))
    with pytest.raises(ValueError, match="2-D"):
        ecc200.decode_matrix(np.zeros((10,), dtype=bool))
    with pytest.raises(ValueError, match="2-D"):
        ecc200.decode_matrix(np.zeros((10, 10, 1), dtype=bool))
    with pytest.raises(ValueError, match="must be 1"):
        ecc200.decode_matrix(np.zeros((0, 10), dtype=bool))
    with pytest.raises(ValueError, match="must be 1"):
        ecc200.decode_matrix(np.zeros((2000, 10), dtype=bool))
    with pytest.raises(TypeError, match="dtype"):
        ecc200.decode_matrix(np.zeros((10, 10), dtype=np.float32))
    with pytest.raises(ValueError, match="0 \\(light\\) or 1"):
        ecc200.decode_matrix(np.full((10, 10), 255, dtype=np.uint8))
    with pytest.raises(ValueError):
        ecc200.decode_matrix(np.full((10, 10), 7, dtype=np.int64))


def test_error_hierarchy():
    for cls in (ecc200.EncodeError, ecc200.DecodeError, ecc200.Gs1Error, ecc200.GradeError):
        assert issubclass(cls, ecc200.Error)
    assert issubclass(ecc200.Error, Exception)
    assert ecc200.Error.__module__ == "ecc200"


def test_decoded_pickles_and_serialises():
    d = ecc200.decode_matrix(rows(M10))
    d2 = pickle.loads(pickle.dumps(d))
    assert d2 == d
    assert d.to_dict()["bytes"] == b"123456"
    assert '"text": "123456"' in d.to_json()
