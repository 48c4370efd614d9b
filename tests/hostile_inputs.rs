//! Huge and malformed input to every public entry point: each returns a named error
//! (or an empty result), never a panic, and never allocates in proportion to a
//! hostile size argument.

use ecc200::decode::{self, from_codewords, from_matrix, from_matrix_with_erasures};
use ecc200::encode::{self, encode, EncodeError, EncodeOptions, Segment, MAX_ITEMS};
use ecc200::frame::{FrameError, MAX_FRAME_DIM, MAX_FRAME_PIXELS};
use ecc200::geometry::{Homography, Point};
use ecc200::grade::{grade_located, GradeOptions, SymbolLocation};
use ecc200::gs1::{self, ElementString, ValidateOptions, MAX_INPUT_LEN};
use ecc200::read::{read, ReadOptions};
use ecc200::render::{to_png, RenderError, RenderOptions};
use ecc200::rs::decode::MAX_BLOCK_LEN;
use ecc200::rs::{decode_block, decode_symbol, RsError};
use ecc200::{Frame, GrayImage, ModuleMatrix, SymbolSize};

fn size(r: usize, c: usize) -> SymbolSize {
    SymbolSize::from_dims(r, c).unwrap()
}

#[test]
fn frames_zero_overflow_and_short_buffers_are_named_errors() {
    let buf = vec![0u8; 64];
    assert!(matches!(
        Frame::luma(&buf, 0, 0, 0),
        Err(FrameError::Empty { .. })
    ));
    assert!(matches!(
        Frame::luma(&buf, 8, 0, 8),
        Err(FrameError::Empty { .. })
    ));
    assert!(matches!(
        Frame::luma(&[], 1, 1, 1),
        Err(FrameError::BufferTooSmall { .. })
    ));
    // stride * height overflows usize: refused, not wrapped
    assert!(Frame::luma(&buf, 8, 8, usize::MAX).is_err());
    assert!(Frame::luma(&buf, 8, 2, usize::MAX / 2 + 1).is_err());
    assert!(matches!(
        Frame::luma(&buf, usize::MAX, usize::MAX, usize::MAX),
        Err(FrameError::TooLarge { .. })
    ));
    assert!(matches!(
        Frame::luma(
            &buf,
            MAX_FRAME_DIM,
            MAX_FRAME_PIXELS / MAX_FRAME_DIM + 1,
            MAX_FRAME_DIM
        ),
        Err(FrameError::TooLarge { .. })
    ));
    assert!(matches!(
        Frame::luma(&buf, 9, 2, 8),
        Err(FrameError::StrideTooSmall { .. })
    ));
    let e = Frame::luma(&buf, MAX_FRAME_DIM + 1, 1, MAX_FRAME_DIM + 1).unwrap_err();
    assert!(e.to_string().contains("limit"), "{e}");
}

#[test]
fn frame_accessors_are_total() {
    let buf = vec![7u8; 100];
    let f = Frame::luma(&buf, 10, 10, 10).unwrap();
    assert_eq!(f.get(10, 0), None);
    assert_eq!(f.get(usize::MAX, usize::MAX), None);
    for (x, y) in [
        (f64::NAN, 1.0),
        (f64::INFINITY, f64::NEG_INFINITY),
        (-1e300, 1e300),
    ] {
        assert!(f.sample_bilinear(x, y).is_finite());
    }
    assert!(f.row(10).is_empty());
    assert!(f.row(usize::MAX).is_empty());
    // an owned image whose fields disagree with its buffer
    let mut g = GrayImage {
        width: 10,
        height: 10,
        data: vec![],
    };
    assert_eq!(g.get(3, 3), None);
    g.set(3, 3, 1);
    assert!(g.as_frame().is_err());
    // a huge image request is clamped to the frame limits
    let g = GrayImage::new(usize::MAX, usize::MAX, 0);
    assert!(g.width <= MAX_FRAME_DIM && g.width * g.height <= MAX_FRAME_PIXELS);
    assert_eq!(g.data.len(), g.width * g.height);
}

