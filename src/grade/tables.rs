//! The grade thresholds of ISO/IEC 15415:2011 (clause 7.8) and the fixed-pattern damage
//! tables of ISO/IEC 16022 (Annex M). Grades are numbers 4 (A) .. 0 (F).

/// Symbol contrast, 15415 7.8.2: A >= 70 %, B >= 55 %, C >= 40 %, D >= 20 %.
pub const SC: [f64; 4] = [0.70, 0.55, 0.40, 0.20];
/// Cell contrast of ISO/IEC 29158: A >= 30 %, B >= 25 %, C >= 20 %, D >= 15 %.
pub const CC: [f64; 4] = [0.30, 0.25, 0.20, 0.15];
/// Minimum reflectance of ISO/IEC 29158: Rtarget of at least 5 % passes (grade 4),
/// below it the symbol fails (grade 0); an absolute floor under the relative cell
/// contrast.
pub const MIN_REFLECTANCE: f64 = 0.05;
/// Modulation and reflectance margin per module, 15415 7.8.3: A >= 0.50, B >= 0.40,
/// C >= 0.30, D >= 0.20.
pub const MOD: [f64; 4] = [0.50, 0.40, 0.30, 0.20];
/// Unused error correction, 15415 7.8.6: A >= 0.62, B >= 0.50, C >= 0.37, D >= 0.25.
pub const UEC: [f64; 4] = [0.62, 0.50, 0.37, 0.25];
/// Axial non-uniformity, 15415 7.8.4: A <= 0.06, B <= 0.08, C <= 0.10, D <= 0.12.
pub const AN: [f64; 4] = [0.06, 0.08, 0.10, 0.12];
/// Grid non-uniformity, 15415 7.8.5: A <= 0.38, B <= 0.50, C <= 0.63, D <= 0.75.
pub const GN: [f64; 4] = [0.38, 0.50, 0.63, 0.75];
/// Fixed pattern damage, 16022 Annex M: damaged modules allowed in L1, L2, QZL1 and
/// QZL2 for A, B, C, D (4 or more is F).
pub const FPD_COUNT: [usize; 4] = [0, 1, 2, 3];
/// Fixed pattern damage, 16022 Annex M: damaged fraction allowed in the clock tracks and
/// solid areas for A, B, C, D (more than 17 % is F).
pub const FPD_FRACTION: [f64; 4] = [0.0, 0.09, 0.13, 0.17];

/// Grade for a value where higher is better: 4 when `v >= t[0]`, ..., 0 below `t[3]`.
/// A tiny tolerance absorbs floating-point noise at the boundary.
pub fn higher_better(v: f64, t: &[f64; 4]) -> u8 {
    const EPS: f64 = 1e-9;
    for (i, &th) in t.iter().enumerate() {
        if v + EPS >= th {
            return 4 - i as u8;
        }
    }
    0
}

/// Grade for a value where lower is better: 4 when `v <= t[0]`, ..., 0 above `t[3]`.
pub fn lower_better(v: f64, t: &[f64; 4]) -> u8 {
    const EPS: f64 = 1e-9;
    if !v.is_finite() {
        return 0;
    }
    for (i, &th) in t.iter().enumerate() {
        if v <= th + EPS {
            return 4 - i as u8;
        }
    }
    0
}

/// Grade for a count of damaged modules (L1, L2, QZL1, QZL2).
pub fn fpd_count(n: usize) -> u8 {
    for (i, &th) in FPD_COUNT.iter().enumerate() {
        if n <= th {
            return 4 - i as u8;
        }
    }
    0
}

/// Grade for a damaged fraction (clock tracks and solid areas).
pub fn fpd_fraction(f: f64) -> u8 {
    lower_better(f, &FPD_FRACTION)
}

/// Grade of the minimum reflectance (ISO/IEC 29158): 4 or 0.
pub fn min_reflectance(r: f64) -> u8 {
    if r + 1e-9 >= MIN_REFLECTANCE {
        4
    } else {
        0
    }
}

/// The letter of an integer grade.
pub fn letter(g: u8) -> char {
    match g {
        4 => 'A',
        3 => 'B',
        2 => 'C',
        1 => 'D',
        _ => 'F',
    }
}

/// The letter of an overall (averaged) grade, 15415 clause 5: A 3.5..4.0, B 2.5..<3.5,
/// C 1.5..<2.5, D 0.5..<1.5, F below 0.5.
pub fn overall_letter(g: f64) -> char {
    if g >= 3.5 {
        'A'
    } else if g >= 2.5 {
        'B'
    } else if g >= 1.5 {
        'C'
    } else if g >= 0.5 {
        'D'
    } else {
        'F'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(higher_better(0.70, &SC), 4);
        assert_eq!(higher_better(0.699, &SC), 3);
        assert_eq!(higher_better(0.199, &SC), 0);
        assert_eq!(lower_better(0.06, &AN), 4);
        assert_eq!(lower_better(0.0601, &AN), 3);
        assert_eq!(lower_better(0.13, &AN), 0);
        assert_eq!(lower_better(f64::NAN, &AN), 0);
        assert_eq!(fpd_count(0), 4);
        assert_eq!(fpd_count(3), 1);
        assert_eq!(fpd_count(4), 0);
        assert_eq!(fpd_fraction(0.0), 4);
        assert_eq!(fpd_fraction(0.05), 3);
        assert_eq!(fpd_fraction(0.18), 0);
        assert_eq!(overall_letter(2.8), 'B');
        assert_eq!(min_reflectance(0.05), 4);
        assert_eq!(min_reflectance(0.049), 0);
        assert_eq!(min_reflectance(f64::NAN), 0);
        assert_eq!(letter(1), 'D');
    }
}
