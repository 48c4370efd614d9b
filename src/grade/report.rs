//! Output of the grader: reasons in words, JSON, text and the annotated image.

use super::tables::{higher_better, letter, MOD};
use super::{GradeReport, Measure, ScanGrade};
use crate::frame::Frame;
use crate::matrix::placement::is_fixed_module;
use crate::matrix::ModuleMap;
use std::fmt::Write;

/// Most codeword lines listed per parameter in the reasons.
const MAX_CODEWORD_LINES: usize = 12;

fn pct(v: f64) -> String {
    format!("{:.1} %", v * 100.0)
}

/// The reasons, in words, for every parameter below A.
pub(super) fn reasons(s: &ScanGrade, gn_at: (usize, usize)) -> Vec<String> {
    let mut out = Vec::new();
    let l = |g: u8| letter(g);
    if s.decode == 0 {
        out.push(
            "reference decode failed: the Reed-Solomon decoder could not correct the codewords"
                .to_string(),
        );
    }
    if let Some(cc) = &s.cell_contrast {
        if cc.grade < 4 {
            out.push(format!(
                "cell contrast {} (ML {}, MD {}) graded {}",
                pct(cc.value),
                pct(s.mean_light.unwrap_or(f64::NAN)),
                pct(s.mean_dark.unwrap_or(f64::NAN)),
                l(cc.grade)
            ));
        }
    } else if s.sc.grade < 4 {
        out.push(format!(
            "symbol contrast {} (Rmax {}, Rmin {}) graded {}",
            pct(s.sc.value),
            pct(s.rmax),
            pct(s.rmin),
            l(s.sc.grade)
        ));
    }
    if let Some(mr) = &s.minimum_reflectance {
        if mr.grade < 4 {
            out.push(format!(
                "minimum reflectance {} is below 5 % (ISO/IEC 29158): graded {}",
                pct(mr.value),
                l(mr.grade)
            ));
        }
    }
    let map = ModuleMap::get(s.size);
    let cols = s.size.cols();
    for (name, grade, is_mod) in [
        ("modulation", s.modulation.grade, true),
        ("reflectance margin", s.reflectance_margin.grade, false),
    ] {
        if grade >= 4 {
            continue;
        }
        let mut weak: Vec<&super::CodewordGrade> = s
            .codewords
            .iter()
            .filter(|c| {
                if is_mod {
                    c.modulation_grade < 4
                } else {
                    c.margin_grade < 4
                }
            })
            .collect();
        weak.sort_by_key(|c| {
            if is_mod {
                c.modulation_grade
            } else {
                c.margin_grade
            }
        });
        out.push(format!(
            "{name} graded {}: {} codewords below A (notional unused error correction)",
            l(grade),
            weak.len()
        ));
        for c in weak.iter().take(MAX_CODEWORD_LINES) {
            let cg = if is_mod {
                c.modulation_grade
            } else {
                c.margin_grade
            };
            let mut mods = String::new();
            for &(r, cc) in map.codeword_modules(c.index) {
                let Some(m) = s.modules.get(r as usize * cols + cc as usize) else {
                    continue;
                };
                let (v, g) = if is_mod {
                    (m.modulation, higher_better(m.modulation, &MOD))
                } else {
                    (
                        m.margin,
                        if m.margin <= 0.0 {
                            0
                        } else {
                            higher_better(m.margin, &MOD)
                        },
                    )
                };
                if g == cg {
                    if !mods.is_empty() {
                        mods.push_str(", ");
                    }
                    let _ = write!(mods, "({r},{cc})");
                    if !is_mod && v <= 0.0 {
                        mods.push_str(" on the wrong side of GT");
                    } else {
                        let _ = write!(mods, " at {v:.2}");
                    }
                }
            }
            out.push(format!(
                "codeword {} (block {}) graded {} for {name}: modules {mods}",
                c.index,
                c.block,
                l(cg)
            ));
        }
        if weak.len() > MAX_CODEWORD_LINES {
            out.push(format!(
                "... and {} more codewords",
                weak.len() - MAX_CODEWORD_LINES
            ));
        }
    }
    for seg in &s.fpd.segments {
        if seg.grade < 4 {
            out.push(format!(
                "fixed pattern segment {} graded {}: {} of {} modules in error or below D",
                seg.name,
                l(seg.grade),
                seg.damaged,
                seg.modules
            ));
        }
    }
    if s.fpd.grade < 4 {
        out.push(format!(
            "fixed pattern damage graded {} (average {:.2})",
            l(s.fpd.grade),
            s.fpd.average
        ));
    }
    if s.an.grade < 4 {
        out.push(format!(
            "axial non-uniformity {:.3} (X {:.2} px, Y {:.2} px) graded {}",
            s.an.value,
            s.x_avg,
            s.y_avg,
            l(s.an.grade)
        ));
    }
    if s.gn.grade < 4 {
        out.push(format!(
            "grid non-uniformity {:.3} X at module ({},{}) graded {}",
            s.gn.value,
            gn_at.0,
            gn_at.1,
            l(s.gn.grade)
        ));
    }
    if s.uec.grade < 4 && s.decode == 4 {
        let (b, _) = s
            .uec_blocks
            .iter()
            .enumerate()
            .fold(
                (0, f64::INFINITY),
                |a, (i, &u)| if u < a.1 { (i, u) } else { a },
            );
        let errs = s
            .codewords
            .iter()
            .filter(|c| c.in_error && c.block == b)
            .count();
        out.push(format!(
            "unused error correction {:.2} (block {b}, {errs} codewords corrected) graded {}",
            s.uec.value,
            l(s.uec.grade)
        ));
    }
    out
}

