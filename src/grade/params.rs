//! The grading pipeline of one scan: sampling, reference decode, parameters.

use super::measure::{self, Disc, Ext};
use super::tables::{self, higher_better, lower_better};
use super::{
    Aperture, ClockSegments, CodewordGrade, FixedPatternDamage, GradeError, GradeOptions,
    GridAnchor, Measure, ModuleSample, NotionalUec, ScanGrade, Segment, Standard, SymbolLocation,
};
use crate::frame::Frame;
use crate::geometry::{Homography, Point};
use crate::matrix::placement::{fixed_module_dark, is_fixed_module};
use crate::matrix::{ModuleMap, ModuleMatrix, SymbolSize};

/// Pixel value to reflectance (fraction): `a * v + b`.
#[derive(Clone, Copy)]
struct Refl {
    a: f64,
    b: f64,
}

impl Refl {
    fn of(&self, v: f64) -> f64 {
        self.a * v + self.b
    }
}

/// What the reference decode found.
struct Decoded {
    /// Ideal colours over the extended grid (quiet zone light).
    ideal: Vec<bool>,
    /// Codewords as read.
    read: Vec<u8>,
    /// Corrected codewords and per-block unused EC, when the decode succeeded.
    ok: Option<(Vec<u8>, Vec<f64>)>,
}

/// Reed-Solomon decode of the stream in place; per-block unused error correction.
fn rs_decode(size: SymbolSize, cw: &mut [u8]) -> Option<Vec<f64>> {
    crate::rs::decode_symbol(size, cw, &[])
        .ok()
        .map(|st| st.blocks.iter().map(|b| b.unused_ec()).collect())
}

/// Block of codeword `k` of the interleaved stream.
fn block_of(size: SymbolSize, k: usize) -> usize {
    let nd = size.data_codewords();
    let nb = size.blocks().max(1);
    if k < nd {
        k % nb
    } else {
        (k - nd) % nb
    }
}

/// Whether reflectance `v` reads as a mark (a "dark" module of the matrix).
#[inline]
fn marked(v: f64, gt: f64, inverted: bool) -> bool {
    if inverted {
        v > gt
    } else {
        v < gt
    }
}

fn reference_decode(size: SymbolSize, ext: Ext, refl: &[f64], gt: f64, inv: bool) -> Decoded {
    let (rows, cols) = (size.rows(), size.cols());
    let mut m = ModuleMatrix::new(rows, cols);
    for r in 0..rows {
        for c in 0..cols {
            if marked(refl[ext.at(r as i64, c as i64)], gt, inv) {
                m.set(r, c, true);
            }
        }
    }
    let map = ModuleMap::get(size);
    let read = map.extract(&m);
    let mut cw = read.clone();
    let ok = rs_decode(size, &mut cw).map(|uec| (cw, uec));
    let ideal_m = match &ok {
        Some((cw, _)) => map.place(cw),
        None => {
            let mut im = m.clone();
            for r in 0..rows {
                for c in 0..cols {
                    if is_fixed_module(size, r, c) {
                        im.set(r, c, fixed_module_dark(size, r, c));
                    }
                }
            }
            im
        }
    };
    let mut ideal = vec![false; ext.len()];
    for r in 0..rows {
        for c in 0..cols {
            ideal[ext.at(r as i64, c as i64)] = ideal_m.get(r, c);
        }
    }
    Decoded { ideal, read, ok }
}

/// Per-module modulation grade (error modules still graded on |R - GT|).
fn mod_grade(m: f64) -> u8 {
    higher_better(m, &tables::MOD)
}

/// Per-module reflectance-margin grade: 0 on the wrong side of GT.
fn margin_grade(m: f64) -> u8 {
    if m <= 0.0 {
        0
    } else {
        higher_better(m, &tables::MOD)
    }
}

