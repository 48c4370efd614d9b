//! Frame sets shared by `examples/read_bench.rs` and `tests/read_thresholds.rs`:
//! simulated camera frames holding 1-3 GS1 pharma symbols
//! (`(01)GTIN(17)YYMMDD(10)LOT(21)SERIAL`, random valid GTINs, encoded with
//! [`ecc200::encode_gs1`]) in every difficulty bucket of [`ecc200::sim`], plus frames
//! with no Data Matrix at all (the simulator's clutter only).
//!
//! The expected bytes of a symbol are built here from the element string's parts
//! (AIs and values, GS after the variable-length lot), independently of the
//! library's decoder; [`frame`] checks that the library's own decoder agrees.

#![allow(dead_code)]

use ecc200::sim::{random_scene_in, Difficulty, Rng, Scene, SimFrame};
use ecc200::ModuleMatrix;

/// A frame set: one of the simulator's difficulty buckets, or frames without symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// A [`Difficulty`] bucket with 1-3 pharma symbols.
    Sim(Difficulty),
    /// No Data Matrix: paper, texture, lighting and many clutter items (text, boxes,
    /// 1-D barcodes, QR-like grids, L marks).
    NoSymbol,
}

impl Bucket {
    /// Every bucket, in report order.
    pub fn all() -> Vec<Bucket> {
        let mut v: Vec<Bucket> = Difficulty::ALL.iter().map(|&d| Bucket::Sim(d)).collect();
        v.push(Bucket::NoSymbol);
        v
    }

    /// Short name (folder name and report label).
    pub fn name(self) -> &'static str {
        match self {
            Bucket::Sim(d) => d.name(),
            Bucket::NoSymbol => "no-symbol",
        }
    }

    /// The bucket of `name`.
    pub fn from_name(name: &str) -> Option<Bucket> {
        Bucket::all().into_iter().find(|b| b.name() == name)
    }

    fn index(self) -> u64 {
        Bucket::all().iter().position(|&b| b == self).unwrap_or(0) as u64
    }
}

/// A pharma symbol: its modules, the element string and the exact bytes a reader
/// should return (no leading FNC1, GS as separator).
pub struct Pharma {
    /// The encoded symbol.
    pub matrix: ModuleMatrix,
    /// Human-readable element string `(01)...(17)...(10)...(21)...`.
    pub hri: String,
    /// Expected reader output.
    pub bytes: Vec<u8>,
}

/// GS1 mod-10 check digit of `digits` (weights 3,1,3,... from the right).
pub fn gs1_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    b'0' + ((10 - sum % 10) % 10) as u8
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// lots and serials as printed on packs: mostly upper case and digits, some lower case
// and the CSET 82 punctuation pharma uses
const SERIAL_CHARS: &[u8] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz-./";

fn text(rng: &mut Rng, alphabet: &[u8], lo: usize, hi: usize) -> String {
    let n = lo + rng.below(hi - lo + 1);
    (0..n)
        .map(|_| alphabet[rng.below(alphabet.len())] as char)
        .collect()
}

/// A random GS1 pharma element string, validated by the GS1 module and encoded with
/// [`ecc200::encode_gs1`].
pub fn pharma(rng: &mut Rng) -> Pharma {
    // GTIN-14: indicator 0, a GS1 company prefix and item reference, check digit
    let mut gtin: Vec<u8> = vec![b'0'];
    gtin.extend((0..12).map(|_| b'0' + rng.below(10) as u8));
    gtin.push(gs1_check_digit(&gtin));
    let gtin = String::from_utf8(gtin).unwrap();
    let yy = 25 + rng.below(11);
    let mm = 1 + rng.below(12);
    let dd = match mm {
        2 => 1 + rng.below(28),
        4 | 6 | 9 | 11 => 1 + rng.below(30),
        _ => 1 + rng.below(31),
    };
    let date = format!("{yy:02}{mm:02}{dd:02}");
    let lot = text(rng, ALNUM, 3, 10);
    let serial = if rng.chance(0.5) {
        text(rng, b"0123456789", 8, 20)
    } else {
        text(rng, SERIAL_CHARS, 8, 20)
    };
    let hri = format!("(01){gtin}(17){date}(10){lot}(21){serial}");
    let es = ecc200::gs1::parse(&hri).unwrap_or_else(|e| panic!("{hri}: {e}"));
    if let Err(e) = ecc200::gs1::validate(&es, &Default::default()) {
        panic!("{hri}: {e:?}");
    }
    let sym = ecc200::encode_gs1(&es, &ecc200::EncodeOptions::default())
        .unwrap_or_else(|e| panic!("{hri}: {e}"));
    let bytes = format!("01{gtin}17{date}10{lot}\u{1d}21{serial}").into_bytes();
    Pharma {
        matrix: sym.into_matrix(),
        hri,
        bytes,
    }
}

/// One symbol in a rendered frame, with what the report groups by.
pub struct TruthSymbol {
    /// Expected bytes.
    pub bytes: Vec<u8>,
    /// Module size at the centre, pixels.
    pub module_px: f64,
    /// Rows x columns.
    pub dims: (usize, usize),
    /// Symbol contrast as a fraction of full scale (before scene effects).
    pub contrast: f64,
    /// Tilt, degrees.
    pub tilt_deg: f64,
    /// Round-dot diameter in modules, if printed as dots.
    pub round_dots: Option<f64>,
    /// Print growth, modules.
    pub print_growth: f64,
}

/// A rendered frame of a bucket and its truth.
pub struct BenchFrame {
    /// The scene (for diagnostics).
    pub scene: Scene,
    /// The rendered frame.
    pub sim: SimFrame,
    /// One entry per symbol in the frame.
    pub truth: Vec<TruthSymbol>,
}

