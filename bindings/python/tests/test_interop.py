"""Interoperability: symbols made by ecc200.encode, read by zxing-cpp and libdmtx.

A corpus across every size (square, rectangular, DMRE), every encodation, GS1, ECI,
macros, structured append and reader programming. zxing-cpp must read every symbol
with the same bytes as ecc200 decodes (its ``bytes`` carry GS separators for GS1, as
ours do). libdmtx lacks DMRE and reports some features differently (ECI and structured
append as raw codeword values, FNC1 dropped, output cut at a NUL byte): it is counted,
and must read every symbol of the plain features it supports.
"""

import numpy as np
import pytest

import ecc200

zxingcpp = pytest.importorskip("zxingcpp")

SIZES = ecc200.symbol_sizes()

GS1_ITEMS = [
    "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001",
    "(01)03453120000011(17)271130(10)L0T-42/X(21)1234567890ABCDEFGHIJ",
    "(01)09506000134352(21)12345(710)1234567890123",
    "(00)106141412345678908",
]


def corpus():
    """(name, data, options, plain): plain = features libdmtx reports as we do."""
    items = []
    for i, z in enumerate(SIZES):
        # random-looking digits filling the size exactly (2 digits per codeword)
        digits = "".join(str((i * 7 + k * k) % 10) for k in range(2 * z["data_codewords"]))
        items.append((f"size {z['size']}", digits, {"size": z["size"]}, z["family"] != "dmre"))
    items += [
        ("ascii digits", "0123456789" * 8, {"encodations": []}, True),
        ("c40", "HELLO WORLD ECC 200 C40 MODE 1234", {"encodations": ["c40"]}, True),
        ("text", "hello world ecc 200 text mode 1234", {"encodations": ["text"]}, True),
        ("x12", "ABC*DEF>123\rXYZ*0>9\r", {"encodations": ["x12"]}, True),
        ("edifact", "ABC.DEF/123:456+789'?!", {"encodations": ["edifact"]}, True),
        ("base256", bytes(range(1, 256)), {"encodations": ["base256"]}, True),
        ("base256 with NUL", bytes(range(256)), {"encodations": ["base256"]}, False),
        ("mixed auto", "Lot 42: ABCDEF abcdef 0123456789 \x1d end", {}, True),
        ("latin-1", "café naïve Ørsted", {}, True),
        ("eci 3", "café", {"eci": 3}, False),
        ("eci 26 (utf-8)", "żółw ✓ 中文", {}, False),
        ("eci 7", "Кириллица".encode("iso8859-5"), {"eci": 7}, False),
        ("macro 05", "[)>\x1e05\x1dDATA123\x1e\x04", {"macro": "auto"}, True),
        ("macro 06", "[)>\x1e06\x1d12345ABC\x1e\x04", {"macro": "auto"}, True),
        ("structured append 1/3", "first part", {"structured_append": (1, 3, (17, 42))}, False),
        ("structured append 3/3", "last part", {"structured_append": (3, 3, (17, 42))}, False),
        ("reader programming", "PROGRAM", {"reader_programming": True}, True),
        ("rect auto", "RECTANGULAR 123456", {"shape": "rect"}, True),
        ("dmre auto", "DMRE SHAPE 123456789", {"shape": "dmre"}, None),
    ]
    for g in GS1_ITEMS:
        items.append((f"gs1 {g[:22]}", g, {"gs1": True}, False))
        items.append((f"gs1 rect {g[:17]}", g, {"gs1": True, "shape": "rect"}, False))
    return items


_DMRE = {z["size"] for z in SIZES if z["family"] == "dmre"}


def _dmre(size):
    return size in _DMRE


def image_of(sym):
    scale = 3 if max(sym.rows, sym.cols) > 60 else 4
    return sym.to_image(scale=scale, quiet_zone=2)


@pytest.fixture(scope="module")
def made():
    out = []
    for name, data, opts, plain in corpus():
        s = ecc200.encode(data, **opts)
        want = ecc200.decode_matrix(s.matrix)
        dmre = _dmre(s.size)
        out.append((name, s, want, image_of(s), plain and not dmre))
    return out


