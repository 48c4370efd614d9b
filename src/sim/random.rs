//! Random scenes for test sets, in difficulty buckets.

use super::rng::Rng;
use super::{Glare, Scene, SimSymbol};
use crate::geometry::Point;
use crate::matrix::{ModuleMatrix, Symbol, SymbolSize};

/// What kind of trouble a random scene brings. Every bucket places the caller's symbols
/// without overlap at random positions and rotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Difficulty {
    /// Modules 3-8 px, contrast >= 20 %, tilt <= 35 degrees, light blur and noise.
    Easy,
    /// Modules 2-3 px.
    SmallModules,
    /// Contrast 10-20 % of full scale.
    LowContrast,
    /// One or two strong glare blobs over symbols.
    Glare,
    /// Defocus sigma 0.35-0.6 modules, or motion blur of 0.6-1.5 modules.
    HeavyBlur,
    /// Tilt 35-55 degrees plus corner jitter.
    Perspective,
    /// Round dots (ink-jet / dot peen) and print growth -0.25..0.25 modules.
    Dots,
    /// Mirrored and/or light-on-dark symbols (or the whole frame inverted).
    Polarity,
    /// Many clutter items (text, boxes, 1-D barcodes, QR-like grids, L marks).
    Clutter,
    /// JPEG round trip at quality 30-80 (needs the `image` feature to render).
    Jpeg,
}

impl Difficulty {
    /// Every bucket.
    pub const ALL: [Difficulty; 10] = [
        Difficulty::Easy,
        Difficulty::SmallModules,
        Difficulty::LowContrast,
        Difficulty::Glare,
        Difficulty::HeavyBlur,
        Difficulty::Perspective,
        Difficulty::Dots,
        Difficulty::Polarity,
        Difficulty::Clutter,
        Difficulty::Jpeg,
    ];

    /// Short lower-case name (for reports).
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::SmallModules => "small-modules",
            Difficulty::LowContrast => "low-contrast",
            Difficulty::Glare => "glare",
            Difficulty::HeavyBlur => "heavy-blur",
            Difficulty::Perspective => "perspective",
            Difficulty::Dots => "dots",
            Difficulty::Polarity => "polarity",
            Difficulty::Clutter => "clutter",
            Difficulty::Jpeg => "jpeg",
        }
    }
}

/// A valid ECC 200 symbol of `size` whose data codewords are random digit pairs
/// (ASCII-mode codewords 130..=229, so it decodes to a string of digits), with
/// Reed-Solomon error correction. Deterministic from `seed`.
pub fn random_matrix(seed: u64, size: SymbolSize) -> ModuleMatrix {
    let mut rng = Rng::new(seed ^ 0xD1A7_A000);
    let data: Vec<u8> = (0..size.data_codewords())
        .map(|_| 130 + rng.below(100) as u8)
        .collect();
    match Symbol::from_data_codewords(size, &data) {
        Some(s) => s.into_matrix(),
        // unreachable: data has exactly the capacity
        None => ModuleMatrix::new(size.rows(), size.cols()),
    }
}

/// A random 1920x1080 scene of `difficulty` holding `matrices` (the caller's symbols,
/// typically 1 to 3). See [`random_scene_in`].
pub fn random_scene(seed: u64, difficulty: Difficulty, matrices: &[ModuleMatrix]) -> Scene {
    random_scene_in(seed, difficulty, matrices, 1920, 1080)
}

