#!/usr/bin/env python3
"""ecc200 vs zxing-cpp vs libdmtx on the same frames, in one run, one table.

The frames come from ``examples/read_bench.rs``::

    cargo run --release --example read_bench -- --out DIR --frames 20 --seed 1
    /tmp/peers/bin/python scripts/compare_read.py DIR [--realworld PATH]
        [--dmtx-frames 5] [--dmtx-timeout 2000] [--no-ecc200-run]

This script first runs ``cargo run --release --example read_bench -- --measure DIR``
(ecc200 in-process, default and thorough mode, batch scaling, real photos at four
rotations; it writes ``DIR/ecc200.jsonl``), unless ``--no-ecc200-run`` reuses an
existing ``DIR/ecc200.jsonl``. Then it reads the same PNGs with zxing-cpp
(``zxingcpp.read_barcodes(img, formats=DataMatrix)``, library defaults otherwise) and
libdmtx (``pylibdmtx.decode(img, timeout=...)``; by default only the first
``--dmtx-frames`` frames of each bucket, as libdmtx takes about a second per
1920x1080 frame), timing each call with ``time.process_time()`` (CPU time of this
process, so waiting for the shared CPU is not counted). PNG decoding is not timed.

A symbol is read when its exact bytes are among the reader's outputs; an output that
is not one of the frame's symbols is a wrong read. libdmtx reports GS1 data without
its FNC1 separators (GS, 0x1D), so its outputs are compared with GS removed from the
truth; that is stated in the table.

Needs numpy, Pillow, zxing-cpp, pylibdmtx (``scripts/test.sh`` makes ``.venv`` with
them; ``/tmp/peers/bin/python`` has them too).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shlex
import statistics
import subprocess
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from PIL import Image

try:
    import zxingcpp
except ImportError:  # pragma: no cover - optional peer
    zxingcpp = None
try:
    from pylibdmtx import pylibdmtx
except ImportError:  # pragma: no cover - optional peer
    pylibdmtx = None

ROOT = pathlib.Path(__file__).resolve().parents[1]
GS = b"\x1d"


def loadavg() -> str:
    try:
        return " ".join(pathlib.Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def median(v: Sequence[float]) -> float:
    return statistics.median(v) if v else float("nan")


def gray(path: pathlib.Path) -> np.ndarray:
    """Grey image; transparent pixels composited over white (as read_bench does)."""
    im = Image.open(path)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    return np.ascontiguousarray(np.asarray(im.convert("L")))


class Reader:
    """One peer: name, a read function returning bytes, whether it drops GS."""

    def __init__(self, name: str, fn, drops_gs: bool = False) -> None:
        self.name = name
        self.fn = fn
        self.drops_gs = drops_gs

    def read(self, img: np.ndarray) -> Tuple[List[bytes], float]:
        t = time.process_time()
        out = self.fn(img)
        return out, (time.process_time() - t) * 1e3


def peers(dmtx_timeout: int, zxing_all_formats: bool = False) -> List[Reader]:
    rs = []
    if zxingcpp is not None:
        fmt = zxingcpp.BarcodeFormat.DataMatrix
        rs.append(Reader("zxing-cpp", lambda img: [b.bytes for b in zxingcpp.read_barcodes(img, formats=fmt)]))
        if zxing_all_formats:
            # the library's true default: every format searched; only its Data Matrix
            # results are scored
            rs.append(
                Reader(
                    "zxing-cpp all formats",
                    lambda img: [b.bytes for b in zxingcpp.read_barcodes(img) if b.format == fmt],
                )
            )
    else:
        print("zxing-cpp not installed: skipped")
    if pylibdmtx is not None:
        rs.append(
            Reader(
                "libdmtx",
                lambda img: [d.data for d in pylibdmtx.decode(img, timeout=dmtx_timeout)],
                drops_gs=True,
            )
        )
    else:
        print("pylibdmtx not installed: skipped")
    return rs


def score(truth: Sequence[bytes], got: Sequence[bytes], drops_gs: bool) -> Tuple[int, int]:
    want = [t.replace(GS, b"") for t in truth] if drops_gs else list(truth)
    read = sum(1 for t in want if t in got)
    wrong = sum(1 for g in got if g not in want)
    return read, wrong


def pct(r: int, s: int) -> str:
    return f"{100.0 * r / s:.1f}" if s else "-"


def run_ecc200(folder: pathlib.Path, realworld: Optional[pathlib.Path]) -> None:
    cmd = ["cargo", "run", "--release", "--quiet", "--example", "read_bench", "--", "--measure", str(folder)]
    if realworld is not None:
        cmd += ["--realworld", str(realworld)]
    print("$ " + " ".join(shlex.quote(c) for c in cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def load_ecc200(folder: pathlib.Path) -> Dict[Tuple[str, str, int], Tuple[List[bytes], float]]:
    """(mode, file, rotation) -> (outputs, cpu ms); rotation -1 for simulated frames."""
    res: Dict[Tuple[str, str, int], Tuple[List[bytes], float]] = {}
    path = folder / "ecc200.jsonl"
    if not path.exists():
        return res
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        o = json.loads(line)
        outs = [bytes.fromhex(h) for h in o["outputs"]]
        res[(o["mode"], o["file"], o.get("rotation", -1))] = (outs, o.get("cpu_ms", float("nan")))
    return res


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", type=pathlib.Path, help="frame folder made by read_bench --out")
    ap.add_argument("--realworld", type=pathlib.Path, default=None, help="real photos: SET/NAME.png + NAME.txt")
    ap.add_argument("--dmtx-frames", type=int, default=5, help="libdmtx: frames per bucket (0 = all; default 5)")
    ap.add_argument("--dmtx-timeout", type=int, default=2000, help="libdmtx timeout per image, ms (default 2000)")
    ap.add_argument("--no-ecc200-run", action="store_true", help="reuse DIR/ecc200.jsonl")
    ap.add_argument("--zxing-all-formats", action="store_true",
                    help="also time zxing-cpp's true default (every format; Data Matrix results scored)")
    args = ap.parse_args(argv)
    folder: pathlib.Path = args.dir.resolve()
    realworld = args.realworld
    if realworld is None:
        for cand in [ROOT.parent / "shared/testdata/realworld", ROOT.parent.parent / "shared/testdata/realworld"]:
            if cand.is_dir():
                realworld = cand
                break
    print("command: " + " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]))
    print(f"load average at start: {loadavg()}")
    if not args.no_ecc200_run:
        run_ecc200(folder, realworld)
    ecc = load_ecc200(folder)
    if not ecc:
        print(f"no {folder / 'ecc200.jsonl'}: ecc200 columns empty")

    frames = [json.loads(l) for l in (folder / "truth.jsonl").read_text().splitlines() if l.strip()]
    buckets: List[str] = []
    for f in frames:
        if f["bucket"] not in buckets:
            buckets.append(f["bucket"])
    rs = peers(args.dmtx_timeout, args.zxing_all_formats)
    print(f"\npeers on {len(frames)} frames (load average {loadavg()}) ...", flush=True)
    # per reader name: per frame index (outputs, cpu ms) or None when not run
    peer_res: Dict[str, List[Optional[Tuple[List[bytes], float]]]] = {r.name: [None] * len(frames) for r in rs}
    seen: Dict[str, int] = {}
    for i, f in enumerate(frames):
        img = gray(folder / f["file"])
        k = seen.get(f["bucket"], 0)
        seen[f["bucket"]] = k + 1
        for r in rs:
            if r.name == "libdmtx" and args.dmtx_frames and k >= args.dmtx_frames:
                continue
            peer_res[r.name][i] = r.read(img)
    print(f"load average after peers: {loadavg()}")
    with open(folder / "peers.jsonl", "w") as out:
        for name, res in peer_res.items():
            for i, fr in enumerate(res):
                if fr is not None:
                    out.write(json.dumps({"file": frames[i]["file"], "reader": name, "cpu_ms": round(fr[1], 3),
                                          "outputs": [g.hex() for g in fr[0]]}) + "\n")

    cols = [("ecc200", "default"), ("ecc200-thorough", "thorough")] + [(r.name, None) for r in rs]
    drops = {r.name: r.drops_gs for r in rs}

    def frame_res(name: str, mode: Optional[str], i: int) -> Optional[Tuple[List[bytes], float]]:
        if mode is not None:
            return ecc.get((mode, frames[i]["file"], -1))
        return peer_res[name][i]

    print(
        "\nSimulated frames: read % (symbols read / symbols), wrong reads, median CPU ms per frame (one core)"
    )
    if pylibdmtx is not None and args.dmtx_frames:
        print(f"  libdmtx: first {args.dmtx_frames} frames of each bucket only (n shown), timeout {args.dmtx_timeout} ms")
    hdr = f"{'bucket':<14}{'frames':>7}{'syms':>6}"
    for name, _ in cols:
        hdr += f" | {name:>15} {'wrong':>5} {'cpu ms':>7}"
    hdr += f" | {'zx/ecc':>6} {'zx/thor':>7}"
    print(hdr)
    print("-" * len(hdr))
    tot: Dict[str, List[int]] = {n: [0, 0, 0] for n, _ in cols}  # read, symbols, wrong
    cpu_all: Dict[str, List[float]] = {n: [] for n, _ in cols}
    paired: Dict[str, List[Tuple[float, float]]] = {"default": [], "thorough": []}
    for b in buckets + ["all"]:
        idx = [i for i, f in enumerate(frames) if b == "all" or f["bucket"] == b]
        nsym = sum(len(frames[i]["symbols"]) for i in idx)
        line = f"{b:<14}{len(idx):>7}{nsym:>6}"
        meds = {}
        for name, mode in cols:
            r = s = w = 0
            cpu = []
            n = 0
            for i in idx:
                fr = frame_res(name, mode, i)
                if fr is None:
                    continue
                n += 1
                truth = [bytes.fromhex(x["hex"]) for x in frames[i]["symbols"]]
                ri, wi = score(truth, fr[0], drops.get(name, False))
                r += ri
                w += wi
                s += len(truth)
                cpu.append(fr[1])
                if b != "all" and name == "zxing-cpp":
                    for m in ("default", "thorough"):
                        e = ecc.get((m, frames[i]["file"], -1))
                        if e is not None:
                            paired[m].append((fr[1], e[1]))
            if b != "all":
                t = tot[name]
                t[0] += r
                t[1] += s
                t[2] += w
                cpu_all[name] += cpu
            meds[name] = median(cpu)
            cell = f"{pct(r, s)}% {r}/{s}" if n else "-"
            if n and n != len(idx):
                cell += f" n{n}"
            line += f" | {cell:>15} {w if n else '-':>5} {median(cpu) if n else float('nan'):>7.2f}"
        zx = meds.get("zxing-cpp", float("nan"))
        line += f" | {zx / meds['ecc200']:>6.1f} {zx / meds['ecc200-thorough']:>7.1f}"
        print(line)
    print(
        "\n(read % counts symbols; wrong = outputs that are not a symbol of the frame; cpu ms ="
        " median per frame; zx/ecc = zxing-cpp median / ecc200 median)"
    )
    # libdmtx decodes an FNC1 inside C40 (shift 2, value 27) with the next character
    # as one "'" (seen on every one of its wrong reads here); count those apart
    c40 = 0
    for i, fr in enumerate(peer_res.get("libdmtx", [])):
        if fr is None:
            continue
        truth = [bytes.fromhex(x["hex"]) for x in frames[i]["symbols"]]
        for g in fr[0]:
            if g not in [t.replace(GS, b"") for t in truth] and any(
                GS in t and g == t[: t.index(GS)] + b"'" + t[t.index(GS) + 2 :] for t in truth
            ):
                c40 += 1
    if "libdmtx" in peer_res:
        print(f"libdmtx: {c40} of its wrong reads are FNC1 + next character decoded as one \"'\" (FNC1 inside C40)")
    for m in ("default", "thorough"):
        p = paired[m]
        if p:
            zs = sum(a for a, _ in p)
            es = sum(b for _, b in p)
            ratios = [a / b for a, b in p if b > 0]
            print(
                f"zxing-cpp vs ecc200 {m}: total CPU {zs / 1e3:.2f} s vs {es / 1e3:.2f} s ="
                f" {zs / es:.2f}x; median of per-frame ratios {median(ratios):.2f}x over {len(p)} frames"
            )

    if realworld is not None and realworld.is_dir():
        realworld_table(realworld, rs, ecc, args)
    else:
        print("\nrealworld: skipped (no folder; pass --realworld PATH)")
    print(f"\nload average at end: {loadavg()}")
    return 0


def realworld_table(root: pathlib.Path, rs: List[Reader], ecc, args) -> None:
    cases = []
    for png in sorted(root.glob("*/*.png")):
        txt = png.with_suffix(".txt")
        if txt.exists():
            cases.append((str(png.relative_to(root)), gray(png), txt.read_bytes()))
    print(f"\nReal photos: {len(cases)} images from {root}, images read (wrong reads) per rotation (clockwise)")
    print(f"{'reader':<16}" + "".join(f"{d:>14}" for d in ("0 deg", "90 deg", "180 deg", "270 deg")) + f"{'cpu ms':>9}")
    names = [("ecc200", "default"), ("ecc200-thorough", "thorough")] + [(r.name, r) for r in rs]
    for name, how in names:
        line = f"{name:<16}"
        cpu = []
        missing = []
        for q in range(4):
            ok = wrong = 0
            n = 0
            for rel, img, want in cases:
                if isinstance(how, str):
                    e = ecc.get((how, "realworld/" + rel, q * 90))
                    if e is None:
                        continue
                    got = e[0]
                    cpu.append(e[1])
                else:
                    got, ms = how.read(np.ascontiguousarray(np.rot90(img, k=-q)))
                    cpu.append(ms)
                n += 1
                r, w = score([want], got, getattr(how, "drops_gs", False))
                ok += r
                wrong += w
                if not r:
                    missing.append(f"{rel}@{q * 90}")
            line += f"{f'{ok}/{n} ({wrong})' if n else '-':>14}"
        line += f"{median(cpu):>9.2f}" if cpu else f"{'':>9}"
        print(line)
        if missing and len(missing) <= 40:
            print(f"    not read: {' '.join(missing)}")
        elif missing:
            print(f"    not read: {len(missing)} image-rotations")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
