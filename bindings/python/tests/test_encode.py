"""encode / encode_batch / Symbol: options, errors, rendering, round trips."""

import io
import pickle

import numpy as np
import pytest

import ecc200

PIL = pytest.importorskip("PIL.Image")

GS1 = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001"


def test_encode_basics():
    s = ecc200.encode("123456")
    assert (s.rows, s.cols, s.size) == (10, 10, "10x10")
    assert s.data_codewords == bytes([142, 164, 186])  # ISO/IEC 16022 example
    assert len(s.codewords) == 8
    m = s.matrix
    assert m.dtype == np.bool_ and m.shape == (10, 10)
    assert m[:, 0].all() and m[-1, :].all()  # the finder L
    assert ecc200.decode_matrix(m).text == "123456"
    assert "10x10" in repr(s)


def test_text_and_bytes():
    assert ecc200.decode_matrix(ecc200.encode(b"\x00\xff\x80abc").matrix).bytes == b"\x00\xff\x80abc"
    assert ecc200.decode_matrix(ecc200.encode("café").matrix).text == "café"  # Latin-1
    d = ecc200.decode_matrix(ecc200.encode("żółw ✓").matrix)  # UTF-8 under ECI 26
    assert d.text == "żółw ✓" and d.eci == [(0, 26)] and d.symbology_identifier == "]d4"
    assert ecc200.decode_matrix(ecc200.encode(bytearray(b"xyz")).matrix).bytes == b"xyz"


def test_shapes_and_sizes():
    assert ecc200.encode("HELLO", shape="rect").rows < ecc200.encode("HELLO", shape="rect").cols
    s = ecc200.encode("HELLO WORLD 1234567890", shape="dmre", size="8x48")
    assert (s.rows, s.cols) == (8, 48)
    assert ecc200.encode("A", size=(24, 24)).size == "24x24"
    assert ecc200.encode("A" * 40, max_rows=16, shape="any").rows <= 16
    with pytest.raises(ValueError, match="shape"):
        ecc200.encode("A", shape="round")
    with pytest.raises(ValueError):
        ecc200.encode("A", size="11x11")


def test_options():
    s = ecc200.encode("ABC", encodations=[])  # ASCII only
    assert s.data_codewords[:3] == bytes([66, 67, 68])
    d = ecc200.decode_matrix(ecc200.encode("abc", eci=3).matrix)
    assert d.eci == [(0, 3)]
    d = ecc200.decode_matrix(ecc200.encode("part", structured_append=(2, 3, (17, 42))).matrix)
    assert d.structured_append == (2, 3, (17, 42))
    d = ecc200.decode_matrix(ecc200.encode("PROG", reader_programming=True).matrix)
    assert d.reader_programming
    body = "[)>\x1e05\x1dDATA\x1e\x04"
    d = ecc200.decode_matrix(ecc200.encode(body, macro="auto").matrix)
    assert d.macro == 5 and d.text == body
    with pytest.raises(ValueError, match="encodation"):
        ecc200.encode("A", encodations=["morse"])
    with pytest.raises(ValueError, match="macro"):
        ecc200.encode("A", macro=7)


def test_encode_errors():
    with pytest.raises(ecc200.EncodeError, match="largest allowed symbol"):
        ecc200.encode("A" * 5000)
    with pytest.raises(ecc200.EncodeError, match="largest allowed symbol"):
        ecc200.encode("A" * 100, size="10x10")
    with pytest.raises(ecc200.EncodeError):
        ecc200.encode("A", eci=1_000_000)
    with pytest.raises(ecc200.EncodeError):
        ecc200.encode("A", structured_append=(5, 3, (1, 1)))
    with pytest.raises(TypeError, match="str or bytes"):
        ecc200.encode(12345)
    with pytest.raises(OverflowError):
        ecc200.encode("A", eci=-1)
    assert issubclass(ecc200.EncodeError, ecc200.Error)


