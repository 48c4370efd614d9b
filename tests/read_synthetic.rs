//! End-to-end reader tests on frames rendered here: random codewords placed with
//! `ModuleMap`, drawn through a homography with anti-aliasing, optional blur and noise.

use ecc200::geometry::{Homography, Point};
use ecc200::read::{ReadOptions, Reader};
use ecc200::{GrayImage, ModuleMap, ModuleMatrix, SymbolSize};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn random_symbol(size: SymbolSize, rng: &mut Rng) -> (Vec<u8>, ModuleMatrix) {
    // random ASCII digit pairs (codewords 130..=229): valid data the decoder accepts
    let data: Vec<u8> = (0..size.data_codewords())
        .map(|_| 130 + (rng.next() % 100) as u8)
        .collect();
    let cw = ecc200::rs::encode_symbol(size, &data);
    (data, ModuleMap::get(size).place(&cw))
}

/// Draws `m` where `h` maps module coordinates to pixels (4x4 supersampling), with a
/// quiet zone of 2 modules.
fn draw(img: &mut GrayImage, m: &ModuleMatrix, h: &Homography, ink: u8, paper: u8) {
    let inv = h.inverse().unwrap();
    let (rows, cols) = (m.rows() as f64, m.cols() as f64);
    let q = [
        h.map(Point::new(-2.0, -2.0)),
        h.map(Point::new(cols + 2.0, -2.0)),
        h.map(Point::new(cols + 2.0, rows + 2.0)),
        h.map(Point::new(-2.0, rows + 2.0)),
    ];
    let x0 = q
        .iter()
        .map(|p| p.x)
        .fold(f64::MAX, f64::min)
        .floor()
        .max(0.0) as usize;
    let x1 = q
        .iter()
        .map(|p| p.x)
        .fold(f64::MIN, f64::max)
        .ceil()
        .min(img.width as f64) as usize;
    let y0 = q
        .iter()
        .map(|p| p.y)
        .fold(f64::MAX, f64::min)
        .floor()
        .max(0.0) as usize;
    let y1 = q
        .iter()
        .map(|p| p.y)
        .fold(f64::MIN, f64::max)
        .ceil()
        .min(img.height as f64) as usize;
    for y in y0..y1 {
        for x in x0..x1 {
            let mut acc = 0.0;
            let mut in_qz = false;
            for sy in 0..4 {
                for sx in 0..4 {
                    let p = Point::new(
                        x as f64 + (sx as f64 + 0.5) / 4.0,
                        y as f64 + (sy as f64 + 0.5) / 4.0,
                    );
                    let u = inv.map(p);
                    let dark = u.x >= 0.0
                        && u.y >= 0.0
                        && u.x < cols
                        && u.y < rows
                        && m.get(u.y as usize, u.x as usize);
                    if u.x >= -2.0 && u.y >= -2.0 && u.x < cols + 2.0 && u.y < rows + 2.0 {
                        in_qz = true;
                    }
                    acc += if dark { ink as f64 } else { paper as f64 };
                }
            }
            if in_qz {
                img.set(x, y, (acc / 16.0).round() as u8);
            }
        }
    }
}

fn blur(img: &mut GrayImage) {
    let src = img.clone();
    for y in 1..img.height - 1 {
        for x in 1..img.width - 1 {
            let mut s = 0u32;
            for dy in 0..3 {
                for dx in 0..3 {
                    s += src.data[(y + dy - 1) * img.width + x + dx - 1] as u32;
                }
            }
            img.data[y * img.width + x] = (s / 9) as u8;
        }
    }
}

fn noise(img: &mut GrayImage, amp: i32, rng: &mut Rng) {
    for v in img.data.iter_mut() {
        let n = (rng.next() % (2 * amp as u64 + 1)) as i32 - amp;
        *v = (*v as i32 + n).clamp(0, 255) as u8;
    }
}

/// Module-to-pixel map: module `px`, rotated `deg`, centred at (cx, cy), with
/// perspective `tilt` (the right side shortened by that fraction), optionally mirrored.
fn placement(
    size: SymbolSize,
    px: f64,
    deg: f64,
    cx: f64,
    cy: f64,
    tilt: f64,
    mirror: bool,
) -> Homography {
    let (w, h) = (size.cols() as f64, size.rows() as f64);
    let (s, c) = deg.to_radians().sin_cos();
    let corner = |x: f64, y: f64| {
        let (lx, mut ly) = ((x - w / 2.0) * px, (y - h / 2.0) * px);
        ly *= 1.0 - tilt * (x / w);
        Point::new(cx + lx * c - ly * s, cy + lx * s + ly * c)
    };
    let mut q = [
        corner(0.0, 0.0),
        corner(w, 0.0),
        corner(w, h),
        corner(0.0, h),
    ];
    if mirror {
        for p in q.iter_mut() {
            p.x = 2.0 * cx - p.x;
        }
    }
    Homography::from_rect(w, h, q).unwrap()
}

