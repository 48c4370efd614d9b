//! One function per subcommand. Each returns the exit code, or an error message
//! (exit 2).

use crate::args::{flag, opt, opt_short, Args};
use ecc200::encode::{self, EncodeOptions, Macro, Modes, ShapePolicy, StructuredAppend};
use ecc200::gs1::{self, PharmaStyle, ValidateOptions};
use ecc200::json::{num, quote};
use ecc200::render::{self, RenderOptions};
use ecc200::{decode, read, Frame, ModuleMatrix, Symbol, SymbolSize};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

pub type Res = Result<u8, String>;

fn hex_decode(s: &str) -> Result<Vec<u8>, String> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() % 2 != 0 {
        return Err(format!("--hex: odd number of hex digits ({})", s.len()));
    }
    (0..s.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&s[i..i + 2], 16).map_err(|_| {
                format!(
                    "--hex: {:?} at position {} is not a hex byte",
                    &s[i..i + 2],
                    i + 1
                )
            })
        })
        .collect()
}

fn hex_encode(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The encoder options shared by `encode` and `serials`.
fn encode_options(a: &Args) -> Result<EncodeOptions, String> {
    let mut o = EncodeOptions::default();
    if let Some(s) = a.value("shape") {
        o = o.shape(match s {
            "square" => ShapePolicy::Square,
            "rect" | "rectangular" => ShapePolicy::Rectangular,
            "dmre" => ShapePolicy::RectangularWithDmre,
            "any" => ShapePolicy::Any,
            _ => return Err(format!("--shape: {s:?} is not square, rect, dmre or any")),
        });
    }
    if let Some(s) = a.value("size") {
        o = o.size(Some(
            s.parse::<SymbolSize>()
                .map_err(|e| format!("--size: {e}"))?,
        ));
    }
    o = o
        .max_rows(a.parsed("max-rows")?)
        .max_cols(a.parsed("max-cols")?);
    if let Some(list) = a.value("modes") {
        let mut m = Modes::ASCII_ONLY;
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            m = m.with(match name.to_ascii_lowercase().as_str() {
                "ascii" => Modes::ASCII_ONLY,
                "c40" => Modes::C40,
                "text" => Modes::TEXT,
                "x12" => Modes::X12,
                "edifact" => Modes::EDIFACT,
                "base256" | "b256" => Modes::BASE256,
                "all" => Modes::ALL,
                _ => return Err(format!("--modes: unknown encodation {name:?}")),
            });
        }
        o = o.allowed(m);
    }
    o = o.eci(a.parsed("eci")?);
    if let Some(m) = a.value("macro") {
        o = o.macro_header(match m {
            "auto" => Macro::Auto,
            "05" | "5" => Macro::Macro05,
            "06" | "6" => Macro::Macro06,
            _ => return Err(format!("--macro: {m:?} is not auto, 05 or 06")),
        });
    }
    if let Some(sa) = a.value("structured-append") {
        let parts: Vec<&str> = sa.split('/').collect();
        let bad = || format!("--structured-append: {sa:?} is not POS/TOTAL[/ID1,ID2]");
        if parts.len() < 2 || parts.len() > 3 {
            return Err(bad());
        }
        let position = parts[0].parse().map_err(|_| bad())?;
        let total = parts[1].parse().map_err(|_| bad())?;
        let mut file_id = [1u8, 1u8];
        if let Some(id) = parts.get(2) {
            let (x, y) = id.split_once(',').ok_or_else(bad)?;
            file_id = [x.parse().map_err(|_| bad())?, y.parse().map_err(|_| bad())?];
        }
        o = o.structured_append(Some(StructuredAppend {
            position,
            total,
            file_id,
        }));
    }
    o = o.reader_programming(a.flag("reader-programming"));
    Ok(o)
}

const ENCODE_OPTS: &[crate::args::Spec] = &[
    flag("gs1"),
    flag("no-validate"),
    opt("shape"),
    opt("size"),
    opt("max-rows"),
    opt("max-cols"),
    opt("modes"),
    opt("eci"),
    opt("macro"),
    opt("structured-append"),
    flag("reader-programming"),
    opt("scale"),
    opt("x-dim"),
    opt("dpi"),
    opt("quiet-zone"),
    flag("invert"),
    opt("hri"),
    opt_short("out", 'o'),
    flag("json"),
    opt("hex"),
    opt("file"),
];

