//! YUV4MPEG2 output, the format browsers accept as a fake camera
//! (`--use-file-for-fake-video-capture`).

use crate::frame::GrayImage;

/// Writes grey frames as a YUV4MPEG2 stream (`C420jpeg`, square pixels, progressive):
/// each frame's Y plane is the image, U and V planes are neutral (128).
///
/// All frames must share the first frame's size; frames of another size are cropped or
/// padded (with black) to it. Odd widths and heights get chroma planes rounded up, as
/// 4:2:0 requires. `fps` of 0 is written as 1. No frames give just the header of a
/// 0x0 stream.
pub fn write_y4m(frames: &[GrayImage], fps: u32) -> Vec<u8> {
    let (w, h) = frames.first().map_or((0, 0), |f| (f.width, f.height));
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    let header = format!("YUV4MPEG2 W{w} H{h} F{}:1 Ip A1:1 C420jpeg\n", fps.max(1));
    let mut out = Vec::with_capacity(header.len() + frames.len() * (6 + w * h + 2 * cw * ch));
    out.extend_from_slice(header.as_bytes());
    for f in frames {
        out.extend_from_slice(b"FRAME\n");
        for y in 0..h {
            if y < f.height {
                let row = &f.data[y * f.width..y * f.width + f.width.min(w)];
                out.extend_from_slice(row);
                out.resize(out.len() + (w - row.len()), 0);
            } else {
                out.resize(out.len() + w, 0);
            }
        }
        out.resize(out.len() + 2 * cw * ch, 128);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout() {
        let a = GrayImage::new(4, 2, 7);
        let b = GrayImage::new(4, 2, 9);
        let y = write_y4m(&[a, b], 30);
        let hdr = b"YUV4MPEG2 W4 H2 F30:1 Ip A1:1 C420jpeg\n";
        assert_eq!(&y[..hdr.len()], hdr);
        let body = &y[hdr.len()..];
        assert_eq!(body.len(), 2 * (6 + 8 + 2 * 2));
        assert_eq!(&body[..6], b"FRAME\n");
        assert_eq!(&body[6..14], &[7; 8]);
        assert_eq!(&body[14..18], &[128; 4]);
        assert_eq!(&body[24..32], &[9; 8]);
    }
}