/// The codeword-based grade with the notional unused error correction
/// (ISO/IEC 15415:2011 7.8.3.2 and its table combining the grade level with the notional
/// UEC grade): for each level A..D, the codewords graded below the level are charged to
/// their block's EC (one EC codeword each as erasures, two as errors), the lowest block
/// gives the notional UEC and its grade; the level's result is the lower of the level
/// and that grade; the parameter's grade is the best result over the levels.
pub(super) fn notional_grade(size: SymbolSize, cw_grades: &[u8], mode: NotionalUec) -> u8 {
    let nb = size.blocks().max(1);
    let d = size.ec_per_block() as f64;
    let mut best = 0u8;
    let mut counts = [0usize; 32];
    for level in (1..=4u8).rev() {
        counts.iter_mut().for_each(|c| *c = 0);
        for (k, &g) in cw_grades.iter().enumerate() {
            if g < level {
                let b = block_of(size, k).min(31);
                counts[b] += 1;
            }
        }
        let cost = match mode {
            NotionalUec::Erasures => 1.0,
            NotionalUec::Errors => 2.0,
        };
        let mut uec = 1.0f64;
        for &e in counts.iter().take(nb) {
            let u = if d > 0.0 {
                (1.0 - cost * e as f64 / d).max(0.0)
            } else {
                0.0
            };
            uec = uec.min(u);
        }
        let g = level.min(higher_better(uec, &tables::UEC));
        best = best.max(g);
    }
    best
}