fn render_options(a: &Args) -> Result<RenderOptions, String> {
    let mut r = RenderOptions::default();
    if let Some(px) = a.parsed::<u32>("scale")? {
        r = r.module_px(px);
    }
    match (a.parsed::<f64>("x-dim")?, a.parsed::<u32>("dpi")?) {
        (Some(mm), Some(dpi)) => r = r.x_dim(mm, dpi),
        (None, None) => {}
        _ => return Err("--x-dim and --dpi go together".into()),
    }
    if let Some(q) = a.parsed::<u32>("quiet-zone")? {
        r = r.quiet_zone(q);
    }
    Ok(r.invert(a.flag("invert")))
}

/// Matrix as JSON rows of '1'/'0'.
fn matrix_json(m: &ModuleMatrix) -> String {
    let rows: Vec<String> = m.to_strings().iter().map(|r| quote(r)).collect();
    format!("[{}]", rows.join(","))
}

pub fn encode(argv: &[String]) -> Res {
    let a = Args::parse(argv, ENCODE_OPTS)?;
    let mut opts = encode_options(&a)?;
    let gs1_mode = a.flag("gs1");
    let mut element = None;
    let data: Vec<u8> = match (a.value("hex"), a.value("file"), a.positional.as_slice()) {
        (Some(h), None, []) => hex_decode(h)?,
        (None, Some(p), []) => std::fs::read(p).map_err(|e| format!("--file {p}: {e}"))?,
        (None, None, [d]) if gs1_mode => {
            let es = gs1::parse(d).map_err(|e| format!("GS1: {e}"))?;
            if !a.flag("no-validate") {
                if let Err(errs) = gs1::validate(&es, &ValidateOptions::default()) {
                    let first = errs.0.first().map(|e| e.to_string()).unwrap_or_default();
                    return Err(format!(
                        "GS1: {first} ({} error(s); --no-validate overrides)",
                        errs.0.len()
                    ));
                }
            }
            let raw = es.to_raw();
            element = Some(es);
            raw
        }
        (None, None, [d]) => {
            // text (the arm above takes GS1): Latin-1 when it fits, else UTF-8 with
            // ECI 26, as encode_str decides
            let sym = encode::encode_str(d, &opts).map_err(|e| e.to_string())?;
            return finish_encode(&a, sym, None);
        }
        _ => return Err("give the data once: DATA, --hex HEX or --file PATH".into()),
    };
    if gs1_mode {
        opts = opts.gs1(true);
    }
    let sym = encode::encode(&data, &opts).map_err(|e| e.to_string())?;
    finish_encode(&a, sym, element)
}

fn finish_encode(a: &Args, sym: Symbol, element: Option<gs1::ElementString>) -> Res {
    let ropts = render_options(a)?;
    let hri: Option<Vec<String>> = match (a.value("hri"), &element) {
        (None, _) => None,
        (Some(_), None) => return Err("--hri needs --gs1 data".into()),
        (Some("eu"), Some(es)) => Some(es.pharma_hri(PharmaStyle::EuFmd)),
        (Some("us"), Some(es)) => Some(es.pharma_hri(PharmaStyle::Dscsa)),
        (Some("plain"), Some(es)) => Some(es.hri()),
        (Some(s), _) => return Err(format!("--hri: {s:?} is not eu, us or plain")),
    };
    if let Some(out) = a.value("out") {
        let lower = out.to_ascii_lowercase();
        let bytes: Vec<u8> = if lower.ends_with(".svg") {
            let svg = match &hri {
                Some(lines) => render::to_svg_with_hri(sym.matrix(), &ropts, lines),
                None => render::to_svg(sym.matrix(), &ropts),
            }
            .map_err(|e| e.to_string())?;
            svg.text.into_bytes()
        } else if lower.ends_with(".png") {
            let png = match &hri {
                Some(lines) => render::to_png_with_hri(sym.matrix(), &ropts, lines),
                None => render::to_png(sym.matrix(), &ropts),
            }
            .map_err(|e| e.to_string())?;
            if let Some(x) = png.layout.x_dim_mm {
                eprintln!(
                    "X-dimension achieved: {x:.4} mm ({} dots per module)",
                    png.layout.module_px
                );
            }
            png.bytes
        } else if lower.ends_with(".txt") {
            render::to_text(sym.matrix(), &ropts)
                .map_err(|e| e.to_string())?
                .into_bytes()
        } else {
            return Err(format!("-o {out}: use a .png, .svg or .txt file name"));
        };
        write_out(out, &bytes)?;
    }
    if a.flag("json") {
        let used = sym.size().data_codewords() - padding_of(&sym);
        println!(
            "{{\"rows\":{},\"cols\":{},\"data_codewords\":{},\"capacity\":{},\"ec_codewords\":{},\"matrix\":{}}}",
            sym.rows(),
            sym.cols(),
            used,
            sym.size().data_codewords(),
            sym.size().ec_codewords(),
            matrix_json(sym.matrix())
        );
    } else if a.value("out").is_none() {
        print!(
            "{}",
            render::to_text(sym.matrix(), &ropts).map_err(|e| e.to_string())?
        );
    }
    Ok(0)
}