/// Number for JSON: rounded to 4 decimals, `null` when not finite.
fn num(v: f64) -> String {
    if v.is_finite() {
        let r = (v * 1e4).round() / 1e4;
        if r == 0.0 {
            "0".to_string()
        } else {
            format!("{r}")
        }
    } else {
        "null".to_string()
    }
}

use crate::json::quote as jstr;

fn jmeasure(m: &Measure) -> String {
    format!("{{\"value\":{},\"grade\":{}}}", num(m.value), m.grade)
}

/// An RGB image (8 bits per channel, row-major, no padding).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `3 * width * height` bytes.
    pub rgb: Vec<u8>,
}

impl Annotation {
    fn put(&mut self, x: i64, y: i64, c: [u8; 3]) {
        if x >= 0 && y >= 0 && (x as usize) < self.width && (y as usize) < self.height {
            let i = 3 * (y as usize * self.width + x as usize);
            self.rgb[i..i + 3].copy_from_slice(&c);
        }
    }
}

impl ScanGrade {
    /// This scan as a JSON object.
    pub fn to_json(&self) -> String {
        let mut o = String::with_capacity(4096 + self.modules.len() * 24);
        let _ = write!(
            o,
            "{{\"standard\":\"{}\",\"size\":\"{}\",\"decode\":{{\"grade\":{}}},\"rmax\":{},\"rmin\":{},\"gt\":{},",
            self.standard.name(),
            self.size,
            self.decode,
            num(self.rmax),
            num(self.rmin),
            num(self.gt)
        );
        if let Some(cc) = &self.cell_contrast {
            let _ = write!(
                o,
                "\"cc\":{},\"mean_light\":{},\"mean_dark\":{},",
                jmeasure(cc),
                num(self.mean_light.unwrap_or(f64::NAN)),
                num(self.mean_dark.unwrap_or(f64::NAN))
            );
        }
        if let Some(mr) = &self.minimum_reflectance {
            let _ = write!(o, "\"mr\":{},", jmeasure(mr));
        }
        let _ = write!(
            o,
            "\"sc\":{},\"mod\":{},\"rm\":{},",
            jmeasure(&self.sc),
            jmeasure(&self.modulation),
            jmeasure(&self.reflectance_margin)
        );
        let _ = write!(
            o,
            "\"fpd\":{{\"grade\":{},\"average\":{},\"segments\":{{",
            self.fpd.grade,
            num(self.fpd.average)
        );
        for (i, s) in self.fpd.segments.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            let _ = write!(
                o,
                "{}:{{\"modules\":{},\"damaged\":{},\"grade\":{}}}",
                jstr(&s.name),
                s.modules,
                s.damaged,
                s.grade
            );
        }
        let _ = write!(
            o,
            "}}}},\"an\":{},\"gn\":{},\"uec\":{{\"value\":{},\"grade\":{},\"blocks\":[",
            jmeasure(&self.an),
            jmeasure(&self.gn),
            num(self.uec.value),
            self.uec.grade
        );
        for (i, u) in self.uec_blocks.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str(&num(*u));
        }
        let _ = write!(
            o,
            "]}},\"print_growth\":{{\"x\":{},\"y\":{}}},\"x_avg_px\":{},\"y_avg_px\":{},\"aperture_px\":{},\"grade\":{},",
            num(self.print_growth_x),
            num(self.print_growth_y),
            num(self.x_avg),
            num(self.y_avg),
            num(self.aperture_px),
            self.grade
        );
        o.push_str("\"codewords\":[");
        for (i, c) in self.codewords.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            let _ = write!(
                o,
                "{{\"index\":{},\"block\":{},\"mod\":{},\"rm\":{},\"min_mod\":{},\"error\":{}}}",
                c.index,
                c.block,
                c.modulation_grade,
                c.margin_grade,
                num(c.min_modulation),
                c.in_error
            );
        }
        o.push_str("],\"modules\":[");
        for (i, m) in self.modules.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            let _ = write!(
                o,
                "[{},{},{},{},{}]",
                num(m.reflectance),
                num(m.modulation),
                num(m.margin),
                num(m.pixel.x),
                num(m.pixel.y)
            );
        }
        o.push_str("],\"reasons\":[");
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str(&jstr(r));
        }
        o.push_str("],\"warnings\":[");
        for (i, r) in self.warnings.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str(&jstr(r));
        }
        o.push_str("]}");
        o
    }

    /// This scan for people.
    pub fn to_text(&self) -> String {
        let mut o = String::new();
        let l = |g: u8| letter(g);
        let _ = writeln!(
            o,
            "symbol {}   scan grade {} ({})",
            self.size,
            self.grade,
            l(self.grade)
        );
        let _ = writeln!(
            o,
            "  decode                      {} ({})",
            self.decode,
            l(self.decode)
        );
        let _ = writeln!(
            o,
            "  symbol contrast     {:>8}  {} ({})   Rmax {}  Rmin {}",
            pct(self.sc.value),
            self.sc.grade,
            l(self.sc.grade),
            pct(self.rmax),
            pct(self.rmin)
        );
        if let Some(cc) = &self.cell_contrast {
            let _ = writeln!(
                o,
                "  cell contrast       {:>8}  {} ({})   ML {}  MD {}  (ISO/IEC 29158)",
                pct(cc.value),
                cc.grade,
                l(cc.grade),
                pct(self.mean_light.unwrap_or(f64::NAN)),
                pct(self.mean_dark.unwrap_or(f64::NAN))
            );
        }
        if let Some(mr) = &self.minimum_reflectance {
            let _ = writeln!(
                o,
                "  minimum reflectance {:>8}  {} ({})   at least 5 % (ISO/IEC 29158)",
                pct(mr.value),
                mr.grade,
                l(mr.grade)
            );
        }
        let rows: [(&str, &Measure); 5] = [
            ("modulation", &self.modulation),
            ("reflectance margin", &self.reflectance_margin),
            ("axial non-unif.", &self.an),
            ("grid non-unif.", &self.gn),
            ("unused EC", &self.uec),
        ];
        for (name, m) in rows.iter() {
            let _ = writeln!(
                o,
                "  {name:<19} {:>8.3}  {} ({})",
                m.value,
                m.grade,
                l(m.grade)
            );
        }
        let _ = write!(
            o,
            "  fixed pattern damage          {} ({})   average {:.2}:",
            self.fpd.grade,
            l(self.fpd.grade),
            self.fpd.average
        );
        for s in &self.fpd.segments {
            let _ = write!(o, " {} {}/{} {}", s.name, s.damaged, s.modules, l(s.grade));
        }
        o.push('\n');
        let _ = writeln!(
            o,
            "  print growth        x {:+.3}  y {:+.3}   X {:.2} px  Y {:.2} px  aperture {:.2} px",
            self.print_growth_x, self.print_growth_y, self.x_avg, self.y_avg, self.aperture_px
        );
        for r in &self.reasons {
            let _ = writeln!(o, "  - {r}");
        }
        for w in &self.warnings {
            let _ = writeln!(o, "  ! {w}");
        }
        o
    }
}

