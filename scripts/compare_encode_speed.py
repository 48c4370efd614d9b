#!/usr/bin/env python3
"""Encoding speed of ecc200 against zint (minimal and --fast), one core, CPU time.

What is measured (all on the EU FMD string (01)09506000134352(17)261231(10)ABC123(21)SN...):

1. Batch, like for like: zint `-b 71 --gs1 --gs1parens --batch --dump` and
   `examples/encode_throughput batch` read N lines, parse and check each GS1 element
   string, encode it and write its module rows as hex to /dev/null. CPU time of the child
   process (rusage) for N lines minus that for 1 line (start-up), divided by N - 1.
   zint's minimal mode is its default; `--fast` is its non-minimal mode.
2. ecc200 in-process: `encode_throughput encode N` (bytes to module matrix, one reused
   Encoder and Symbol, `Encoder::encode_into`: what a line-speed integration calls),
   `encode_throughput encode-alloc N` (the same with a new Symbol per call) and
   `encode_throughput serials N` (a serial range, one thread).
The two batch outputs are also compared symbol by symbol (zint's and ecc200's dumps).

Usage: scripts/compare_encode_speed.py [--n 200000]   (needs zint on PATH; builds the
example with cargo --release).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile


def child_cpu(cmd, stdout=subprocess.DEVNULL):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed: {p.stderr.decode(errors='replace')[:200]}")
    return (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), p


def lines_file(d, n):
    path = os.path.join(d, f"in{n}.txt")
    with open(path, "w") as f:
        for i in range(1, n + 1):
            f.write("(01)09506000134352(17)261231(10)ABC123(21)SN%010d\n" % i)
    return path


def per_symbol(cmd_for, d, n):
    """CPU seconds per symbol: (t(N) - t(1)) / (N - 1), best of 3 for each."""
    t1 = min(child_cpu(cmd_for(lines_file(d, 1)))[0] for _ in range(3))
    big = lines_file(d, n)
    tn = min(child_cpu(cmd_for(big))[0] for _ in range(3))
    return (tn - t1) / (n - 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200000)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--example", "encode_throughput"], check=True,
                   stderr=subprocess.DEVNULL)
    exe = "target/release/examples/encode_throughput"
    zint = ["zint", "-b", "71", "--gs1", "--gs1parens", "--batch", "--dump"]
    with tempfile.TemporaryDirectory() as d:
        # same symbols?
        sample = lines_file(d, 200)
        za = subprocess.run(zint + ["--input=" + sample], capture_output=True).stdout.decode()
        ea = subprocess.run([exe, "batch", sample], capture_output=True).stdout.decode()
        # 22 rows per symbol (every serial of the sample gives a 22x22 symbol)
        def norm(s):
            rows = [" ".join(x.split()) for x in s.splitlines() if x.strip()]
            return [rows[i:i + 22] for i in range(0, len(rows), 22)]
        zs, es = norm(za), norm(ea)
        same = sum(1 for x, y in zip(zs, es) if x == y)
        res = {
            "zint minimal (batch)": per_symbol(lambda f: zint + ["--input=" + f], d, a.n),
            "zint --fast (batch)": per_symbol(lambda f: zint + ["--fast", "--input=" + f], d, a.n),
            "ecc200 (batch)": per_symbol(lambda f: [exe, "batch", f], d, a.n),
        }
    for mode in ("encode", "encode-alloc", "serials"):
        best = None
        for _ in range(3):
            out = subprocess.run([exe, mode, str(max(a.n, 1000000))], capture_output=True, check=True)
            j = json.loads(out.stdout)
            best = j if best is None or j["ns_per_symbol"] < best["ns_per_symbol"] else best
        res[f"ecc200 {mode} (in-process)"] = best["ns_per_symbol"] * 1e-9
    print(f"identical symbols, zint minimal vs ecc200, first 200 serials: {same}/{len(zs)}")
    print()
    print("| encoder | CPU per symbol | symbols/s | ecc200 batch speed-up | ecc200 in-process speed-up |")
    print("|---|---|---|---|---|")
    for k, v in res.items():
        up_b = res["ecc200 (batch)"]
        up_i = res["ecc200 encode (in-process)"]
        print(f"| {k} | {v * 1e9:.0f} ns | {1 / v:,.0f} | {v / up_b:.1f}x | {v / up_i:.1f}x |")


if __name__ == "__main__":
    main()
