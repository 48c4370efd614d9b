//! Any width/height/stride (up to 512x512) and pixels -> `read::read`, default and
//! thorough, and every CPU level (which must agree with the scalar reference).
#![no_main]
use ecc200::cpu::CpuLevel;
use ecc200::encode::{encode, EncodeOptions};
use ecc200::read::{read, ReadOptions};
use ecc200::Frame;
use libfuzzer_sys::fuzz_target;

include!("common.rs");

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let w = (b.u16() % 513) as usize;
    let h = (b.u16() % 513) as usize;
    let pad = (b.u8() % 17) as usize;
    let flags = b.u8();
    let stride = w + pad;
    let len = if h == 0 { 0 } else { stride * (h - 1) + w };
    let mut img = vec![235u8; len];
    if flags & 1 != 0 && w > 0 && h > 0 {
        // a real symbol to reach the decoder, corrupted by the rest of the input
        let n = (b.u8() % 24) as usize;
        let text = b.take(n);
        if let Ok(sym) = encode(text, &EncodeOptions::default()) {
            let px = 1 + (b.u8() % 6) as usize;
            let x0 = (b.u8() as usize) % w;
            let y0 = (b.u8() as usize) % h;
            paint(&mut img, w, h, stride, sym.matrix(), x0, y0, px);
        }
        let noise = b.rest();
        for (i, &n) in noise.iter().enumerate() {
            // sparse corruption: (position, value) pairs
            if i % 2 == 1 && len > 0 {
                let p = (usize::from(noise[i - 1]) * 257 + i * 131) % len;
                img[p] = n;
            }
        }
    } else {
        let px = b.rest();
        if !px.is_empty() {
            for (d, s) in img.iter_mut().zip(px.iter().cycle()) {
                *d = *s;
            }
        }
    }
    // a short buffer or zero dims must be an error, not a panic
    let Ok(frame) = Frame::luma(&img, w, h, stride) else {
        return;
    };
    let mut opts = ReadOptions::default();
    if flags & 2 != 0 {
        opts = opts.thorough(true);
    }
    if flags & 4 != 0 {
        opts = opts.max_symbols(1).try_mirrored(false);
    }
    if flags & 8 != 0 {
        opts = opts.min_contrast(flags);
    }
    let reference = read(&frame, &opts.clone().cpu(CpuLevel::Scalar));
    for r in &reference {
        assert!(r.module_px.is_finite());
    }
    if flags & 16 != 0 {
        for level in CpuLevel::available() {
            let got = read(&frame, &opts.clone().cpu(level));
            let a: Vec<_> = reference
                .iter()
                .map(|r| (&r.decoded.bytes, r.size))
                .collect();
            let g: Vec<_> = got.iter().map(|r| (&r.decoded.bytes, r.size)).collect();
            assert_eq!(a, g, "cpu level {level:?} disagrees with scalar");
        }
    }
});
