//! Encoding throughput, for `scripts/compare_encode_speed.py`.
//!
//! - `encode_throughput batch FILE`: like `zint --batch --dump`: every line of FILE is a
//!   bracketed GS1 element string; each is parsed, validated, encoded and its module
//!   rows written to stdout as hex, one line per row (the format of `zint --dump`).
//! - `encode_throughput encode N`: encodes the EU FMD pharma string N times in-process
//!   (one reused `Encoder` and `Symbol`: `Encoder::encode_into`) and prints the CPU time
//!   per symbol; `encode-alloc N` the same with `Encoder::encode` (a new `Symbol` each).
//! - `encode_throughput serials-all N`: `SerialRange::encode_all` (rayon, every core).
//! - `encode_throughput serials N`: N sequential serials through one `SerialEncoder`
//!   (one thread, `encode_into` one reused symbol) and prints the CPU time per symbol.
use ecc200::encode::{EncodeOptions, Encoder, SerialRange};
use ecc200::gs1::{self, ValidateOptions};
use std::hint::black_box;
use std::io::{BufRead, Write};

fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let t = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

/// Appends `b` as two uppercase hex digits and a space (zint's dump format).
fn hex(out: &mut Vec<u8>, b: u8) {
    const D: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[D[(b >> 4) as usize], D[(b & 15) as usize], b' ']);
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("");
    let arg = args.get(2).cloned().unwrap_or_default();
    let opts = EncodeOptions::default().gs1(true);
    match mode {
        "batch" => {
            let f = std::io::BufReader::new(std::fs::File::open(&arg)?);
            let out = std::io::stdout();
            let mut w = std::io::BufWriter::new(out.lock());
            let mut enc = Encoder::new();
            let vopts = ValidateOptions::default();
            let mut buf: Vec<u8> = Vec::with_capacity(64);
            for line in f.lines() {
                let line = line?;
                let es = gs1::parse(line.trim())?;
                gs1::validate(&es, &vopts).map_err(|e| format!("{line}: {} errors", e.0.len()))?;
                let sym = enc.encode(&es.to_raw(), &opts)?;
                let m = sym.matrix();
                for r in 0..m.rows() {
                    buf.clear();
                    let (mut byte, mut nb) = (0u8, 0);
                    for dark in m.row(r) {
                        byte = (byte << 1) | u8::from(dark);
                        nb += 1;
                        if nb == 8 {
                            hex(&mut buf, byte);
                            (byte, nb) = (0, 0);
                        }
                    }
                    if nb > 0 {
                        hex(&mut buf, byte << (8 - nb));
                    }
                    buf.pop();
                    buf.push(b'\n');
                    w.write_all(&buf)?;
                }
            }
        }
        "serials-all" => {
            // SerialRange::encode_all: every core (rayon), one allocated Symbol each
            let n: usize = arg.parse().unwrap_or(1_000_000);
            let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123")?;
            let serials: Vec<String> = (1..=n).map(|i| format!("SN{i:010}")).collect();
            let range = SerialRange::new(&base, &opts, &serials[0])?;
            let (t0, w0) = (cpu_seconds(), std::time::Instant::now());
            let v = range.encode_all(&serials)?;
            let (dt, wall) = (cpu_seconds() - t0, w0.elapsed().as_secs_f64());
            black_box(v.len());
            println!(
                "{{\"mode\":\"serials-all\",\"n\":{n},\"cpu_s\":{dt:.3},\"wall_s\":{wall:.3},\"symbols_per_cpu_s\":{:.0},\"symbols_per_wall_s\":{:.0}}}",
                n as f64 / dt,
                n as f64 / wall
            );
        }
        "encode" | "encode-alloc" | "serials" => {
            let n: usize = arg.parse().unwrap_or(1_000_000);
            let data = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001";
            let (t0, t1) = if mode == "encode" {
                // one reused Encoder and Symbol: no allocation per symbol
                let mut enc = Encoder::new();
                let mut sym = enc.encode(data, &opts)?;
                let t0 = cpu_seconds();
                for _ in 0..n {
                    enc.encode_into(black_box(data), &opts, &mut sym)?;
                    black_box(sym.matrix().raw_words()[0]);
                }
                (t0, cpu_seconds())
            } else if mode == "encode-alloc" {
                // a new Symbol (two allocations) per call
                let mut enc = Encoder::new();
                let t0 = cpu_seconds();
                for _ in 0..n {
                    let s = enc.encode(black_box(data), &opts)?;
                    black_box(s.matrix().rows());
                }
                (t0, cpu_seconds())
            } else {
                let base = gs1::parse("(01)09506000134352(17)261231(10)ABC123")?;
                let serials: Vec<String> = (1..=n).map(|i| format!("SN{i:010}")).collect();
                let range = SerialRange::new(&base, &opts, &serials[0])?;
                let mut se = range.encoder();
                // one reused symbol: a sink that consumes each symbol before the next
                let mut sym = se.encode(&serials[0])?;
                let t0 = cpu_seconds();
                for s in &serials {
                    se.encode_into(black_box(s), &mut sym)?;
                    black_box(sym.matrix().raw_words()[0]);
                }
                (t0, cpu_seconds())
            };
            let dt = t1 - t0;
            println!(
                "{{\"mode\":\"{mode}\",\"n\":{n},\"cpu_s\":{dt:.3},\"ns_per_symbol\":{:.1},\"symbols_per_s\":{:.0}}}",
                dt * 1e9 / n as f64,
                n as f64 / dt
            );
        }
        _ => {
            eprintln!(
                "usage: encode_throughput batch FILE | encode N | encode-alloc N | serials N"
            );
            std::process::exit(2);
        }
    }
    Ok(())
}