#[derive(Clone, Copy)]
struct Case {
    size: SymbolSize,
    px: f64,
    deg: f64,
    tilt: f64,
    mirror: bool,
    inverted: bool,
}

fn case(size: SymbolSize, px: f64, deg: f64) -> Case {
    Case {
        size,
        px,
        deg,
        tilt: 0.0,
        mirror: false,
        inverted: false,
    }
}

type Truth = Vec<(Vec<u8>, Homography, bool)>;

/// Renders the cases side by side in a `w x h` frame; returns the image and truth.
fn render(
    w: usize,
    h: usize,
    cases: &[Case],
    blur_it: bool,
    amp: i32,
    seed: u64,
) -> (GrayImage, Truth) {
    let mut rng = Rng(seed);
    let mut img = GrayImage::new(w, h, 190);
    let mut truth = Vec::new();
    let n = cases.len();
    for (i, cs) in cases.iter().enumerate() {
        let cx = w as f64 * (i as f64 + 0.5) / n as f64 + 0.37;
        let cy = h as f64 / 2.0 + 7.3;
        let (data, m) = random_symbol(cs.size, &mut rng);
        let hm = placement(cs.size, cs.px, cs.deg, cx, cy, cs.tilt, cs.mirror);
        let (ink, paper) = if cs.inverted { (215, 35) } else { (30, 205) };
        draw(&mut img, &m, &hm, ink, paper);
        truth.push((data, hm, cs.mirror));
    }
    if blur_it {
        blur(&mut img);
    }
    if amp > 0 {
        noise(&mut img, amp, &mut rng);
    }
    (img, truth)
}

/// Reads the frame; returns how many of the rendered symbols were read, and checks that
/// nothing else was reported and that the geometry and flags agree with the truth.
fn read_count(img: &GrayImage, truth: &Truth, opts: ReadOptions) -> usize {
    let mut reader = Reader::new(opts);
    let res = reader.read(&img.as_frame().unwrap());
    let mut found = 0;
    for (data, hm, mirrored) in truth {
        if let Some(r) = res.iter().find(|r| &r.decoded.data_codewords == data) {
            found += 1;
            assert_eq!(r.mirrored, *mirrored);
            for (x, y) in [(0.5, 0.5), (3.5, 2.5)] {
                let want = hm.map(Point::new(x, y));
                let got = r.module_to_pixel.map(Point::new(x, y));
                assert!(
                    want.dist(got) < 0.5 * r.module_px,
                    "module centre at {got:?}, expected {want:?}"
                );
            }
        }
    }
    for r in &res {
        assert!(
            truth.iter().any(|(d, _, _)| d == &r.decoded.data_codewords),
            "phantom read"
        );
    }
    found
}

fn check(w: usize, h: usize, cases: &[Case], seed: u64) -> usize {
    let (img, truth) = render(w, h, cases, false, 0, seed);
    read_count(&img, &truth, ReadOptions::default())
}

fn sz(r: usize, c: usize) -> SymbolSize {
    SymbolSize::from_dims(r, c).unwrap()
}

#[test]
fn reads_one_upright_symbol() {
    assert_eq!(check(400, 300, &[case(sz(24, 24), 6.0, 0.0)], 1), 1);
}

#[test]
fn reads_every_rotation() {
    let mut missed = Vec::new();
    for step in 0..24 {
        let deg = step as f64 * 15.0 + 1.7;
        if check(360, 360, &[case(sz(16, 16), 6.0, deg)], step) != 1 {
            missed.push(deg);
        }
    }
    assert!(missed.is_empty(), "missed rotations {missed:?}");
}

#[test]
fn reads_perspective_tilt() {
    let mut missed = Vec::new();
    for (i, tilt) in [0.1, 0.2, 0.3].iter().enumerate() {
        for deg in [0.0, 40.0, 135.0, 250.0] {
            let mut c = case(sz(20, 20), 6.0, deg);
            c.tilt = *tilt;
            if check(400, 400, &[c], i as u64) != 1 {
                missed.push((tilt, deg));
            }
        }
    }
    assert!(missed.is_empty(), "missed {missed:?}");
}

