//! CPU-time measurement of the encoder (ignored by default; run with
//! `cargo test --release --test encode_speed -- --ignored --nocapture`). Uses process
//! CPU time from /proc so that a loaded machine does not inflate the numbers.

use ecc200::encode::{EncodeOptions, Encoder, Segment};
use std::hint::black_box;

fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // fields 14 and 15 (utime, stime) are at 11 and 12 after the comm field
    let t = |k: usize| f.get(k).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn per_call(name: &str, n: usize, mut f: impl FnMut()) {
    let t0 = cpu_seconds();
    for _ in 0..n {
        f();
    }
    let dt = cpu_seconds() - t0;
    println!(
        "{name}: {:.0} ns/call CPU, {:.0} calls/s",
        dt * 1e9 / n as f64,
        n as f64 / dt
    );
}

#[test]
#[ignore]
fn speed() {
    let data: Vec<u8> = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001".to_vec();
    let opts = EncodeOptions::default().gs1(true);
    let mut enc = Encoder::new();
    let n = 300_000;
    per_call("codewords", n, || {
        let (_, cw) = enc
            .data_codewords(&[Segment::Data(black_box(&data))], &opts)
            .unwrap();
        black_box(cw.len());
    });
    per_call("plan", n, || {
        black_box(enc.plan(&[Segment::Data(black_box(&data))], &opts).unwrap());
    });
    per_call("symbol", n, || {
        let s = enc.encode(black_box(&data), &opts).unwrap();
        black_box(s.matrix().rows());
    });
    let size = enc.encode(&data, &opts).unwrap().size();
    let (_, cw) = enc.data_codewords(&[Segment::Data(&data)], &opts).unwrap();
    let cw = cw.to_vec();
    per_call("rs+placement only", n, || {
        black_box(ecc200::Symbol::from_data_codewords(size, black_box(&cw)));
    });
    let mut full = vec![0u8; size.total_codewords()];
    per_call("rs only", n, || {
        ecc200::rs::encode_symbol_into(size, black_box(&cw), &mut full);
        black_box(full[0]);
    });
    let map = ecc200::ModuleMap::get(size);
    per_call("placement only", n, || {
        black_box(map.place(black_box(&full)));
    });
    println!("size {size}, {} data codewords", cw.len());
    let sym = enc.encode(&data, &opts).unwrap();
    let ropts = ecc200::RenderOptions::default().module_px(10);
    per_call("png 24x24 modules at 10 px", n / 10, || {
        let png = ecc200::render::to_png(black_box(sym.matrix()), &ropts).unwrap();
        black_box(png.bytes.len());
    });
    let base = ecc200::gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = (1..=n).map(|i| format!("SN{i:010}")).collect();
    let range = ecc200::encode::SerialRange::new(&base, &opts, &serials[0]).unwrap();
    let mut se = range.encoder();
    let mut it = serials.iter();
    per_call("serial range (one thread)", n, || {
        if let Some(s) = it.next() {
            black_box(se.encode(black_box(s)).unwrap());
        }
    });
    println!("serial range fast path: {:?}", se.fast_count());
}

#[test]
#[ignore]
fn codewords_only() {
    let data: Vec<u8> = b"010950600013435217261231\x1d10ABC123\x1d21SN0000000001".to_vec();
    let opts = EncodeOptions::default().gs1(true);
    let mut enc = Encoder::new();
    let which = std::env::var("WHICH").unwrap_or_default();
    for _ in 0..1_000_000 {
        if which == "symbol" {
            let s = enc.encode(black_box(&data), &opts).unwrap();
            black_box(s.matrix().rows());
        } else {
            let (_, cw) = enc
                .data_codewords(&[Segment::Data(black_box(&data))], &opts)
                .unwrap();
            black_box(cw.len());
        }
    }
}

#[test]
#[ignore]
fn serials_only() {
    let opts = EncodeOptions::default();
    let base = ecc200::gs1::parse("(01)09506000134352(17)261231(10)ABC123").unwrap();
    let serials: Vec<String> = (1..=1_000_000).map(|i| format!("SN{i:010}")).collect();
    let range = ecc200::encode::SerialRange::new(&base, &opts, &serials[0]).unwrap();
    let mut se = range.encoder();
    let mut it = serials.iter();
    per_call("serial range (one thread)", serials.len(), || {
        if let Some(s) = it.next() {
            black_box(se.encode(black_box(s)).unwrap());
        }
    });
}
