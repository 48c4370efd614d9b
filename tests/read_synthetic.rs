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
    let data: Vec<u8> = (0..size.data_codewords()).map(|_| rng.next() as u8).collect();
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
    let x0 = q.iter().map(|p| p.x).fold(f64::MAX, f64::min).floor().max(0.0) as usize;
    let x1 = q.iter().map(|p| p.x).fold(f64::MIN, f64::max).ceil().min(img.width as f64) as usize;
    let y0 = q.iter().map(|p| p.y).fold(f64::MAX, f64::min).floor().max(0.0) as usize;
    let y1 = q.iter().map(|p| p.y).fold(f64::MIN, f64::max).ceil().min(img.height as f64) as usize;
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
    let mut q = [corner(0.0, 0.0), corner(w, 0.0), corner(w, h), corner(0.0, h)];
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
fn render(w: usize, h: usize, cases: &[Case], blur_it: bool, amp: i32, seed: u64) -> (GrayImage, Truth) {
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
        if let Some(r) = res.iter().find(|r| &r.data_codewords == data) {
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
        assert!(truth.iter().any(|(d, _, _)| d == &r.data_codewords), "phantom read");
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
#[ignore]
fn debug_one() {
    let (img, truth) = render(400, 300, &[case(sz(24, 24), 6.0, 0.0)], false, 0, 1);
    let mut reader = Reader::new(ReadOptions::default());
    let res = reader.read(&img.as_frame().unwrap());
    eprintln!("truth corners {:?}", [(0.0, 0.0), (24.0, 0.0), (24.0, 24.0), (0.0, 24.0)].map(|(x, y)| truth[0].1.map(Point::new(x, y))));
    for c in reader.candidates() {
        eprintln!("cand {c:?}");
        let mut s = ecc200::sample::Sampler::new();
        let f = img.as_frame().unwrap();
        eprintln!("  sizes {:?}", s.rank_sizes(&f, c.inverted, c.corners, c.module_px, 0.0).iter().take(4).collect::<Vec<_>>());
    }
    eprintln!("{} results", res.len());
}
