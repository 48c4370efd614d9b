//! The command-line tool as a user runs it: outputs, JSON shapes and exit codes
//! (0 ok, 1 negative answer, 2 unusable input).

use std::process::Command;

fn ecc200(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ecc200"))
        .args(args)
        .output()
        .expect("run ecc200");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ecc200-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

const PHARMA: &str = "(01)09506000134352(17)261231(10)ABC123(21)SN0000000001";

#[test]
fn encode_json_gives_the_matrix() {
    let (code, out, _) = ecc200(&["encode", "--json", "--gs1", PHARMA]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("{\"rows\":22,\"cols\":22,\"data_codewords\":"),
        "{out}"
    );
    assert!(out.contains("\"ec_codewords\":20"));
    let rows = out.split("\"matrix\":[").nth(1).unwrap();
    assert_eq!(rows.matches('"').count(), 2 * 22);
}

#[test]
fn encode_png_then_decode() {
    let png = tmp("pharma.png");
    let (code, _, err) = ecc200(&["encode", "--gs1", PHARMA, "-o", &png, "--scale", "6"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = ecc200(&["decode", "--json", &png]);
    assert_eq!(code, 0);
    assert!(out.contains("\"symbology_identifier\":\"]d2\""), "{out}");
    assert!(out.contains(&format!("\"gs1\":\"{PHARMA}\"")), "{out}");
    assert!(
        out.contains("\"text\":\"01095060001343521726123110ABC123\\u001d21SN0000000001\""),
        "{out}"
    );
}

#[test]
fn encode_refuses_invalid_gs1_unless_told() {
    let (code, _, err) = ecc200(&["encode", "--gs1", "(01)09506000134353(17)261231"]);
    assert_eq!(code, 2);
    assert!(err.contains("(01)") && err.lines().count() == 1, "{err}");
    let (code, _, _) = ecc200(&[
        "encode",
        "--gs1",
        "--no-validate",
        "(01)09506000134353(17)261231",
    ]);
    assert_eq!(code, 0);
}

#[test]
fn encode_options_and_errors() {
    let (code, out, _) = ecc200(&["encode", "--json", "--shape", "rect", "HELLO"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"rows\":8,\"cols\":18"), "{out}");
    let (code, out, _) = ecc200(&["encode", "--json", "--size", "26x26", "--hex", "00ff10"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"rows\":26,\"cols\":26"), "{out}");
    let (code, _, err) = ecc200(&["encode", "--hex", "0g"]);
    assert_eq!(code, 2);
    assert!(err.contains("hex"), "{err}");
    let long = "9".repeat(4000);
    let (code, _, err) = ecc200(&["encode", &long]);
    assert_eq!(code, 2);
    assert!(err.contains("codewords"), "{err}");
    let svg = tmp("s.svg");
    let (code, _, _) = ecc200(&[
        "encode", "--x-dim", "0.4", "--dpi", "600", "-o", &svg, "ABC",
    ]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<path"));
}

#[test]
fn decode_nothing_is_exit_1_and_bad_file_exit_2() {
    let blank = tmp("blank.png");
    image::GrayImage::from_pixel(64, 64, image::Luma([200u8]))
        .save(&blank)
        .unwrap();
    let (code, out, _) = ecc200(&["decode", &blank]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, _, err) = ecc200(&["decode", "/nonexistent/x.png"]);
    assert_eq!(code, 2);
    assert!(err.contains("x.png"), "{err}");
}

#[test]
fn matrix_subcommand_decodes_rows() {
    let (_, out, _) = ecc200(&["encode", "--json", "Hi"]);
    let rows: Vec<String> = out
        .split("\"matrix\":[")
        .nth(1)
        .unwrap()
        .split('"')
        .filter(|s| s.chars().all(|c| c == '0' || c == '1') && !s.is_empty())
        .map(String::from)
        .collect();
    let f = tmp("m.txt");
    std::fs::write(&f, rows.join("\n")).unwrap();
    let (code, out, _) = ecc200(&["matrix", "--json", &f]);
    assert_eq!(code, 0);
    assert!(out.contains("\"text\":\"Hi\""), "{out}");
}

#[test]
fn gs1_check_exit_codes_and_json() {
    let (code, out, _) = ecc200(&["gs1", "check", "--json", PHARMA]);
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"valid\":true"), "{out}");
    let (code, out, _) = ecc200(&["gs1", "check", "--json", "(01)09506000134352(17)261332"]);
    assert_eq!(code, 1);
    assert!(out.contains("\"rule\":\"yymmd0\""), "{out}");
    let (code, out, _) = ecc200(&["gs1", "dl", PHARMA]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("https://id.gs1.org/01/09506000134352/10/ABC123/21/SN0000000001?17=261231"),
        "{out}"
    );
    let (code, _, _) = ecc200(&["gs1"]);
    assert_eq!(code, 2);
}

#[test]
fn demo_makes_reads_and_grades() {
    let dir = tmp("demo");
    let (code, out, err) = ecc200(&["demo", "--out", &dir]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("matches the input"), "{out}");
    assert!(out.contains("ISO/IEC 15415 grade"), "{out}");
    for f in [
        "symbol.png",
        "symbol.svg",
        "frame.png",
        "annotated.png",
        "grade.json",
    ] {
        assert!(std::path::Path::new(&dir).join(f).exists(), "{f}");
    }
}

#[test]
fn serials_csv() {
    let (code, out, err) = ecc200(&[
        "serials",
        "--gs1",
        "(01)09506000134352(17)261231(10)ABC123",
        "--count",
        "5",
        "--prefix",
        "SN",
        "--width",
        "6",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(
        lines[1].starts_with("SN000001,(01)09506000134352(17)261231(10)ABC123(21)SN000001,"),
        "{out}"
    );
    let (code, _, err) = ecc200(&[
        "serials",
        "--gs1",
        "(01)09506000134352(21)X",
        "--count",
        "2",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("(21)"), "{err}");
}

#[test]
fn unknown_things_are_exit_2() {
    assert_eq!(ecc200(&["frobnicate"]).0, 2);
    assert_eq!(ecc200(&["encode", "--bogus", "x"]).0, 2);
    assert_eq!(ecc200(&[]).0, 2);
    assert_eq!(ecc200(&["--help"]).0, 0);
}