impl GradeReport {
    /// The report as JSON (hand-written, stable field names).
    pub fn to_json(&self) -> String {
        let mut o = String::new();
        let _ = write!(
            o,
            "{{\"grade\":{},\"letter\":\"{}\",\"grade_string\":{},\"calibrated\":{},\"aperture_mils\":{},\"wavelength_nm\":{},\"scans\":[",
            num(self.grade),
            self.letter,
            jstr(&self.grade_string()),
            self.calibrated,
            self.aperture_mils.map_or("null".to_string(), num),
            self.wavelength_nm
        );
        for (i, s) in self.scans.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str(&s.to_json());
        }
        o.push_str("]}");
        o
    }

    /// The report for people.
    pub fn to_text(&self) -> String {
        let mut o = format!(
            "grade {} ({}) {} reflectance, {} scan(s)\n",
            self.grade_string(),
            self.letter,
            if self.calibrated {
                "calibrated"
            } else {
                "uncalibrated"
            },
            self.scans.len()
        );
        for s in &self.scans {
            o.push_str(&s.to_text());
        }
        o
    }

    /// Draws the first scan over `frame` (see [`GradeReport::annotate_scan`]).
    pub fn annotate(&self, frame: &Frame) -> Annotation {
        self.annotate_scan(0, frame)
    }

    /// Draws scan `i` over its frame: a cross at every sampling point (green: A or B
    /// modulation, yellow: C or D, red: below D or on the wrong side of GT), a blue dot
    /// at every ideal grid point, and a magenta box around damaged finder and clock
    /// modules. A scan index out of range gives the bare frame.
    pub fn annotate_scan(&self, i: usize, frame: &Frame) -> Annotation {
        let (w, h) = (frame.width(), frame.height());
        let mut a = Annotation {
            width: w,
            height: h,
            rgb: vec![0; 3 * w * h],
        };
        for y in 0..h {
            for (x, &v) in frame.row(y).iter().enumerate() {
                let k = 3 * (y * w + x);
                a.rgb[k..k + 3].copy_from_slice(&[v, v, v]);
            }
        }
        let Some(s) = self.scans.get(i) else {
            return a;
        };
        let arm = (0.15 * s.x_avg).clamp(1.0, 6.0) as i64;
        let cols = s.size.cols();
        for (k, m) in s.modules.iter().enumerate() {
            let (r, c) = (k / cols, k % cols);
            let g = higher_better(m.modulation, &MOD);
            let col = if m.margin <= 0.0 || g == 0 {
                [255, 0, 0]
            } else if g <= 2 {
                [255, 200, 0]
            } else {
                [0, 200, 0]
            };
            let (px, py) = (m.pixel.x.floor() as i64, m.pixel.y.floor() as i64);
            for d in -arm..=arm {
                a.put(px + d, py, col);
                a.put(px, py + d, col);
            }
            a.put(
                m.ideal.x.floor() as i64,
                m.ideal.y.floor() as i64,
                [0, 80, 255],
            );
            let fixed = is_fixed_module(s.size, r, c);
            if fixed && (m.margin <= 0.0 || g == 0) {
                let b = (0.4 * s.x_avg) as i64;
                for d in -b..=b {
                    a.put(px + d, py - b, [255, 0, 255]);
                    a.put(px + d, py + b, [255, 0, 255]);
                    a.put(px - b, py + d, [255, 0, 255]);
                    a.put(px + b, py + d, [255, 0, 255]);
                }
            }
        }
        a
    }
}