#[cfg(feature = "image")]
#[test]
fn image_loading_refuses_garbage_and_oversized_headers() {
    use ecc200::frame::load_image;
    assert!(matches!(load_image(&[]), Err(FrameError::Image(_))));
    assert!(matches!(
        load_image(&[0xff; 1000]),
        Err(FrameError::Image(_))
    ));
    // a PGM header claiming 60000 x 60000: refused from the header, nothing decoded
    let e = load_image(b"P5\n60000 60000\n255\n\x00\x00").unwrap_err();
    assert!(
        matches!(e, FrameError::TooLarge { .. } | FrameError::Image(_)),
        "{e}"
    );
    // 16000 x 16000 is within a side but above the area limit
    let e = load_image(b"P5\n16000 16000\n255\n\x00\x00").unwrap_err();
    assert!(matches!(e, FrameError::TooLarge { .. }), "{e}");
    // truncated pixel data is an error, not a panic
    assert!(load_image(b"P5\n4 4\n255\n\x00\x00").is_err());
    // a tiny valid one loads
    let img = load_image(b"P5\n2 1\n255\n\x00\xff").unwrap();
    assert_eq!((img.width, img.height, img.data), (2, 1, vec![0, 255]));
}

#[test]
fn reading_extreme_frames_and_options() {
    let one = [128u8];
    let f = Frame::luma(&one, 1, 1, 1).unwrap();
    assert!(read(&f, &ReadOptions::default()).is_empty());
    let line = vec![0u8; 4096];
    let f = Frame::luma(&line, 4096, 1, 4096).unwrap();
    assert!(read(&f, &ReadOptions::default().thorough(true)).is_empty());
    let f = Frame::luma(&line, 1, 4096, 1).unwrap();
    assert!(read(&f, &ReadOptions::default()).is_empty());
    // checkerboard at one pixel a module, with absurd options
    let board: Vec<u8> = (0..256 * 256)
        .map(|i| if (i + i / 256) % 2 == 0 { 0 } else { 255 })
        .collect();
    let f = Frame::luma(&board, 256, 256, 256).unwrap();
    for opts in [
        ReadOptions::default()
            .max_symbols(usize::MAX)
            .work_budget(usize::MAX),
        ReadOptions::default().max_symbols(0).work_budget(0),
        ReadOptions::default().module_px_range(f64::NAN, f64::INFINITY),
        ReadOptions::default().module_px_range(1e9, -1.0),
        ReadOptions::default()
            .module_px_range(0.0, 0.0)
            .min_contrast(255),
        ReadOptions::default().min_contrast(0).thorough(true),
    ] {
        let _ = read(&f, &opts);
    }
}

#[test]
fn matrix_decode_any_dims() {
    assert!(matches!(
        from_matrix(&ModuleMatrix::new(0, 0)),
        Err(decode::DecodeError::NotASize { .. })
    ));
    assert!(from_matrix(&ModuleMatrix::new(usize::MAX, usize::MAX)).is_err());
    assert!(ModuleMatrix::from_bools(usize::MAX, 2, &[]).is_none());
    assert!(ModuleMatrix::from_strings(&["1"; 5000]).is_none());
    let m = ModuleMatrix::new(144, 144);
    assert!(from_matrix(&m).is_err());
    let all_dark = {
        let mut m = ModuleMatrix::new(144, 144);
        for r in 0..144 {
            for c in 0..144 {
                m.set(r, c, true);
            }
        }
        m
    };
    assert!(from_matrix(&all_dark).is_err());
    assert!(from_matrix_with_erasures(&all_dark, &all_dark).is_err());
    assert!(from_matrix_with_erasures(&m, &ModuleMatrix::new(3, 7)).is_err());
}

