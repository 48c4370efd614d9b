#!/usr/bin/env python3
"""Minimality of ecc200's encoder against zint, zxing-cpp's writer and libdmtx.

For every payload of a fixed corpus (GS1 pharma strings of several markets, numeric,
upper- and lower-case text, X12, EDIFACT, binary, UTF-8, mixed text of 100 to 1500
characters) each encoder makes a square symbol; the script reports its size and the
number of data codewords it used (before padding). Peers' codeword counts are measured
by decoding their symbols' module matrices with `ecc200 matrix --json`, which reports
how many data codewords carry data.

Usage: python3 scripts/compare_minimality.py [--ecc200 target/release/ecc200] [--markdown]
Needs: zint and dmtxwrite on PATH (Debian zint, dmtx-utils), Python packages zxing-cpp,
numpy and pillow. A peer that is missing is reported as such, not skipped silently.
Exit status 1 when ecc200 is larger or uses more codewords than the best peer anywhere.
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


def ours(exe, kind, data):
    if kind == "gs1":
        args = [exe, "encode", "--json", "--gs1", data]
    elif kind == "text":
        args = [exe, "encode", "--json", "--hex", data.encode("utf-8").hex()] if not is_latin1(data) else \
            [exe, "encode", "--json", "--hex", data.encode("latin-1").hex()]
        if not is_latin1(data):
            args = [exe, "encode", "--json", data]  # the CLI adds ECI 26 for UTF-8 text
    else:
        args = [exe, "encode", "--json", "--hex", data.hex()]
    r = run(args)
    if r.returncode != 0:
        return None, r.stderr.decode(errors="replace").strip()
    j = json.loads(r.stdout)
    return (j["rows"], j["cols"], j["data_codewords"]), None


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
    return (j["rows"], j["cols"], j["data_codewords"])


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


def zxing_peer(exe, kind, data):
    try:
        import zxingcpp
    except ImportError:
        return None, "zxing-cpp missing"
    try:
        if kind == "gs1":
            b = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix, options="gs1")
        elif kind == "bytes":
            b = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix)
        else:
            b = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.DataMatrix)
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
    if kind == "gs1":
        return None, "no GS1 input mode"
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "s.png")
        r = run(["dmtxwrite", "-e", "b", "-s", "s", "-d", "4", "-m", "0", "-o", out], payload_bytes(kind, data))
        if r.returncode != 0 or not os.path.exists(out):
            return None, r.stderr.decode(errors="replace").strip()[:80]
        from PIL import Image
        rows = image_to_rows(Image.open(out))
    return (measure_matrix(exe, rows) if rows else None), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ecc200", default="target/release/ecc200")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    peers = [("zint", lambda k, d: zint_peer(a.ecc200, k, d)),
             ("zint --fast", lambda k, d: zint_peer(a.ecc200, k, d, fast=True)),
             ("zxing-cpp", lambda k, d: zxing_peer(a.ecc200, k, d)),
             ("libdmtx -e b", lambda k, d: dmtx_peer(a.ecc200, k, d))]
    worse = 0
    print("| payload | ecc200 size / cw | " + " | ".join(p for p, _ in peers) + " |")
    print("|---|---|" + "---|" * len(peers))
    totals = {"ecc200": 0}
    for name, kind, data in corpus():
        o, err = ours(a.ecc200, kind, data)
        if o is None:
            print(f"| {name} | error: {err} |")
            worse += 1
            continue
        totals["ecc200"] += o[2]
        cells = []
        best = None
        for pname, f in peers:
            p, perr = f(kind, data)
            if p is None:
                cells.append(perr or "unreadable")
                continue
            cells.append(f"{p[0]}x{p[1]} / {p[2]}")
            totals[pname] = totals.get(pname, 0) + p[2]
            if pname != "zint --fast":
                key = (p[0] * p[1], p[2])
                best = key if best is None or key < best else best
        flag = ""
        if best is not None and (o[0] * o[1] > best[0] or o[2] > best[1]):
            flag = " **worse**"
            worse += 1
        print(f"| {name} | {o[0]}x{o[1]} / {o[2]}{flag} | " + " | ".join(cells) + " |")
    print()
    print("codeword totals over the payloads each encoder handled: " +
          ", ".join(f"{k} {v}" for k, v in totals.items()))
    print(f"payloads where ecc200 is larger or longer than the best peer: {worse}")
    sys.exit(1 if worse else 0)


if __name__ == "__main__":
    main()