#[test]
fn reads_module_sizes() {
    let mut missed = Vec::new();
    for (i, &(px, n)) in [
        (2.5, 24),
        (3.0, 32),
        (4.0, 26),
        (8.0, 18),
        (12.0, 14),
        (20.0, 12),
    ]
    .iter()
    .enumerate()
    {
        let side = (n as f64 * px * 1.6 + 60.0) as usize;
        if check(
            side,
            side,
            &[case(sz(n, n), px, 20.0 + i as f64 * 7.0)],
            i as u64,
        ) != 1
        {
            missed.push(px);
        }
    }
    assert!(missed.is_empty(), "missed module sizes {missed:?}");
}

#[test]
fn reads_several_symbols_in_one_frame() {
    let cases = [
        case(sz(16, 16), 5.0, 10.0),
        case(sz(22, 22), 4.0, 200.0),
        case(sz(12, 26), 5.0, 95.0),
    ];
    assert_eq!(check(900, 400, &cases, 5), 3);
}

#[test]
fn reads_inverted_and_mirrored() {
    let mut inv = case(sz(18, 18), 6.0, 30.0);
    inv.inverted = true;
    let mut mir = case(sz(18, 18), 6.0, 300.0);
    mir.mirror = true;
    let mut both = case(sz(16, 36), 6.0, 75.0);
    both.mirror = true;
    both.inverted = true;
    assert_eq!(check(400, 400, &[inv], 6), 1, "inverted");
    assert_eq!(check(400, 400, &[mir], 7), 1, "mirrored");
    assert_eq!(check(500, 500, &[both], 8), 1, "inverted and mirrored");
}

#[test]
fn reads_rectangular_and_dmre_sizes() {
    let mut missed = Vec::new();
    for (i, size) in SymbolSize::all().filter(|s| !s.is_square()).enumerate() {
        let px = if size.cols() > 100 { 4.0 } else { 5.0 };
        let side = (size.cols() as f64 * px * 1.3 + 40.0) as usize;
        if check(
            side,
            side,
            &[case(size, px, 10.0 + 33.0 * i as f64)],
            i as u64,
        ) != 1
        {
            missed.push((size.rows(), size.cols()));
        }
    }
    assert!(missed.is_empty(), "missed {missed:?}");
}

#[test]
fn reads_all_square_sizes() {
    let mut missed = Vec::new();
    for (i, size) in SymbolSize::all().filter(|s| s.is_square()).enumerate() {
        let px = if size.cols() > 60 { 3.0 } else { 5.0 };
        let side = (size.cols() as f64 * px * 1.5 + 40.0) as usize;
        if check(
            side,
            side,
            &[case(size, px, 5.0 + 17.0 * i as f64)],
            i as u64,
        ) != 1
        {
            missed.push(size.rows());
        }
    }
    assert!(missed.is_empty(), "missed {missed:?}");
}

#[test]
fn reads_through_blur_and_noise() {
    let mut missed = Vec::new();
    for seed in 0..6 {
        let cases = [case(sz(20, 20), 4.0, 17.0 + 50.0 * seed as f64)];
        let (img, truth) = render(300, 300, &cases, true, 12, seed);
        if read_count(&img, &truth, ReadOptions::default()) != 1 {
            missed.push(seed);
        }
    }
    assert!(missed.is_empty(), "missed seeds {missed:?}");
}

#[test]
fn frames_without_symbols_give_nothing() {
    let (w, h) = (640, 480);
    let mut rng = Rng(99);
    // noise
    let mut img = GrayImage::new(w, h, 128);
    noise(&mut img, 100, &mut rng);
    // stripes
    let mut stripes = GrayImage::new(w, h, 200);
    for y in 0..h {
        for x in 0..w {
            if (x / 5 + y / 17) % 2 == 0 {
                stripes.set(x, y, 40);
            }
        }
    }
    // text-like clutter: random bars and L shapes
    let mut clutter = GrayImage::new(w, h, 210);
    for _ in 0..400 {
        let (x, y) = (
            (rng.next() % w as u64) as usize,
            (rng.next() % h as u64) as usize,
        );
        let (bw, bh) = (2 + rng.next() as usize % 30, 2 + rng.next() as usize % 30);
        for yy in y..(y + bh).min(h) {
            for xx in x..(x + bw).min(w) {
                if xx < x + 3 || yy + 3 >= y + bh {
                    clutter.set(xx, yy, 35);
                }
            }
        }
    }
    for (name, im) in [
        ("noise", &img),
        ("stripes", &stripes),
        ("clutter", &clutter),
    ] {
        let res = Reader::new(ReadOptions::default().thorough(true)).read(&im.as_frame().unwrap());
        assert!(res.is_empty(), "{name}: {} phantom reads", res.len());
    }
}