/// Pad codewords at the end of the symbol's data (the decoder counts them).
fn padding_of(sym: &Symbol) -> usize {
    decode::decode_data(sym.data_codewords())
        .map(|c| c.padding)
        .unwrap_or(0)
}

fn write_out(path: &str, bytes: &[u8]) -> Result<(), String> {
    if path == "-" {
        std::io::stdout()
            .write_all(bytes)
            .map_err(|e| e.to_string())
    } else {
        std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))
    }
}

fn load_gray(path: &str) -> Result<ecc200::GrayImage, String> {
    let img = image::open(path).map_err(|e| format!("{path}: {e}"))?;
    let g = img.to_luma8();
    let (w, h) = (g.width() as usize, g.height() as usize);
    Ok(ecc200::GrayImage {
        width: w,
        height: h,
        data: g.into_raw(),
    })
}

fn decoded_json(d: &decode::Decoded) -> String {
    let gs1 = if d.gs1 {
        match gs1::ElementString::parse_raw(&d.bytes) {
            Ok(es) => quote(&es.to_bracketed()),
            Err(_) => "null".into(),
        }
    } else {
        "null".into()
    };
    let hri = if d.gs1 {
        match gs1::ElementString::parse_raw(&d.bytes) {
            Ok(es) => quote(&es.hri().join(" ")),
            Err(_) => "null".into(),
        }
    } else {
        "null".into()
    };
    format!(
        "\"text\":{},\"bytes_hex\":{},\"gs1\":{},\"hri\":{},\"symbology_identifier\":{},\"rows\":{},\"cols\":{},\"errors\":{},\"erasures\":{},\"unused_ec\":{},\"data_codewords\":{}",
        quote(&d.text()),
        quote(&hex_encode(&d.bytes)),
        gs1,
        hri,
        quote(d.symbology_identifier()),
        d.size.rows(),
        d.size.cols(),
        d.ec.errors,
        d.ec.erasures,
        num(d.ec.unused_ec),
        d.size.data_codewords() - d.padding,
    )
}

pub fn decode(argv: &[String]) -> Res {
    let a = Args::parse(argv, &[flag("json"), flag("thorough"), opt("max-symbols")])?;
    if a.positional.is_empty() {
        return Err("decode: give one or more image files".into());
    }
    let mut ro = read::ReadOptions::default().thorough(a.flag("thorough"));
    if let Some(n) = a.parsed::<usize>("max-symbols")? {
        ro = ro.max_symbols(n);
    }
    let files = &a.positional;
    let progress = files.len() > 20 && std::io::stderr().is_terminal();
    let done = std::sync::atomic::AtomicUsize::new(0);
    use rayon::prelude::*;
    let results: Vec<Result<(Vec<read::ReadResult>, f64), String>> = files
        .par_iter()
        .map_init(
            || read::Reader::new(ro.clone()),
            |reader, f| {
                let img = load_gray(f)?;
                let frame = img.as_frame().map_err(|e| format!("{f}: {e}"))?;
                let t = std::time::Instant::now();
                let r = reader.read(&frame);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if progress {
                    eprint!("\rdecoded {n}/{}", files.len());
                }
                Ok((r, ms))
            },
        )
        .collect();
    if progress {
        eprintln!();
    }
    let mut any = false;
    let mut failed = false;
    for (f, r) in files.iter().zip(results) {
        match r {
            Err(e) => {
                eprintln!("ecc200: {e}");
                failed = true;
            }
            Ok((syms, ms)) => {
                for s in &syms {
                    any = true;
                    if a.flag("json") {
                        let c = &s.corners;
                        println!(
                            "{{\"file\":{},{},\"corners\":[[{},{}],[{},{}],[{},{}],[{},{}]],\"mirrored\":{},\"inverted\":{},\"ms\":{}}}",
                            quote(f),
                            decoded_json(&s.decoded),
                            num(c[0].x), num(c[0].y), num(c[1].x), num(c[1].y),
                            num(c[2].x), num(c[2].y), num(c[3].x), num(c[3].y),
                            s.mirrored,
                            s.inverted,
                            num(ms)
                        );
                    } else {
                        println!("{f}: {}", printable(&s.decoded.text()));
                    }
                }
            }
        }
    }
    Ok(if failed && !any {
        2
    } else if any {
        0
    } else {
        1
    })
}