pub(super) fn grade_scan(
    frame: &Frame,
    loc: &SymbolLocation,
    opts: &GradeOptions,
    aperture_scale: f64,
) -> Result<ScanGrade, GradeError> {
    let size = loc.size;
    let (rows, cols) = (size.rows(), size.cols());
    let g = loc.module_to_pixel;
    if !g.matrix().iter().all(|v| v.is_finite()) || g.inverse().is_none() {
        return Err(GradeError::BadLocation);
    }
    let pt = |x: f64, y: f64| g.map(Point::new(x, y));
    // prior pitch
    let (fr, fc) = (rows as f64, cols as f64);
    let xp = (pt(0.0, 0.0).dist(pt(fc, 0.0)) + pt(0.0, fr).dist(pt(fc, fr))) / (2.0 * fc);
    let yp = (pt(0.0, 0.0).dist(pt(0.0, fr)) + pt(fc, 0.0).dist(pt(fc, fr))) / (2.0 * fr);
    let ppm = 0.5 * (xp + yp);
    if !ppm.is_finite() || ppm <= 0.0 {
        return Err(GradeError::BadLocation);
    }
    // the quiet zone must be in the frame
    let (w, h) = (frame.width() as f64, frame.height() as f64);
    for (name, x, y) in [
        ("top-left", -1.0, -1.0),
        ("top-right", fc + 1.0, -1.0),
        ("bottom-right", fc + 1.0, fr + 1.0),
        ("bottom-left", -1.0, fr + 1.0),
    ] {
        let p = pt(x, y);
        if !(p.x.is_finite() && p.y.is_finite() && p.x >= 0.0 && p.y >= 0.0 && p.x <= w && p.y <= h)
        {
            return Err(GradeError::OutsideFrame {
                corner: name,
                x: p.x,
                y: p.y,
            });
        }
    }
    let mut warnings = Vec::new();
    if !(opts.min_pixels_per_module.is_finite() && opts.min_pixels_per_module >= 0.0) {
        return Err(GradeError::BadOption("min_pixels_per_module must be >= 0"));
    }
    if ppm < opts.min_pixels_per_module {
        if opts.low_resolution_is_error {
            return Err(GradeError::LowResolution {
                pixels_per_module: ppm,
                min: opts.min_pixels_per_module,
            });
        }
        warnings.push(format!(
            "{ppm:.2} pixels per module, fewer than {} : grades are not reliable",
            opts.min_pixels_per_module
        ));
    }
    // aperture
    let ap_px = match opts.aperture {
        Aperture::XFraction(f) => {
            if !(f.is_finite() && f > 0.0 && f <= 4.0) {
                return Err(GradeError::BadOption("aperture fraction must be in (0, 4]"));
            }
            f * ppm
        }
        Aperture::Mils(m) | Aperture::Mm(m) => {
            let dpi = opts.dpi.ok_or(GradeError::ApertureNeedsDpi)?;
            if !(dpi.is_finite() && dpi > 0.0 && m.is_finite() && m > 0.0) {
                return Err(GradeError::BadOption("aperture size and dpi must be > 0"));
            }
            match opts.aperture {
                Aperture::Mils(_) => m / 1000.0 * dpi,
                _ => m / 25.4 * dpi,
            }
        }
    };
    let ap_px = ap_px * aperture_scale;
    if ap_px > 8.0 * ppm {
        return Err(GradeError::BadOption("aperture larger than 8 modules"));
    }
    let disc = Disc::new(ap_px);
    let refl = match opts.calibration {
        None => Refl {
            a: 1.0 / 255.0,
            b: 0.0,
        },
        Some(c) => {
            let span = c.measured_white - c.measured_black;
            let ok = [c.measured_white, c.measured_black, c.card_rmax, c.card_rmin]
                .iter()
                .all(|v| v.is_finite())
                && span > 1.0
                && c.card_rmax > c.card_rmin
                && (0.0..=1.0).contains(&c.card_rmin)
                && (0.0..=1.0).contains(&c.card_rmax);
            if !ok {
                return Err(GradeError::BadOption(
                    "calibration needs white > black and 0 <= card_rmin < card_rmax <= 1",
                ));
            }
            let a = (c.card_rmax - c.card_rmin) / span;
            Refl {
                a,
                b: c.card_rmin - a * c.measured_black,
            }
        }
    };

    if let Some(d) = opts.dpm_reference {
        let ok = [d.r_cal, d.ml_cal, d.sr_cal, d.sr_target]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0)
            && d.r_cal <= 1.0;
        if !ok {
            return Err(GradeError::BadOption(
                "dpm reference needs 0 < r_cal <= 1 and positive ml_cal, sr_cal, sr_target",
            ));
        }
    }

    let ext = Ext { rows, cols };
    let n_ext = ext.len();
    let mut fixed = vec![true; n_ext];
    for r in 0..rows {
        for c in 0..cols {
            fixed[ext.at(r as i64, c as i64)] = is_fixed_module(size, r, c);
        }
    }
    // ---- pass 1: nominal centres
    let mut pos = vec![Point::default(); n_ext];
    for r in -1..=rows as i64 {
        for c in -1..=cols as i64 {
            pos[ext.at(r, c)] = pt(c as f64 + 0.5, r as f64 + 0.5);
        }
    }
    let mut raw = vec![0.0; n_ext];
    let mut rv = vec![0.0; n_ext];
    // a coarse aperture is enough for the threshold of the edge search
    sample(frame, &Disc::coarse(ap_px), &pos, &mut raw, &mut rv, refl);
    // the threshold and hysteresis of the edge search in pixel units
    let (vmax, vmin) = extremes(&raw);
    let thr = 0.5 * (vmax + vmin);
    let hyst = 0.1 * (vmax - vmin);

    // ---- refine the grid and sample again
    let spm = ((0.8 * ppm).round() as usize).clamp(6, 24);
    let fit = measure::refine(frame, &g, ext, thr, hyst, spm, &fixed);
    let off = |r: i64, c: i64| -> (f64, f64) {
        let rr = r.clamp(0, rows as i64 - 1) as usize;
        let cc = c.clamp(0, cols as i64 - 1) as usize;
        (fit.dx[rr * cols + cc], fit.dy[rr * cols + cc])
    };
    for r in -1..=rows as i64 {
        for c in -1..=cols as i64 {
            let (dx, dy) = off(r, c);
            pos[ext.at(r, c)] = pt(c as f64 + 0.5 + dx, r as f64 + 0.5 + dy);
        }
    }
    sample(frame, &disc, &pos, &mut raw, &mut rv, refl);
    let (rmax, rmin) = extremes(&rv);
    let sc_v = rmax - rmin;
    // GT and the modulation normaliser: (Rmax + Rmin) / 2 and SC, or under ISO/IEC
    // 29158 the middle of the two class means ML, MD and ML - MD
    let (gt, norm, dpm) = match opts.standard {
        Standard::Iso15415 => (0.5 * (rmax + rmin), sc_v, None),
        Standard::Iso29158 => {
            let mut v: Vec<f64> = (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .map(|(r, c)| rv[ext.at(r as i64, c as i64)])
                .collect();
            let (md, ml) = two_class_means(&mut v);
            (0.5 * (ml + md), ml - md, Some((ml, md)))
        }
    };
    let dec = reference_decode(size, ext, &rv, gt, loc.inverted);

    // ---- grid: the ideal grid through the four corner sampling points, or the
    // least-squares fit to all of them (GridAnchor; ISO/IEC 15415 7.8.5)
    let at = |r: usize, c: usize| pos[ext.at(r as i64, c as i64)];
    let corners_fit = || {
        Homography::from_quads(
            [
                Point::new(0.5, 0.5),
                Point::new(fc - 0.5, 0.5),
                Point::new(fc - 0.5, fr - 0.5),
                Point::new(0.5, fr - 0.5),
            ],
            [
                at(0, 0),
                at(0, cols - 1),
                at(rows - 1, cols - 1),
                at(rows - 1, 0),
            ],
        )
    };
    let hc = match opts.grid_anchor {
        GridAnchor::Corners => corners_fit(),
        GridAnchor::BestFit => {
            let src: Vec<Point> = (0..rows)
                .flat_map(|r| (0..cols).map(move |c| Point::new(c as f64 + 0.5, r as f64 + 0.5)))
                .collect();
            let dst: Vec<Point> = (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .map(|(r, c)| at(r, c))
                .collect();
            Homography::fit(&src, &dst).or_else(corners_fit)
        }
    };
    let x_avg = (0..rows)
        .map(|r| at(r, 0).dist(at(r, cols - 1)))
        .sum::<f64>()
        / (rows as f64 * (fc - 1.0));
    let y_avg = (0..cols)
        .map(|c| at(0, c).dist(at(rows - 1, c)))
        .sum::<f64>()
        / (cols as f64 * (fr - 1.0));
    let xdim = 0.5 * (x_avg + y_avg);
    let an_v = (x_avg - y_avg).abs() / xdim;

    // ---- per module
    let mut modules = Vec::with_capacity(rows * cols);
    let mut gn_v = 0.0f64;
    let mut gn_at = (0usize, 0usize);
    for r in 0..rows {
        for c in 0..cols {
            let i = ext.at(r as i64, c as i64);
            let rr = rv[i];
            let dark = dec.ideal[i];
            let (m, mg) = if norm > 0.0 {
                let m = 2.0 * (rr - gt).abs() / norm;
                let s = if dark != loc.inverted {
                    gt - rr
                } else {
                    rr - gt
                };
                (m, 2.0 * s / norm)
            } else {
                (0.0, 0.0)
            };
            let ideal = hc
                .map(|h| h.map(Point::new(c as f64 + 0.5, r as f64 + 0.5)))
                .unwrap_or(pos[i]);
            let dev = ideal.dist(pos[i]) / xdim;
            if dev > gn_v {
                gn_v = dev;
                gn_at = (r, c);
            }
            modules.push(ModuleSample {
                reflectance: rr,
                modulation: m,
                margin: mg,
                dark,
                pixel: pos[i],
                ideal,
            });
        }
    }

    // ---- codewords
    let map = ModuleMap::get(size);
    let total = size.total_codewords();
    let mut codewords = Vec::with_capacity(total);
    let mut mod_g = vec![0u8; total];
    let mut rm_g = vec![0u8; total];
    let mut min_mod_cw = f64::INFINITY;
    for k in 0..total {
        let mut gm = 4u8;
        let mut gr = 4u8;
        let mut mm = f64::INFINITY;
        for &(r, c) in map.codeword_modules(k) {
            let ms = &modules[r as usize * cols + c as usize];
            gm = gm.min(mod_grade(ms.modulation));
            gr = gr.min(margin_grade(ms.margin));
            mm = mm.min(ms.modulation);
        }
        mod_g[k] = gm;
        rm_g[k] = gr;
        min_mod_cw = min_mod_cw.min(mm);
        let in_error = match &dec.ok {
            Some((cw, _)) => cw.get(k) != dec.read.get(k),
            None => false,
        };
        codewords.push(CodewordGrade {
            index: k,
            block: block_of(size, k),
            modulation_grade: gm,
            margin_grade: gr,
            min_modulation: mm,
            in_error,
        });
    }
    let decode = if dec.ok.is_some() { 4 } else { 0 };
    let mod_grade_v = notional_grade(size, &mod_g, opts.notional_uec);
    let rm_grade_v = notional_grade(size, &rm_g, opts.notional_uec);
    let min_margin = modules
        .iter()
        .map(|m| m.margin)
        .fold(f64::INFINITY, f64::min);

    // ---- fixed pattern damage
    let fpd = fixed_pattern_damage(
        size,
        ext,
        &rv,
        &dec.ideal,
        gt,
        norm,
        loc.inverted,
        opts.clock_segments,
    );

    // ---- quiet zone
    let mut quiet_zone = Vec::with_capacity(2 * (rows + cols) + 4);
    let mut ring = Vec::with_capacity(2 * (rows + cols) + 4);
    for c in -1..=cols as i64 {
        ring.push((-1i64, c));
    }
    for r in 0..=rows as i64 {
        ring.push((r, cols as i64));
    }
    for c in (-1..cols as i64).rev() {
        ring.push((rows as i64, c));
    }
    for r in (0..rows as i64).rev() {
        ring.push((r, -1));
    }
    let mut qz_dark = [0usize; 4];
    for &(r, c) in &ring {
        let v = rv[ext.at(r, c)];
        quiet_zone.push((r as i32, c as i32, v));
        if marked(v, gt, loc.inverted) {
            let side = if r < 0 {
                0
            } else if c >= cols as i64 {
                1
            } else if r >= rows as i64 {
                2
            } else {
                3
            };
            qz_dark[side] += 1;
        }
    }
    if qz_dark.iter().any(|&n| n > 0) {
        warnings.push(format!(
            "quiet zone intruded: modules on the mark side of GT on top {}, right {}, bottom {}, left {}",
            qz_dark[0], qz_dark[1], qz_dark[2], qz_dark[3]
        ));
    }

    // ---- UEC
    let (uec_blocks, corrected) = match &dec.ok {
        Some((cw, u)) => (u.clone(), cw.clone()),
        None => (vec![0.0; size.blocks()], Vec::new()),
    };
    let uec_v = uec_blocks.iter().copied().fold(1.0f64, f64::min);
    let uec = Measure {
        value: if decode == 4 { uec_v } else { 0.0 },
        grade: if decode == 4 {
            higher_better(uec_v, &tables::UEC)
        } else {
            0
        },
    };
    let sc = Measure {
        value: sc_v,
        grade: higher_better(sc_v, &tables::SC),
    };
    let cell_contrast = dpm.map(|(ml, md)| {
        let cc = if ml > 0.0 { (ml - md) / ml } else { 0.0 };
        Measure {
            value: cc,
            grade: higher_better(cc, &tables::CC),
        }
    });
    let contrast_grade = cell_contrast.map_or(sc.grade, |c| c.grade);
    // ISO/IEC 29158 8.4: Rtarget = Rcal (SRcal / SRtarget) (MLtarget / MLcal), with
    // MLtarget the light class mean in pixel values; without a reference, the light
    // class mean in this image's reflectance scale
    let minimum_reflectance = dpm.map(|(ml, _)| {
        let r = match opts.dpm_reference {
            Some(d) => {
                let ml_px = if refl.a != 0.0 {
                    (ml - refl.b) / refl.a
                } else {
                    f64::NAN
                };
                d.r_cal * (d.sr_cal / d.sr_target) * (ml_px / d.ml_cal)
            }
            None => ml,
        };
        let r = if r.is_finite() { r } else { 0.0 };
        Measure {
            value: r,
            grade: tables::min_reflectance(r),
        }
    });
    let an = Measure {
        value: an_v,
        grade: lower_better(an_v, &tables::AN),
    };
    let gn = Measure {
        value: gn_v,
        grade: lower_better(gn_v, &tables::GN),
    };
    let modulation = Measure {
        value: if min_mod_cw.is_finite() {
            min_mod_cw
        } else {
            0.0
        },
        grade: mod_grade_v,
    };
    let reflectance_margin = Measure {
        value: if min_margin.is_finite() {
            min_margin
        } else {
            0.0
        },
        grade: rm_grade_v,
    };
    let grade = [
        decode,
        contrast_grade,
        minimum_reflectance.map_or(4, |m| m.grade),
        modulation.grade,
        reflectance_margin.grade,
        fpd.grade,
        an.grade,
        gn.grade,
        uec.grade,
    ]
    .into_iter()
    .min()
    .unwrap_or(0);

    let mut scan = ScanGrade {
        size,
        decode,
        rmax,
        rmin,
        gt,
        standard: opts.standard,
        sc,
        cell_contrast,
        mean_light: dpm.map(|d| d.0),
        mean_dark: dpm.map(|d| d.1),
        minimum_reflectance,
        modulation,
        reflectance_margin,
        fpd,
        an,
        gn,
        uec,
        uec_blocks,
        // the edge search measures the growth of the dark side
        print_growth_x: if loc.inverted {
            -fit.growth_x
        } else {
            fit.growth_x
        },
        print_growth_y: if loc.inverted {
            -fit.growth_y
        } else {
            fit.growth_y
        },
        x_avg,
        y_avg,
        aperture_px: disc.diameter(),
        grade,
        codewords,
        modules,
        quiet_zone,
        reasons: Vec::new(),
        warnings,
        corrected,
    };
    scan.reasons = super::report::reasons(&scan, gn_at);
    Ok(scan)
}

/// Aperture values (raw pixel units) and reflectances at every sampling point.
fn sample(frame: &Frame, disc: &Disc, pos: &[Point], raw: &mut [f64], rv: &mut [f64], refl: Refl) {
    for ((p, r), v) in pos.iter().zip(raw.iter_mut()).zip(rv.iter_mut()) {
        *r = disc.mean(frame, *p);
        *v = refl.of(*r);
    }
}

/// Splits the values into two classes at the threshold of Otsu's method (largest
/// between-class variance) and returns the class means (low, high). Sorts `v`.
fn two_class_means(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n < 2 {
        let m = v.first().copied().unwrap_or(0.0);
        return (m, m);
    }
    let total: f64 = v.iter().sum();
    let mut best = (f64::NEG_INFINITY, v[0], v[n - 1]);
    let mut s0 = 0.0;
    for k in 1..n {
        s0 += v[k - 1];
        let (w0, w1) = (k as f64, (n - k) as f64);
        let (m0, m1) = (s0 / w0, (total - s0) / w1);
        let var = w0 * w1 * (m1 - m0) * (m1 - m0);
        if var > best.0 {
            best = (var, m0, m1);
        }
    }
    (best.1, best.2)
}

fn extremes(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(mx, mn), &x| {
            (mx.max(x), mn.min(x))
        })
}