/// Seed of frame `i` of `bucket` in a set made from `seed`.
pub fn frame_seed(seed: u64, bucket: Bucket, i: usize) -> u64 {
    seed.wrapping_mul(1_000_003)
        .wrapping_add(bucket.index() * 100_000)
        .wrapping_add(i as u64)
}

/// Renders frame `i` of `bucket` (`width x height`), deterministic from `seed`.
pub fn frame(seed: u64, bucket: Bucket, i: usize, width: usize, height: usize) -> BenchFrame {
    let fs = frame_seed(seed, bucket, i);
    let mut rng = Rng::new(fs ^ 0x6A09_E667_F3BC_C908);
    let (difficulty, symbols) = match bucket {
        Bucket::Sim(d) => (d, (0..1 + rng.below(3)).map(|_| pharma(&mut rng)).collect()),
        Bucket::NoSymbol => (Difficulty::Clutter, Vec::new()),
    };
    let mats: Vec<ModuleMatrix> = symbols.iter().map(|p: &Pharma| p.matrix.clone()).collect();
    let scene = random_scene_in(fs, difficulty, &mats, width, height);
    let sim = scene
        .render()
        .unwrap_or_else(|e| panic!("{} frame {i}: {e}", bucket.name()));
    let truth = scene
        .symbols
        .iter()
        .map(|s| {
            let p = symbols
                .iter()
                .find(|p| p.matrix == s.matrix)
                .expect("placed symbol is one of ours");
            // the library's decoder must agree with the independently built bytes
            let d = ecc200::decode::from_matrix(&s.matrix).expect("own symbol decodes");
            assert_eq!(d.bytes, p.bytes, "{}: decoder and truth disagree", p.hri);
            let (tx, ty) = s.tilt;
            TruthSymbol {
                bytes: p.bytes.clone(),
                module_px: s.module_px,
                dims: (s.matrix.rows(), s.matrix.cols()),
                contrast: (f64::from(s.light) - f64::from(s.dark)) / 255.0,
                tilt_deg: (tx * tx + ty * ty).sqrt().to_degrees(),
                round_dots: s.round_dots,
                print_growth: s.print_growth,
            }
        })
        .collect();
    BenchFrame { scene, sim, truth }
}

/// (symbols read, wrong reads) of one frame: a truth symbol is read when its exact
/// bytes are among `got`; an output is wrong when its bytes are not in the truth.
pub fn score(truth: &[Vec<u8>], got: &[Vec<u8>]) -> (usize, usize) {
    let read = truth.iter().filter(|t| got.contains(t)).count();
    let wrong = got.iter().filter(|g| !truth.contains(g)).count();
    (read, wrong)
}

/// Lower-case hex.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Parses lower- or upper-case hex.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Rotates a grey image clockwise by `quarter_turns * 90` degrees.
pub fn rotate(img: &ecc200::GrayImage, quarter_turns: u32) -> ecc200::GrayImage {
    let (w, h) = (img.width, img.height);
    let q = quarter_turns % 4;
    let (nw, nh) = if q % 2 == 1 { (h, w) } else { (w, h) };
    let mut out = ecc200::GrayImage::new(nw, nh, 0);
    for y in 0..h {
        for x in 0..w {
            let v = img.data[y * w + x];
            let (nx, ny) = match q {
                0 => (x, y),
                1 => (h - 1 - y, x),
                2 => (w - 1 - x, h - 1 - y),
                _ => (y, w - 1 - x),
            };
            out.data[ny * nw + nx] = v;
        }
    }
    out
}

/// Real photos: every `*/*.png` under `root` with a `NAME.txt` (exact expected bytes)
/// beside it, sorted by path. Returns (relative name, image path, expected bytes).
pub fn realworld_cases(root: &std::path::Path) -> Vec<(String, std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(sets) = std::fs::read_dir(root) else {
        return out;
    };
    let mut sets: Vec<_> = sets.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    sets.sort();
    for set in sets.iter().filter(|p| p.is_dir()) {
        let Ok(files) = std::fs::read_dir(set) else {
            continue;
        };
        let mut files: Vec<_> = files.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for png in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
        {
            let txt = png.with_extension("txt");
            let Ok(want) = std::fs::read(&txt) else {
                continue;
            };
            let name = png
                .strip_prefix(root)
                .unwrap_or(png)
                .to_string_lossy()
                .into_owned();
            out.push((name, png.clone(), want));
        }
    }
    out
}

/// The real-photo folder: `$ECC200_REALWORLD`, else `../shared/testdata/realworld`
/// next to the repository (also tried one level further up, for worktrees in a
/// sub-folder). `None` when absent.
pub fn realworld_dir() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("ECC200_REALWORLD") {
        let p = std::path::PathBuf::from(p);
        return p.is_dir().then_some(p);
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../shared/testdata/realworld"),
        root.join("../../shared/testdata/realworld"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
}

/// Loads a PNG (or any format the `image` crate reads) as grey; transparent pixels are
/// composited over white (two of the real photos are drawn on a transparent ground).
#[cfg(feature = "image")]
pub fn load_gray(path: &std::path::Path) -> Result<ecc200::GrayImage, String> {
    let img = image::open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .into_luma_alpha8();
    let (w, h) = (img.width() as usize, img.height() as usize);
    let data = img
        .pixels()
        .map(|p| {
            let [v, a] = p.0;
            ((u32::from(v) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8
        })
        .collect();
    Ok(ecc200::GrayImage {
        width: w,
        height: h,
        data,
    })
}