/// Text with control characters shown as <GS>, <RS>, <EOT>, \xNN.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{1d}' => "<GS>".to_string(),
            '\u{1e}' => "<RS>".to_string(),
            '\u{04}' => "<EOT>".to_string(),
            c if c.is_control() => format!("\\x{:02x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

pub fn matrix(argv: &[String]) -> Res {
    let a = Args::parse(argv, &[flag("json")])?;
    let [src] = a.positional.as_slice() else {
        return Err("matrix: give one file of 0/1 rows (or - for stdin)".into());
    };
    let mut text = String::new();
    if src == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
    } else {
        text = std::fs::read_to_string(src).map_err(|e| format!("{src}: {e}"))?;
    }
    let rows: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let m = ModuleMatrix::from_strings(&rows)
        .ok_or("matrix: rows must be equal-length strings of 0/1 or #/.")?;
    match decode::from_matrix(&m) {
        Ok(d) => {
            if a.flag("json") {
                println!("{{{},\"mirrored\":{}}}", decoded_json(&d), d.mirrored);
            } else {
                println!("{}", printable(&d.text()));
            }
            Ok(0)
        }
        Err(e) => {
            eprintln!("ecc200: {e}");
            Ok(1)
        }
    }
}

pub fn gs1(argv: &[String]) -> Res {
    let Some((verb, rest)) = argv.split_first() else {
        return Err("gs1: give check, hri, dl or scan".into());
    };
    let a = Args::parse(rest, &[flag("json"), opt("stem"), flag("permit-unknown")])?;
    let [input] = a.positional.as_slice() else {
        return Err(format!("gs1 {verb}: give one input"));
    };
    let vopts = ValidateOptions::default().permit_unknown_ais(a.flag("permit-unknown"));
    let mut res = gs1::check(input, &vopts);
    if let Some(stem) = a.value("stem") {
        res.dl_stem = stem.to_string();
    }
    let valid = res.is_valid();
    if a.flag("json") {
        println!("{}", res.to_json());
    } else {
        for e in &res.errors {
            eprintln!("error: {e}");
        }
        for w in &res.warnings {
            eprintln!("warning: {w}");
        }
        if let (true, Some(es)) = (valid, &res.element_string) {
            match verb.as_str() {
                "check" => println!("valid: {}", es.to_bracketed()),
                "hri" => {
                    for l in es.hri() {
                        println!("{l}");
                    }
                }
                "dl" => println!(
                    "{}",
                    es.to_digital_link(&res.dl_stem)
                        .map_err(|e| e.to_string())?
                ),
                "scan" => println!(
                    "{}",
                    printable(&String::from_utf8_lossy(&es.to_scan_data()))
                ),
                other => {
                    return Err(format!(
                        "gs1: unknown verb {other:?} (check, hri, dl, scan)"
                    ))
                }
            }
        }
    }
    if res.element_string.is_none() && !matches!(verb.as_str(), "check" | "hri" | "dl" | "scan") {
        return Err(format!("gs1: unknown verb {verb:?}"));
    }
    Ok(if valid { 0 } else { 1 })
}

pub fn grade(argv: &[String]) -> Res {
    let _ = argv;
    Err("grade: not built yet".into())
}

pub fn serials(argv: &[String]) -> Res {
    let _ = argv;
    Err("serials: not built yet".into())
}

pub fn demo(argv: &[String]) -> Res {
    let _ = (argv, Path::new("."), Frame::luma(&[0], 1, 1, 1));
    Err("demo: not built yet".into())
}