def test_gs1_encode():
    s = ecc200.encode(GS1, gs1=True)
    d = ecc200.decode_matrix(s.matrix)
    assert d.is_gs1 and d.symbology_identifier == "]d2"
    assert d.bytes == b"01095060001343521726123110ABC123\x1d21SN0000000001"
    assert d.gs1 == {"01": "09506000134352", "17": "261231", "10": "ABC123", "21": "SN0000000001"}
    assert d.hri[0] == "(01) 09506000134352"
    # raw input, and a Digital Link URI
    raw = ecc200.encode(b"0109506000134352\x1d10AB", gs1=True)
    assert ecc200.decode_matrix(raw.matrix).gs1 == {"01": "09506000134352", "10": "AB"}
    dl = ecc200.encode("https://id.gs1.org/01/09506000134352/10/AB", gs1=True)
    assert ecc200.decode_matrix(dl.matrix).gs1 == {"01": "09506000134352", "10": "AB"}
    # invalid GS1 data: named AI, position and rule
    with pytest.raises(ecc200.Gs1Error) as e:
        ecc200.encode("(01)09506000134353(10)AB", gs1=True)
    assert e.value.ai == "01" and e.value.rule == "csum" and e.value.position == 17
    # validate=False encodes what was asked
    s = ecc200.encode("(01)09506000134353", gs1=True, validate=False)
    assert ecc200.decode_matrix(s.matrix).gs1 == {"01": "09506000134353"}


def test_rendering():
    s = ecc200.encode("HELLO")
    png = s.to_png(scale=4, quiet_zone=2)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    im = PIL.open(io.BytesIO(png))
    assert im.size == (4 * (s.cols + 4), 4 * (s.rows + 4))
    png = s.to_png(x_dim_mm=0.5, dpi=300)
    assert PIL.open(io.BytesIO(png)).size[0] == 6 * (s.cols + 2)  # 0.5 mm -> 6 dots
    svg = s.to_svg()
    assert svg.startswith("<svg") and "</svg>" in svg and "<path" in svg
    assert "#fff" not in s.to_svg(transparent=True)
    assert "red" in s.to_svg(dark="red")
    img = s.to_image(scale=3)
    assert img.dtype == np.uint8 and img.shape == (3 * (s.rows + 2), 3 * (s.cols + 2))
    assert set(np.unique(img)) == {0, 255}
    assert s.to_image(scale=3, invert=True)[0, 0] == 0
    assert "█" in s.to_text() or "▀" in s.to_text()
    assert s.to_pil(scale=2).size == (2 * (s.cols + 2), 2 * (s.rows + 2))
    hri = s.to_png(scale=4, hri=["(01) 09506000134352", "(10) ABC"])
    assert PIL.open(io.BytesIO(hri)).size[0] > 4 * (s.cols + 2)
    with pytest.raises(ValueError, match="module size is zero"):
        s.to_png(scale=0)
    with pytest.raises(ValueError, match="quiet zone"):
        s.to_png(quiet_zone=1000)
    with pytest.raises(ValueError, match="exceeds the limit"):
        ecc200.encode("A" * 1000).to_png(scale=500)


ROUND_TRIP = ["123456", GS1, "Hello, World! " * 5, b"\x00\x01\x02binary\xff"]


@pytest.mark.parametrize("scale", [2, 3, 4, 5, 6, 7])
def test_round_trip_png_and_pil(scale):
    for data in ROUND_TRIP:
        s = ecc200.encode(data, gs1=data == GS1)
        want = ecc200.decode_matrix(s.matrix).bytes
        assert [d.bytes for d in ecc200.decode(s.to_png(scale=scale, quiet_zone=2))] == [want]
        assert [d.bytes for d in ecc200.decode(s.to_pil(scale=scale, quiet_zone=2))] == [want]


@pytest.mark.parametrize("scale", [8, 9, 10, 11, 16])
def test_round_trip_large_modules(scale):
    for data in ROUND_TRIP:
        s = ecc200.encode(data, gs1=data == GS1)
        want = ecc200.decode_matrix(s.matrix).bytes
        assert [d.bytes for d in ecc200.decode(s.to_png(scale=scale, quiet_zone=2))] == [want]


def test_symbol_pickle_and_eq():
    s = ecc200.encode(GS1, gs1=True)
    s2 = pickle.loads(pickle.dumps(s))
    assert s2 == s and s2.size == s.size and (s2.matrix == s.matrix).all()
    assert s != ecc200.encode("other")


def test_encode_batch():
    items = [f"SN{i:06d}" for i in range(50)]
    for threads in (None, 1, 2):
        syms = ecc200.encode_batch(items, threads=threads)
        assert [ecc200.decode_matrix(s.matrix).text for s in syms] == items
    gs = ecc200.encode_batch([GS1, "(01)09506000134352(21)X1"], gs1=True, shape="rect")
    assert all(s.rows < s.cols for s in gs)
    with pytest.raises(ecc200.EncodeError, match="item 1"):
        ecc200.encode_batch(["ok", "A" * 5000])
    with pytest.raises(ecc200.Gs1Error, match="item 0"):
        ecc200.encode_batch(["(01)123"], gs1=True)
    with pytest.raises(ValueError, match="threads"):
        ecc200.encode_batch(["a"], threads=0)
