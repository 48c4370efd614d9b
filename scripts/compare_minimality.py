#!/usr/bin/env python3
"""Minimality of ecc200's encoder against zint, zxing-cpp's writer and libdmtx.

For every payload of a fixed corpus (GS1 pharma strings of several markets, numeric,
upper- and lower-case text, X12, EDIFACT, binary, UTF-8, mixed text of 100 to 1500
characters) each encoder makes a square symbol; the script reports its size and the
number of data codewords it used (before padding). Peers' codeword counts are measured
by decoding their symbols' module matrices with `ecc200 matrix --json`, which reports
how many data codewords carry data.

Every symbol, ecc200's included, is measured the same way: its module matrix decoded by
`ecc200 matrix --json` (size, data codewords before padding, decoded bytes). A peer whose
symbol carries other bytes (e.g. another character set for non-Latin-1 text) is shown but
not compared. Square-only peers (zint, zxing-cpp with forceSquare, libdmtx `-s s`) are
compared with ecc200's default square choice, zxing-cpp without forceSquare with
`ecc200 --shape any`. GS1 payloads go to zint with --gs1, to zxing-cpp with gs1=True, to
libdmtx with -G 29 and a leading GS. ecc200 encodes with --no-validate (two corpus strings
are not valid GS1 data; minimality is about encodation).

Usage: scripts/compare_minimality.py [--ecc200 target/release/ecc200]
Needs: zint and dmtxwrite on PATH (Debian zint, dmtx-utils), Python packages zxing-cpp
(3.x), numpy and pillow (e.g. /tmp/peers/bin/python). A peer that is missing is reported
as such, not skipped silently. Exit status 1 when ecc200 is larger or uses more codewords
than a peer on any payload.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

GS = "\x1d"


def corpus():
    """(name, kind, data) with kind 'gs1' (bracketed element string), 'text' or 'bytes'."""
    rnd = random.Random(20261125)
    out = [
        ("us-dscsa", "gs1", "(01)00312345678906(17)270630(10)A1B2C3(21)100000012345"),
        ("eu-fmd", "gs1", "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001"),
        ("eu-fmd-nhrn", "gs1", "(01)04012345678901(21)7G3KQ9P2X8(17)280131(10)L2311-07(710)1234567890123"),
        ("fr-cip", "gs1", "(01)03400930000120(17)270531(10)B0425(21)Z8Q2M4N6R1T3"),
        ("it-aic", "gs1", "(01)08012345678901(712)012345678(17)261130(10)LT99(21)0000000000000001"),
        ("br-anvisa", "gs1", "(01)07891234567895(21)000123456789(17)270228(10)LOTE01"),
        ("sscc", "gs1", "(00)106141411234567897"),
        ("case", "gs1", "(02)10614141000019(37)48(17)270101(10)BATCH42"),
        ("gs1-lower", "gs1", "(01)09506000134352(10)abc-def.123(21)xyZ!%&"),
        ("gs1-long", "gs1", "(01)09506000134352(17)261231(10)ABCDEFGHIJKLMNOPQRST(21)12345678901234567890(240)PART-00012345"),
        ("digits-6", "text", "123456"),
        ("digits-20", "text", "01234567890123456789"),
        ("digits-101", "text", "".join(str(rnd.randrange(10)) for _ in range(101))),
        ("digits-500", "text", "".join(str(rnd.randrange(10)) for _ in range(500))),
        ("upper-short", "text", "HELLO WORLD"),
        ("upper-40", "text", "THE QUICK BROWN FOX JUMPS OVER THE LAZY D"),
        ("upper-digits", "text", "ABC123DEF456GHI789JKL012MNO345"),
        ("lower-short", "text", "hello world"),
        ("lower-60", "text", "the quick brown fox jumps over the lazy dog and keeps running"),
        ("mixed-case", "text", "Hello World, This Is Mixed Case Text 42"),
        ("x12-like", "text", "ISA*00*          *00*SENDER>RECEIVER*"),
        ("x12-pure", "text", "ABC*DEF>GHI 123*456>789 XYZ*000"),
        ("edifact-like", "text", "UNH+1+ORDERS:D:96A:UN'BGM+220+128576+9'DTM+137:20020830:102'"),
        ("edifact-pure", "text", "ABC+DEF:GHI'JKL?MNO/PQR=STU;VWX,YZ."),
        ("url", "text", "https://id.gs1.org/01/09506000134352/10/ABC123/21/SN0000000001"),
        ("email", "text", "quality.assurance@example-pharma.com"),
        ("punct", "text", "!!!???###$$$%%%&&&***((()))"),
        ("utf8-de", "text", "Grüße aus München – Qualität für Apotheken"),
        ("utf8-jp", "text", "医薬品のシリアル番号 12345"),
        ("latin1-fr", "text", "Été déjà façonné à l'hôpital"),
        ("binary-16", "bytes", bytes(rnd.randrange(256) for _ in range(16))),
        ("binary-100", "bytes", bytes(rnd.randrange(256) for _ in range(100))),
        ("binary-400", "bytes", bytes(rnd.randrange(256) for _ in range(400))),
        ("binary-high", "bytes", bytes(range(128, 228))),
        ("mixed-100", "text", mixed_text(rnd, 100)),
        ("mixed-250", "text", mixed_text(rnd, 250)),
        ("mixed-500", "text", mixed_text(rnd, 500)),
        ("mixed-1000", "text", mixed_text(rnd, 1000)),
        ("mixed-1500", "text", mixed_text(rnd, 1500)),
        ("upper-1000", "text", "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") for _ in range(1000))),
        ("lower-800", "text", "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(800))),
        ("serials", "text", ",".join("SN%010d" % rnd.randrange(10**10) for _ in range(20))),
    ]
    return out


def mixed_text(rnd, n):
    words = ["Lot", "BATCH", "expiry", "2027-06-30", "GTIN", "09506000134352", "serial", "x", "QA",
             "line-7", "OK", "pharma", "Rx", "#42", "(pack)", "12.5mg", "EU/1/23/001", "ndc", "0002-8215-01"]
    s = []
    while sum(len(w) + 1 for w in s) < n:
        s.append(rnd.choice(words))
    return " ".join(s)[:n]


def gs1_raw(bracketed):
    """(01)..(10).. -> AI data with GS after variable-length fields (for peers that take raw)."""
    fixed = {"00": 18, "01": 14, "02": 14, "03": 14, "04": 16, "11": 6, "12": 6, "13": 6, "14": 6, "15": 6,
             "16": 6, "17": 6, "18": 6, "19": 6, "20": 2, "31": 10, "32": 10, "33": 10, "34": 10, "35": 10,
             "36": 10, "41": 16}
    parts = []
    i = 0
    while i < len(bracketed):
        j = bracketed.index(")", i)
        ai = bracketed[i + 1:j]
        k = bracketed.find("(", j)
        val = bracketed[j + 1:] if k < 0 else bracketed[j + 1:k]
        parts.append((ai, val))
        i = len(bracketed) if k < 0 else k
    out = ""
    for n, (ai, val) in enumerate(parts):
        out += ai + val
        if ai[:2] not in fixed and n + 1 < len(parts):
            out += GS
    return out


def run(cmd, data=None):
    return subprocess.run(cmd, input=data, capture_output=True, timeout=60)


def ours(exe, kind, data, shape="square"):
    """ecc200's symbol, measured like the peers' (decoded by `ecc200 matrix --json`)."""
    base = [exe, "encode", "--json", "--no-validate", "--shape", shape]
    if kind == "gs1":
        args = base + ["--gs1", data]
    elif kind == "text" and is_latin1(data):
        args = base + ["--hex", data.encode("latin-1").hex()]
    elif kind == "text":
        args = base + [data]  # the CLI adds ECI 26 for UTF-8 text
    else:
        args = base + ["--hex", data.hex()]
    r = run(args)
    if r.returncode != 0:
        return None, r.stderr.decode(errors="replace").strip()[:80]
    j = json.loads(r.stdout)
    return measure_matrix(exe, j["matrix"]), None


def is_latin1(s):
    try:
        s.encode("latin-1")
        return True
    except UnicodeEncodeError:
        return False


def payload_bytes(kind, data):
    if kind == "gs1":
        return gs1_raw(data).encode()
    if kind == "text":
        return data.encode("latin-1") if is_latin1(data) else data.encode("utf-8")
    return data


def measure_matrix(exe, rows_strings):
    """Size and used data codewords of a peer's symbol, via `ecc200 matrix --json`."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(rows_strings) + "\n")
        path = f.name
    try:
        r = run([exe, "matrix", "--json", path])
    finally:
        os.unlink(path)
    if r.returncode != 0:
        return None
    j = json.loads(r.stdout)
    return (j["rows"], j["cols"], j["data_codewords"], j.get("bytes_hex"), j.get("text"))