#[test]
fn codeword_decode_wrong_lengths_and_erasures() {
    let s = size(144, 144);
    assert!(matches!(
        from_codewords(&[], s),
        Err(decode::DecodeError::WrongCodewordCount { .. }
            | decode::DecodeError::ErrorCorrection(_))
    ));
    assert!(from_codewords(&vec![0xff; 100_000], s).is_err());
    let stream = vec![0u8; s.total_codewords()];
    let erasures: Vec<usize> = (0..1_000_000).map(|i| i * 7919).collect();
    assert!(decode::from_codewords_with_erasures(&stream, s, &erasures).is_err());
    assert!(decode::from_codewords_with_erasures(&stream, s, &[usize::MAX]).is_err());
    // data codewords: a megabyte of anything
    let junk: Vec<u8> = (0..1_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let e = decode::decode_data(&junk).unwrap_err();
    assert!(e.to_string().contains("1558"), "{e}");
    let largest = SymbolSize::all().map(|s| s.data_codewords()).max();
    assert_eq!(largest, Some(decode::MAX_DATA_CODEWORDS));
    let _ = decode::decode_data(&junk[..decode::MAX_DATA_CODEWORDS]);
    let _ = decode::decode_data(&[231; 1558]); // Base 256 latches
    let _ = decode::decode_data(&[241; 1558]); // ECI designators
    let _ = decode::decode_data(&[230; 1558]); // C40 latches
}

#[test]
fn rs_bad_lengths_and_erasures() {
    let mut big = vec![0u8; MAX_BLOCK_LEN + 1];
    assert!(matches!(
        decode_block(&mut big, 10, &[]),
        Err(RsError::BadBlockLength { .. })
    ));
    let mut b = vec![1u8; 20];
    assert!(matches!(
        decode_block(&mut b, 21, &[]),
        Err(RsError::BadBlockLength { .. })
    ));
    assert!(matches!(
        decode_block(&mut b, 10, &[20]),
        Err(RsError::ErasureOutOfRange { .. })
    ));
    assert!(decode_block(&mut b, 10, &[usize::MAX]).is_err());
    let many: Vec<usize> = (0..20).cycle().take(100_000).collect();
    let _ = decode_block(&mut b, 10, &many);
    let mut e: [u8; 0] = [];
    assert!(decode_block(&mut e, 0, &[]).is_ok());
    let s = size(10, 10);
    let mut short = vec![0u8; 3];
    assert!(matches!(
        decode_symbol(s, &mut short, &[]),
        Err(RsError::WrongStreamLength { .. })
    ));
}

#[test]
fn gs1_huge_and_malformed_strings() {
    let huge = "(01)".repeat(25_000_000); // 100 MB
    for r in [
        gs1::parse(&huge),
        ElementString::parse_bracketed(&huge),
        ElementString::parse_raw(huge.as_bytes()),
        ElementString::parse_digital_link(&huge),
    ] {
        let e = r.unwrap_err();
        assert!(e.to_string().contains(&MAX_INPUT_LEN.to_string()), "{e}");
    }
    let scan = format!("]d2{}", "1".repeat(100_000_000));
    let e = ElementString::parse_scan_data(scan.as_bytes()).unwrap_err();
    assert!(e.to_string().contains(&MAX_INPUT_LEN.to_string()), "{e}");
    let dl = format!(
        "https://id.gs1.org/01/09506000134352?{}",
        "17=201225&".repeat(10_000_000)
    );
    assert!(ElementString::parse_digital_link(&dl).is_err());
    assert!(!gs1::check(&huge, &ValidateOptions::default()).is_valid());
    for bad in [
        "",
        "(",
        ")",
        "()",
        "(01",
        "(01)",
        "(999999)1",
        "]",
        "]d",
        "]d2",
        "\u{1d}",
        "(01)\u{0}",
        "http://",
        "https://x/01/",
        "(10)\\",
        "(((((((",
    ] {
        let _ = gs1::parse(bad);
    }
    let mut es = ElementString::new();
    assert!(es.push("01", &"9".repeat(10_000_000)).is_err());
    assert!(es.push(&"1".repeat(1_000_000), "x").is_err());
    let es = ElementString::parse("(01)09506000134352").unwrap();
    let _ = es.to_digital_link(&"x".repeat(10_000_000));
}

#[test]
fn encode_megabyte_and_odd_options() {
    let mb = vec![b'A'; 1_000_000];
    match encode(&mb, &EncodeOptions::default()) {
        Err(EncodeError::DataTooLong { needed, .. }) => assert!(needed > MAX_ITEMS / 2),
        other => panic!("expected DataTooLong, got {other:?}"),
    }
    assert!(encode(&vec![0xff; 1_000_000], &EncodeOptions::default().gs1(true)).is_err());
    let segs: Vec<Segment> = (0..1_000_000).map(|_| Segment::Eci(3)).collect();
    assert!(encode::encode_segments(&segs, &EncodeOptions::default()).is_err());
    let empties: Vec<Segment> = (0..1_000_000).map(|_| Segment::Data(&[])).collect();
    let _ = encode::encode_segments(&empties, &EncodeOptions::default());
    assert!(matches!(
        encode(b"1", &EncodeOptions::default().eci(Some(u32::MAX))),
        Err(EncodeError::BadEci { .. })
    ));
    assert!(encode(b"1", &EncodeOptions::default().max_rows(Some(0))).is_err());
    assert!(encode(b"1", &EncodeOptions::default().max_cols(Some(usize::MAX))).is_ok());
    assert!(encode(b"", &EncodeOptions::default()).is_ok());
}

fn located_symbol() -> (Vec<u8>, usize, usize, SymbolSize) {
    let sym = encode(b"HOSTILE", &EncodeOptions::default()).unwrap();
    let px = 4;
    let (w, h) = ((sym.cols() + 4) * px, (sym.rows() + 4) * px);
    let mut img = vec![240u8; w * h];
    for r in 0..sym.rows() {
        for c in 0..sym.cols() {
            if sym.matrix().get(r, c) {
                for y in 0..px {
                    for x in 0..px {
                        img[((r + 2) * px + y) * w + (c + 2) * px + x] = 15;
                    }
                }
            }
        }
    }
    (img, w, h, sym.size())
}

#[test]
fn grading_with_nan_and_degenerate_homographies() {
    let (img, w, h, s) = located_symbol();
    let f = Frame::luma(&img, w, h, w).unwrap();
    let good = Homography::similarity(4.0, 0.0, 8.0, 8.0);
    assert!(grade_located(
        &f,
        &SymbolLocation {
            size: s,
            module_to_pixel: good,
            mirrored: false,
            inverted: false,
        },
        &GradeOptions::default()
    )
    .is_ok());
    let nan = f64::NAN;
    for m in [
        [nan; 9],
        [0.0; 9],
        [
            f64::INFINITY,
            0.0,
            0.0,
            0.0,
            f64::INFINITY,
            0.0,
            0.0,
            0.0,
            1.0,
        ],
        [1e300, 0.0, 0.0, 0.0, 1e300, 0.0, 0.0, 0.0, 1.0],
        [1e-300, 0.0, 0.0, 0.0, 1e-300, 0.0, 0.0, 0.0, 1.0],
        [4.0, 0.0, -1e9, 0.0, 4.0, 1e9, 0.0, 0.0, 1.0],
        [4.0, 0.0, 8.0, 0.0, 4.0, 8.0, 1.0, 1.0, 0.0],
    ] {
        let loc = SymbolLocation {
            size: s,
            module_to_pixel: Homography::from_matrix(m),
            mirrored: false,
            inverted: false,
        };
        if let Ok(rep) = grade_located(&f, &loc, &GradeOptions::default()) {
            assert!(rep.grade.is_finite());
        }
    }
    // a location of the wrong size, mirrored, over a one-pixel frame
    let big = SymbolLocation {
        size: size(144, 144),
        module_to_pixel: good,
        mirrored: true,
        inverted: false,
    };
    let _ = grade_located(&f, &big, &GradeOptions::default());
    let one = [0u8];
    let f1 = Frame::luma(&one, 1, 1, 1).unwrap();
    let _ = grade_located(&f1, &big, &GradeOptions::default());
    for opts in [
        GradeOptions::default().dpi(nan),
        GradeOptions::default()
            .dpi(0.0)
            .aperture(ecc200::grade::Aperture::Mils(5.0)),
        GradeOptions::default().aperture(ecc200::grade::Aperture::XFraction(nan)),
        GradeOptions::default()
            .aperture(ecc200::grade::Aperture::Mm(1e300))
            .dpi(1e300),
        GradeOptions::default()
            .min_pixels_per_module(nan)
            .low_resolution_is_error(true),
        GradeOptions::default().wavelength_nm(u32::MAX),
    ] {
        let loc = SymbolLocation {
            size: s,
            module_to_pixel: good,
            mirrored: false,
            inverted: false,
        };
        let _ = grade_located(&f, &loc, &opts);
    }
    assert!(matches!(
        ecc200::grade::grade_many(&[], &GradeOptions::default()),
        Err(ecc200::GradeError::NoImages)
    ));
    let corners = [Point { x: nan, y: 0.0 }; 4];
    assert!(Homography::from_rect(10.0, 10.0, corners)
        .is_none_or(|h| !h.map(Point { x: 1.0, y: 1.0 }).x.is_finite()));
}

#[test]
fn render_limits() {
    let m = ModuleMatrix::new(144, 144);
    assert!(matches!(
        to_png(&ModuleMatrix::new(0, 0), &RenderOptions::default()),
        Err(RenderError::EmptyMatrix)
    ));
    assert!(matches!(
        to_png(&m, &RenderOptions::default().module_px(u32::MAX)),
        Err(RenderError::TooLarge { .. })
    ));
    assert!(matches!(
        to_png(&m, &RenderOptions::default().module_px(0)),
        Err(RenderError::ZeroModuleSize)
    ));
    assert!(to_png(&m, &RenderOptions::default().quiet_zone(u32::MAX)).is_err());
    assert!(to_png(&m, &RenderOptions::default().x_dim(f64::NAN, 600)).is_err());
    // colours matter to SVG only
    let long = "#".repeat(1_000_000);
    let e = ecc200::render::to_svg(&m, &RenderOptions::default().colors(&long, None)).unwrap_err();
    assert!(e.to_string().len() < 200, "{e}");
}