/// A random `width x height` scene of `difficulty` holding `matrices`, deterministic
/// from `seed`. Symbols are placed without overlap (quiet zones included) with module
/// sizes inside the bucket's range; a symbol that finds no room even at the smallest
/// module size of its bucket is left out (at 1920x1080 that is rare; a 144x144 symbol
/// does not fit 640x480 at 3 px), so check `scene.symbols.len()`. Empty matrices are
/// skipped.
pub fn random_scene_in(
    seed: u64,
    difficulty: Difficulty,
    matrices: &[ModuleMatrix],
    width: usize,
    height: usize,
) -> Scene {
    use Difficulty as D;
    let mut rng = Rng::new(seed);
    let deg = std::f64::consts::PI / 180.0;
    let mut scene = Scene::new(width, height).seed(rng.next_u64());
    scene.paper = rng.range(140.0, 235.0) as u8;
    scene.texture = rng.range(0.0, 3.0);
    scene.clutter = if difficulty == D::Clutter {
        20 + rng.below(30)
    } else {
        rng.below(6)
    };
    scene.light_gradient = (rng.range(0.0, 0.3), rng.range(0.0, std::f64::consts::TAU));
    scene.vignette = rng.range(0.0, 0.3);
    scene.noise = rng.range(0.5, 4.0);

    let (mp_lo, mp_hi) = match difficulty {
        D::SmallModules => (2.0, 3.0),
        D::Perspective => (4.0, 8.0),
        _ => (3.0, 8.0),
    };
    let min_dim = width.min(height) as f64;
    let mut placed: Vec<(Point, f64)> = Vec::new(); // centre, radius
    for (k, m) in matrices.iter().enumerate() {
        if m.rows() == 0 || m.cols() == 0 {
            continue;
        }
        let side = m.rows().max(m.cols()) as f64;
        let quiet = rng.range(1.0, 3.0);
        let mut mp = rng.range(mp_lo, mp_hi);
        // the whole symbol (diagonal, quiet zone, perspective slack) must fit
        let fit = 0.8 * min_dim / ((side + 2.0 * quiet) * std::f64::consts::SQRT_2 * 1.3);
        if fit < mp_lo {
            continue; // cannot honour the bucket's module size in this frame
        }
        mp = mp.min(fit);
        let mut spot = None;
        for attempt in 0..120 {
            if attempt > 0 && attempt % 40 == 0 {
                mp = (mp * 0.8).max(mp_lo);
            }
            let r = (side + 2.0 * quiet) * mp * std::f64::consts::SQRT_2 * 0.65;
            if 2.0 * r >= min_dim {
                continue;
            }
            let c = Point::new(
                rng.range(r, width as f64 - r),
                rng.range(r, height as f64 - r),
            );
            if placed.iter().all(|&(p, pr)| p.dist(c) > pr + r) {
                spot = Some((c, r));
                break;
            }
        }
        let Some((centre, r)) = spot else { continue };
        placed.push((centre, r));

        let mut s = SimSymbol::new(m.clone(), centre, mp)
            .rotation(rng.range(0.0, std::f64::consts::TAU))
            .quiet_zone(quiet);
        // tilt: direction and magnitude
        let (t_lo, t_hi) = match difficulty {
            D::Perspective => (35.0, 55.0),
            _ => (0.0, 35.0),
        };
        let t = rng.range(t_lo, t_hi)
            * deg
            * if difficulty == D::Perspective {
                1.0
            } else {
                rng.f64()
            };
        let dir = rng.range(0.0, std::f64::consts::TAU);
        s.tilt = (t * dir.sin(), t * dir.cos());
        let jitter = if difficulty == D::Perspective {
            0.8
        } else {
            0.25
        } * mp;
        s.corner_offsets =
            [(); 4].map(|_| Point::new(rng.range(-jitter, jitter), rng.range(-jitter, jitter)));
        // contrast as a fraction of full scale
        let (c_lo, c_hi) = match difficulty {
            D::LowContrast => (0.10, 0.20),
            _ => (0.20, 0.75),
        };
        let contrast = rng.range(c_lo, c_hi) * 255.0;
        let light = rng.range(contrast.max(120.0), 245.0);
        s.light = light as u8;
        s.dark = (light - contrast).max(0.0) as u8;
        if difficulty == D::Dots {
            if rng.chance(0.7) {
                s.round_dots = Some(rng.range(0.6, 1.1));
            }
            s.print_growth = rng.range(-0.25, 0.25);
        } else {
            s.print_growth = rng.range(-0.1, 0.1);
            s.ink_variation = rng.range(0.0, 0.04) * contrast;
        }
        if difficulty == D::Polarity {
            s.mirrored = rng.chance(0.5);
            s.inverted = rng.chance(0.5);
            if !s.mirrored && !s.inverted {
                s.mirrored = true;
            }
        }
        if difficulty == D::Glare && (k == 0 || rng.chance(0.5)) {
            let size = side * mp;
            let off = Point::new(rng.range(-0.3, 0.3) * size, rng.range(-0.3, 0.3) * size);
            scene
                .glare
                .push(Glare::new(centre + off, 1.0, rng.range(0.4, 0.85)).ellipse(
                    rng.range(0.15, 0.4) * size,
                    rng.range(0.1, 0.3) * size,
                    rng.range(0.0, std::f64::consts::PI),
                ));
        }
        scene.symbols.push(s);
    }
    let mp_min = scene
        .symbols
        .iter()
        .map(|s| s.module_px)
        .fold(f64::INFINITY, f64::min);
    let mp_min = if mp_min.is_finite() { mp_min } else { 4.0 };
    scene.blur = match difficulty {
        D::HeavyBlur => 0.0,
        D::SmallModules => rng.range(0.3, 0.7),
        _ => rng.range(0.0, 0.25 * mp_min).min(1.2),
    };
    if difficulty == D::HeavyBlur {
        if rng.chance(0.5) {
            scene.blur = rng.range(0.35, 0.6) * mp_min;
        } else {
            scene.blur = rng.range(0.3, 0.8);
            scene.motion_blur = (
                (rng.range(0.6, 1.5) * mp_min).min(super::MAX_BLUR_PX),
                rng.range(0.0, std::f64::consts::PI),
            );
        }
    }
    if difficulty == D::Polarity && rng.chance(0.3) {
        scene.invert = true;
    }
    if difficulty == D::Jpeg {
        scene.jpeg_quality = Some(rng.range(30.0, 80.0) as u8);
    }
    scene
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_are_deterministic_and_valid() {
        let size = SymbolSize::from_dims(16, 16).unwrap();
        let ms = [random_matrix(1, size), random_matrix(2, size)];
        for d in Difficulty::ALL {
            for seed in 0..20 {
                let a = random_scene_in(seed, d, &ms, 640, 480);
                let b = random_scene_in(seed, d, &ms, 640, 480);
                assert_eq!(format!("{a:?}"), format!("{b:?}"));
                assert!(a.check().is_ok(), "{d:?} {seed}: {:?}", a.check().err());
                assert!(!a.symbols.is_empty(), "{d:?} {seed}");
            }
        }
    }
}