def zint_peer(exe, kind, data, fast=False):
    if not shutil.which("zint"):
        return None, "zint missing"
    args = ["zint", "-b", "71", "--square", "--dump"]
    if fast:
        args.append("--fast")
    if kind == "gs1":
        args += ["--gs1", "--gs1parens", "-d", data]
        r = run(args)
    elif kind == "text" and not is_latin1(data):
        args += ["--eci=26", "--binary", "--input=-"]
        r = run(args, data.encode("utf-8"))
    else:
        args += ["--binary", "--input=-"]
        r = run(args, payload_bytes(kind, data))
    if r.returncode != 0:
        return None, r.stderr.decode(errors="replace").strip()[:80]
    lines = [ln.strip() for ln in r.stdout.decode().splitlines() if ln.strip()]
    rows = []
    for ln in lines:
        bits = "".join(bin(int(h, 16))[2:].zfill(4 * len(h)) for h in ln.split())
        rows.append(bits)
    width = len(rows)  # square symbols: the dump pads each row to whole hex digits
    rows = [r[:width] for r in rows]
    return measure_matrix(exe, rows), None


def image_to_rows(img, margin_guess=None):
    """Module matrix of a clean black-on-white render (peers' own output)."""
    import numpy as np
    a = np.asarray(img.convert("L")) < 128
    ys, xs = np.nonzero(a)
    if len(ys) == 0:
        return None
    a = a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    # module size: the top row of a symbol alternates dark/light, so its first dark run is 1 module
    row0 = a[0]
    run_len = 1
    while run_len < len(row0) and row0[run_len]:
        run_len += 1
    m = run_len
    h, w = a.shape
    rows = []
    for r in range(h // m):
        rows.append("".join("1" if a[r * m + m // 2, c * m + m // 2] else "0" for c in range(w // m)))
    return rows


def zxing_peer(exe, kind, data, square=True):
    try:
        import zxingcpp
    except ImportError:
        return None, "zxing-cpp missing"
    try:
        # creator options are keyword arguments (an `options="gs1"` string is ignored)
        kw = {"forceSquare": True} if square else {}
        if kind == "gs1":
            kw["gs1"] = True
        b = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix, **kw)
        img = b.to_image(scale=4, add_quiet_zones=False)
    except Exception as e:  # noqa: BLE001 - report any writer failure
        return None, str(e)[:80]
    from PIL import Image
    import numpy as np
    rows = image_to_rows(Image.fromarray(np.asarray(img)))
    return (measure_matrix(exe, rows) if rows else None), None


def dmtx_peer(exe, kind, data):
    if not shutil.which("dmtxwrite"):
        return None, "dmtxwrite missing"
    args = ["dmtxwrite", "-e", "b", "-s", "s", "-d", "4", "-m", "4"]
    payload = payload_bytes(kind, data)
    if kind == "gs1":
        # -G 29: the GS byte stands for FNC1 (a leading one makes it a GS1 symbol)
        args += ["-G", "29"]
        payload = GS.encode() + payload
    elif kind == "text" and not is_latin1(data):
        return None, "no ECI input"
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "s.png")
        r = run(args + ["-o", out], payload)
        if r.returncode != 0 or not os.path.exists(out):
            return None, r.stderr.decode(errors="replace").strip()[:80]
        from PIL import Image
        rows = image_to_rows(Image.open(out))
    return (measure_matrix(exe, rows) if rows else None), None


def area(m):
    return m[0] * m[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ecc200", default="target/release/ecc200")
    a = ap.parse_args()
    # (name, function, shape policy the peer chooses from, counts towards the best)
    peers = [("zint", lambda k, d: zint_peer(a.ecc200, k, d), "square", True),
             ("zint --fast", lambda k, d: zint_peer(a.ecc200, k, d, fast=True), "square", False),
             ("zxing-cpp", lambda k, d: zxing_peer(a.ecc200, k, d), "square", True),
             ("zxing-cpp any shape", lambda k, d: zxing_peer(a.ecc200, k, d, square=False), "any", True),
             ("libdmtx -e b", lambda k, d: dmtx_peer(a.ecc200, k, d), "square", True)]
    worse = 0
    rows_out = []
    print("Each cell: symbol size / data codewords used. zint, zxing-cpp (forceSquare) and "
          "libdmtx choose square symbols, compared with ecc200's square choice; zxing-cpp without "
          "forceSquare chooses among all shapes, compared with `ecc200 --shape any` (second "
          "ecc200 column). `zint --fast` (not minimal) is shown for reference only. A peer "
          "whose symbol decodes to other bytes (another character set) is not compared.")
    print()
    print("| payload | ecc200 square | ecc200 any shape | " + " | ".join(p[0] for p in peers) + " |")
    print("|---|---|---|" + "---|" * len(peers))
    totals = {}
    complete = 0
    for name, kind, data in corpus():
        o_sq, err = ours(a.ecc200, kind, data)
        o_any, err2 = ours(a.ecc200, kind, data, "any")
        if o_sq is None or o_any is None:
            print(f"| {name} | error: {err or err2} |")
            worse += 1
            continue
        row = {"ecc200 square": o_sq[2], "ecc200 any shape": o_any[2]}
        cells = []
        flags = []
        for pname, f, shape, counts in peers:
            p, perr = f(kind, data)
            if p is None:
                cells.append(perr or "unreadable")
                continue
            mine = o_sq if shape == "square" else o_any
            if p[3] != mine[3]:
                cells.append(f"{p[0]}x{p[1]} / {p[2]} (other bytes)")
                continue
            cells.append(f"{p[0]}x{p[1]} / {p[2]}")
            row[pname] = p[2]
            if counts and (area(mine) > area(p) or mine[2] > p[2]):
                flags.append(pname)
        if len(row) == 2 + len(peers):
            for k, v in row.items():
                totals[k] = totals.get(k, 0) + v
            complete += 1
        flag = f" **worse than {', '.join(flags)}**" if flags else ""
        if flags:
            worse += 1
        print(f"| {name} | {o_sq[0]}x{o_sq[1]} / {o_sq[2]}{flag} | {o_any[0]}x{o_any[1]} / {o_any[2]} | "
              + " | ".join(cells) + " |")
    print()
    print(f"data codewords summed over the {complete} payloads every encoder handled with the same bytes: " +
          ", ".join(f"{k} {v}" for k, v in totals.items()))
    print(f"payloads where ecc200 is larger or uses more codewords than a peer: {worse}")
    sys.exit(1 if worse else 0)


if __name__ == "__main__":
    main()