/// Fixed pattern damage after ISO/IEC 16022 Annex M: segments L1 (left finder column),
/// L2 (bottom finder row), QZL1 and QZL2 (the quiet-zone modules beside them) graded on
/// the count of damaged modules, and the clock tracks with the solid alignment patterns
/// graded on the damaged fraction. A module is damaged at a grade level when it is on
/// the wrong side of GT or its modulation grade is below the level; each segment's grade
/// is the best over the levels of min(level, table grade at that level). The average
/// grade is computed likewise from the mean of the segment table grades at each level.
/// The clock tracks and solid areas form one segment or one per data region
/// (`clock`, see [`ClockSegments`]).
#[allow(clippy::too_many_arguments)]
fn fixed_pattern_damage(
    size: SymbolSize,
    ext: Ext,
    rv: &[f64],
    ideal: &[bool],
    gt: f64,
    sc: f64,
    inverted: bool,
    clock: ClockSegments,
) -> FixedPatternDamage {
    let (rows, cols) = (size.rows() as i64, size.cols() as i64);
    let module_grade = |r: i64, c: i64| -> u8 {
        let i = ext.at(r, c);
        let dark = ideal[i];
        let v = rv[i];
        if marked(v, gt, inverted) != dark || sc <= 0.0 {
            0
        } else {
            mod_grade(2.0 * (v - gt).abs() / sc)
        }
    };
    // per segment: histogram of module grades (index 0..=4): L1, L2, QZL1, QZL2, then
    // the clock/solid segment(s)
    let (rh, rw) = (size.region_rows() + 2, size.region_cols() + 2);
    let (nv, nh) = (size.regions_v().max(1), size.regions_h().max(1));
    let n_clock = match clock {
        ClockSegments::Whole => 1,
        ClockSegments::PerRegion => nv * nh,
    };
    let mut hist = vec![[0usize; 5]; 4 + n_clock];
    for r in 0..rows {
        hist[0][module_grade(r, 0) as usize] += 1; // L1
        hist[2][module_grade(r, -1) as usize] += 1; // QZL1
    }
    for c in 1..cols {
        hist[1][module_grade(rows - 1, c) as usize] += 1; // L2
    }
    for c in -1..cols {
        hist[3][module_grade(rows, c) as usize] += 1; // QZL2
    }
    for r in 0..rows - 1 {
        for c in 1..cols {
            let (ru, cu) = (r as usize, c as usize);
            if is_fixed_module(size, ru, cu) {
                let seg = match clock {
                    ClockSegments::Whole => 4,
                    ClockSegments::PerRegion => {
                        4 + (ru / rh).min(nv - 1) * nh + (cu / rw).min(nh - 1)
                    }
                };
                if let Some(h) = hist.get_mut(seg) {
                    h[module_grade(r, c) as usize] += 1;
                }
            }
        }
    }
    let mut names: Vec<String> = ["L1", "L2", "QZL1", "QZL2"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    match clock {
        ClockSegments::Whole => names.push("clock+solid".to_string()),
        ClockSegments::PerRegion => {
            for i in 0..nv {
                for j in 0..nh {
                    names.push(format!("CTSA {},{}", i + 1, j + 1));
                }
            }
        }
    }
    let n_seg = hist.len();
    let table_at = |s: usize, level: u8| -> u8 {
        let h = &hist[s];
        let damaged: usize = h[..level as usize].iter().sum();
        let total: usize = h.iter().sum();
        if s >= 4 {
            tables::fpd_fraction(if total > 0 {
                damaged as f64 / total as f64
            } else {
                0.0
            })
        } else {
            tables::fpd_count(damaged)
        }
    };
    let mut segments = Vec::with_capacity(n_seg);
    for (s, name) in names.into_iter().enumerate().take(n_seg) {
        let grade = (1..=4u8).map(|l| l.min(table_at(s, l))).max().unwrap_or(0);
        segments.push(Segment {
            name,
            modules: hist[s].iter().sum(),
            damaged: hist[s][0],
            grade,
        });
    }
    let average = (1..=4u8)
        .map(|l| {
            let mean = (0..n_seg).map(|s| table_at(s, l) as f64).sum::<f64>() / n_seg as f64;
            mean.min(l as f64)
        })
        .fold(0.0f64, f64::max);
    let lowest = segments.iter().map(|s| s.grade).min().unwrap_or(0);
    let grade = lowest.min((average + 1e-9).floor() as u8);
    FixedPatternDamage {
        segments,
        average,
        grade,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notional_levels() {
        let s = SymbolSize::from_dims(24, 24).unwrap(); // 1 block, 24 EC
        let mut g = vec![4u8; s.total_codewords()];
        assert_eq!(notional_grade(s, &g, NotionalUec::Erasures), 4);
        // 9 codewords at B: level A notional UEC 1 - 9/24 = 0.625 -> A; grade A
        for x in g.iter_mut().take(9) {
            *x = 3;
        }
        assert_eq!(notional_grade(s, &g, NotionalUec::Erasures), 4);
        // 10 at B: 1 - 10/24 = 0.583 -> B at level A; level B: 1.0 -> B
        g[9] = 3;
        assert_eq!(notional_grade(s, &g, NotionalUec::Erasures), 3);
        // errors: 5 at B -> 1 - 10/24 -> B
        let mut g2 = vec![4u8; s.total_codewords()];
        for x in g2.iter_mut().take(5) {
            *x = 3;
        }
        assert_eq!(notional_grade(s, &g2, NotionalUec::Errors), 3);
        // all codewords at F -> F
        let g3 = vec![0u8; s.total_codewords()];
        assert_eq!(notional_grade(s, &g3, NotionalUec::Erasures), 0);
    }
}