def test_corpus_covers_every_size(made):
    sizes = {s.size for _, s, _, _, _ in made}
    assert len(SIZES) == 48 and {z["size"] for z in SIZES} <= sizes
    assert [sum(z["family"] == f for z in SIZES) for f in ("square", "rect", "dmre")] == [24, 6, 18]


def test_ecc200_reads_its_own(made, capsys):
    misses = []
    for name, s, want, img, _ in made:
        got = [d.bytes for d in ecc200.decode(img)]
        assert got in ([want.bytes], []), name  # never different bytes
        if not got:
            misses.append(name)
    with capsys.disabled():
        print(f"\ninterop: ecc200 read {len(made) - len(misses)}/{len(made)} of its own symbols; missed: {misses}")
    assert not misses


def test_zxingcpp_reads_all_with_same_bytes(made, capsys):
    fails = []
    for name, s, want, img, _ in made:
        res = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.DataMatrix)
        if [r.bytes for r in res] != [want.bytes]:
            fails.append((name, s.size, [r.bytes[:30] for r in res]))
    with capsys.disabled():
        print(f"\ninterop: zxing-cpp read {len(made) - len(fails)}/{len(made)} ecc200 symbols with identical bytes")
    assert not fails


def test_libdmtx_counts(made, capsys):
    pylibdmtx = pytest.importorskip("pylibdmtx.pylibdmtx")
    read = same = plain_n = plain_same = dmre_n = 0
    plain_fails = []
    for name, s, want, img, plain in made:
        res = pylibdmtx.decode(img, timeout=3000, max_count=1)
        got = [r.data for r in res]
        expect = want.bytes
        if want.is_gs1:
            expect = expect.replace(b"\x1d", b"")  # libdmtx drops FNC1 separators
        read += bool(got)
        ok = got == [expect]
        same += ok
        dmre_n += _dmre(s.size)
        if plain:
            plain_n += 1
            plain_same += ok
            if not ok:
                plain_fails.append((name, s.size, got[:1]))
    with capsys.disabled():
        print(
            f"\ninterop: libdmtx read {read}/{len(made)} ecc200 symbols, {same} with the same "
            f"bytes; {plain_same}/{plain_n} of the plain-feature symbols; "
            f"{dmre_n} are DMRE (unsupported by libdmtx)"
        )
    assert not plain_fails


# GS1 data whose minimal encoding carries FNC1 separators inside C40 (uppercase on both
# sides of each separator): valid ISO/IEC 16022, read by zxing-cpp, misread by libdmtx
FNC1_IN_C40 = [
    "(01)09506000134352(10)ABCDEFGHIJKL(21)MNOPQRSTUV(240)XYZWVUTS",
    "(01)09506000134352(10)LOTABCDEFG(21)SERIALXYZW",
    "(01)09506000134352(400)ORDERABCDEF(10)BATCHQRSTU(21)SNABCDEFGH",
]


def test_fnc1_ascii_only_serves_libdmtx(capsys):
    pylibdmtx = pytest.importorskip("pylibdmtx.pylibdmtx")
    default_ok = 0
    for g in FNC1_IN_C40:
        strict = ecc200.encode(g, gs1=True, fnc1_ascii_only=True)
        free = ecc200.encode(g, gs1=True)
        want = ecc200.decode_matrix(strict.matrix).bytes
        assert ecc200.decode_matrix(free.matrix).bytes == want
        expect = want.replace(b"\x1d", b"")  # libdmtx drops FNC1 separators
        got = [r.data for r in pylibdmtx.decode(image_of(strict), timeout=3000, max_count=1)]
        assert got == [expect], g
        zx = zxingcpp.read_barcodes(image_of(strict), formats=zxingcpp.BarcodeFormat.DataMatrix)
        assert [r.bytes for r in zx] == [want], g
        got_free = [r.data for r in pylibdmtx.decode(image_of(free), timeout=3000, max_count=1)]
        default_ok += got_free == [expect]
    with capsys.disabled():
        print(
            f"\ninterop: fnc1_ascii_only: libdmtx reads {len(FNC1_IN_C40)}/{len(FNC1_IN_C40)} "
            f"(default encoding: {default_ok}/{len(FNC1_IN_C40)})"
        )
