//! Peak memory probes, one job per run so that `/usr/bin/time -v` measures it alone:
//!
//! ```text
//! cargo build --release --example peak_rss --no-default-features
//! /usr/bin/time -v target/release/examples/peak_rss read8k     # 7680x4320 frame
//! /usr/bin/time -v target/release/examples/peak_rss read8k-thorough
//! /usr/bin/time -v target/release/examples/peak_rss encode144  # largest symbol
//! /usr/bin/time -v target/release/examples/peak_rss decode144
//! /usr/bin/time -v target/release/examples/peak_rss baseline   # process overhead
//! ```
use ecc200::decode::from_matrix;
use ecc200::encode::{encode, EncodeOptions};
use ecc200::read::{read, ReadOptions};
use ecc200::{Frame, SymbolSize};
use std::process::ExitCode;

/// 3116 digits: exactly the capacity of 144x144.
fn biggest_payload() -> Vec<u8> {
    (0..3116).map(|i| b'0' + (i * 7 % 10) as u8).collect()
}

fn main() -> ExitCode {
    let job = std::env::args().nth(1).unwrap_or_default();
    match job.as_str() {
        "baseline" => println!("baseline"),
        "encode144" | "decode144" => {
            let sym = match encode(&biggest_payload(), &EncodeOptions::default()) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("encode: {e}");
                    return ExitCode::FAILURE;
                }
            };
            assert_eq!(sym.size(), SymbolSize::from_dims(144, 144).unwrap());
            if job == "decode144" {
                let d = from_matrix(sym.matrix()).map_err(|e| e.to_string());
                println!("decoded {} bytes", d.map(|d| d.bytes.len()).unwrap_or(0));
            } else {
                println!("encoded {}", sym.size());
            }
        }
        "read8k" | "read8k-thorough" => {
            let (w, h) = (7680usize, 4320usize);
            let mut img = vec![200u8; w * h];
            // a 144x144 symbol at 6 px a module, and a small one, on a grey ground
            for (text, px, x0, y0) in [
                (biggest_payload(), 6usize, 1000usize, 800usize),
                (b"(01)09506000134352(21)ABC".to_vec(), 8, 5000, 2000),
            ] {
                let Ok(sym) = encode(&text, &EncodeOptions::default()) else {
                    return ExitCode::FAILURE;
                };
                let m = sym.matrix();
                for r in 0..m.rows() {
                    for c in 0..m.cols() {
                        if m.get(r, c) {
                            for y in 0..px {
                                let row = (y0 + r * px + y) * w;
                                img[row + x0 + c * px..row + x0 + (c + 1) * px].fill(30);
                            }
                        }
                    }
                }
            }
            let Ok(f) = Frame::luma(&img, w, h, w) else {
                return ExitCode::FAILURE;
            };
            let opts = ReadOptions::default().thorough(job == "read8k-thorough");
            let t = std::time::Instant::now();
            let res = read(&f, &opts);
            println!(
                "read {} symbols {:?} in {:?}",
                res.len(),
                res.iter().map(|r| r.size.to_string()).collect::<Vec<_>>(),
                t.elapsed()
            );
        }
        _ => {
            eprintln!("usage: peak_rss baseline|encode144|decode144|read8k|read8k-thorough");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
