//! Camera frames: a borrowed 8-bit grayscale view with a stride, checked on
//! construction, and an owned buffer for frames the library makes itself.

#![deny(clippy::indexing_slicing)]

use std::fmt;

/// Largest frame dimension accepted (pixels). Larger frames are refused with
/// [`FrameError::TooLarge`] rather than risking huge allocations downstream.
pub const MAX_FRAME_DIM: usize = 16_384;
/// Largest frame area accepted (pixels): 8K UHD is 33.2 M; this admits 64 M.
pub const MAX_FRAME_PIXELS: usize = 64 << 20;

/// Most bytes an image decoder may hold at once in [`load_image`] (256 MiB: a
/// [`MAX_FRAME_PIXELS`] RGB image with its grey copy).
pub const MAX_IMAGE_ALLOC: u64 = 256 << 20;

/// Why a frame could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrameError {
    /// Width or height is zero.
    Empty {
        /// Width asked for.
        width: usize,
        /// Height asked for.
        height: usize,
    },
    /// The stride is smaller than the row length.
    StrideTooSmall {
        /// Row length in bytes.
        width: usize,
        /// Stride given.
        stride: usize,
    },
    /// The buffer is shorter than `stride * (height - 1) + width * channels`.
    BufferTooSmall {
        /// Bytes needed.
        needed: usize,
        /// Bytes given.
        len: usize,
    },
    /// A dimension or the area is above the documented limit.
    TooLarge {
        /// Width asked for.
        width: usize,
        /// Height asked for.
        height: usize,
        /// Largest side accepted ([`MAX_FRAME_DIM`]).
        max_dim: usize,
        /// Largest area accepted ([`MAX_FRAME_PIXELS`]).
        max_pixels: usize,
    },
    /// A pixel layout this conversion does not handle.
    BadLayout(String),
    /// An image file could not be decoded (bad data, unsupported format, or the
    /// decoder's allocation limit [`MAX_IMAGE_ALLOC`] was hit).
    Image(String),
    /// The distance from one pixel to the next is smaller than a pixel.
    PixelStrideTooSmall {
        /// Bytes one pixel of the layout needs.
        bytes_per_pixel: usize,
        /// Pixel stride given.
        pixel_stride: usize,
    },
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Empty { width, height } => write!(f, "frame is empty ({width}x{height})"),
            FrameError::StrideTooSmall { width, stride } => {
                write!(f, "stride {stride} is smaller than the row length {width}")
            }
            FrameError::BufferTooSmall { needed, len } => {
                write!(f, "frame buffer holds {len} bytes, {needed} needed")
            }
            FrameError::TooLarge { width, height, max_dim, max_pixels } => write!(
                f,
                "frame {width}x{height} exceeds the limit ({max_dim} pixels a side, {max_pixels} pixels in all)"
            ),
            FrameError::BadLayout(s) => write!(f, "unsupported pixel layout: {s}"),
            FrameError::Image(s) => write!(f, "cannot decode image: {s}"),
            FrameError::PixelStrideTooSmall {
                bytes_per_pixel,
                pixel_stride,
            } => write!(
                f,
                "pixel stride {pixel_stride} is smaller than the pixel size {bytes_per_pixel}"
            ),
        }
    }
}

impl std::error::Error for FrameError {}

/// A borrowed 8-bit grayscale frame (0 = black, 255 = white).
#[derive(Clone, Copy)]
pub struct Frame<'a> {
    data: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Frame({}x{}, stride {})",
            self.width, self.height, self.stride
        )
    }
}

impl<'a> Frame<'a> {
    /// A view of `data` as `height` rows of `width` pixels, each row `stride` bytes after
    /// the previous one. No copy.
    pub fn luma(
        data: &'a [u8],
        width: usize,
        height: usize,
        stride: usize,
    ) -> Result<Frame<'a>, FrameError> {
        check_pixels(data.len(), width, height, stride, 1, PixelLayout::Gray8)?;
        Ok(Frame {
            data,
            width,
            height,
            stride,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }
    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }
    /// Bytes from one row to the next.
    pub fn stride(&self) -> usize {
        self.stride
    }
    /// The underlying buffer.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Row `y` (exactly `width` pixels); empty for `y` at or past `height`.
    #[inline]
    pub fn row(&self, y: usize) -> &'a [u8] {
        if y >= self.height {
            return &[];
        }
        // in range: the constructor checked stride * (height - 1) + width <= len
        let s = y * self.stride;
        self.data.get(s..s + self.width).unwrap_or(&[])
    }

    /// The pixel at (x, y), or `None` outside the frame.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> Option<u8> {
        if x < self.width && y < self.height {
            self.data.get(y * self.stride + x).copied()
        } else {
            None
        }
    }

    /// Bilinear interpolation at (x, y) in pixel coordinates where pixel (i, j) covers
    /// [i, i+1) x [j, j+1) with its centre at (i + 0.5, j + 0.5). Clamped at the edges;
    /// a NaN coordinate samples the first column or row, so the result is always finite.
    #[inline]
    pub fn sample_bilinear(&self, x: f64, y: f64) -> f64 {
        // f64::max turns NaN into 0.0; min then clamps
        let fx = (x - 0.5).max(0.0).min(self.width.saturating_sub(1) as f64);
        let fy = (y - 0.5).max(0.0).min(self.height.saturating_sub(1) as f64);
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (ax, ay) = (fx - x0 as f64, fy - y0 as f64);
        // x < width, y < height: the view was checked to hold every such pixel, so
        // `get` always finds it (0 would stand in for a pixel outside the data)
        let p = |x: usize, y: usize| {
            self.data
                .get(y * self.stride + x)
                .map_or(0.0, |&v| f64::from(v))
        };
        let top = p(x0, y0) * (1.0 - ax) + p(x1, y0) * ax;
        let bot = p(x0, y1) * (1.0 - ax) + p(x1, y1) * ax;
        top * (1.0 - ay) + bot * ay
    }
}

/// An owned grayscale image (row-major, stride = width).
#[derive(Clone, PartialEq, Eq)]
pub struct GrayImage {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` bytes, row-major.
    pub data: Vec<u8>,
}

impl fmt::Debug for GrayImage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GrayImage({}x{})", self.width, self.height)
    }
}

impl GrayImage {
    /// A `width x height` image filled with `value`. Like a [`Frame`], it is limited to
    /// [`MAX_FRAME_DIM`] a side and [`MAX_FRAME_PIXELS`] in all: larger requests are
    /// clamped (the width first, then the height), never allocated.
    pub fn new(width: usize, height: usize, value: u8) -> GrayImage {
        let width = width.min(MAX_FRAME_DIM);
        let height = height
            .min(MAX_FRAME_DIM)
            .min(MAX_FRAME_PIXELS / width.max(1));
        GrayImage {
            width,
            height,
            data: vec![value; width * height],
        }
    }

    /// A borrowed view (fails only for empty or over-limit images).
    pub fn as_frame(&self) -> Result<Frame<'_>, FrameError> {
        Frame::luma(&self.data, self.width, self.height, self.width)
    }

    /// The pixel at (x, y), or `None` outside.
    pub fn get(&self, x: usize, y: usize) -> Option<u8> {
        if x < self.width && y < self.height {
            self.data.get(y * self.width + x).copied()
        } else {
            None
        }
    }

    /// Sets the pixel at (x, y); outside (or beyond a short `data`) is ignored.
    pub fn set(&mut self, x: usize, y: usize, v: u8) {
        if x < self.width && y < self.height {
            if let Some(p) = self.data.get_mut(y * self.width + x) {
                *p = v;
            }
        }
    }
}

/// Pixel layouts [`luma_into`] converts to luma. (The Y plane of a YUV frame already is
/// luma: it is [`PixelLayout::Gray8`] with its row stride, or view it with
/// [`Frame::luma`] without a copy.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PixelLayout {
    /// One byte per pixel, grey.
    Gray8,
    /// Two bytes per pixel: grey, alpha (composited over white).
    GrayAlpha8,
    /// Three bytes per pixel: red, green, blue.
    Rgb8,
    /// Four bytes per pixel: red, green, blue, alpha (composited over white).
    Rgba8,
    /// Three bytes per pixel: blue, green, red.
    Bgr8,
    /// Four bytes per pixel: blue, green, red, alpha (composited over white).
    Bgra8,
}

impl PixelLayout {
    /// Bytes per pixel.
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            PixelLayout::Gray8 => 1,
            PixelLayout::GrayAlpha8 => 2,
            PixelLayout::Rgb8 | PixelLayout::Bgr8 => 3,
            PixelLayout::Rgba8 | PixelLayout::Bgra8 => 4,
        }
    }
}

/// Checks that `len` bytes hold `height` rows of `width` pixels of `layout`, row `y`
/// starting at byte `y * row_stride`, pixel `x` of a row at byte `x * pixel_stride` of
/// it (strides in bytes). Rows may overlap the padding of others but each row's span,
/// `(width - 1) * pixel_stride + bytes_per_pixel`, must fit in `row_stride`, and the
/// last row need not be padded. Errors, in this order: [`FrameError::Empty`],
/// [`FrameError::TooLarge`] (over [`MAX_FRAME_DIM`] a side or [`MAX_FRAME_PIXELS`]),
/// [`FrameError::PixelStrideTooSmall`], [`FrameError::StrideTooSmall`],
/// [`FrameError::BufferTooSmall`]. Never overflows: sizes saturate.
pub fn check_pixels(
    len: usize,
    width: usize,
    height: usize,
    row_stride: usize,
    pixel_stride: usize,
    layout: PixelLayout,
) -> Result<(), FrameError> {
    let bpp = layout.bytes_per_pixel();
    check_size(width, height)?;
    if pixel_stride < bpp {
        return Err(FrameError::PixelStrideTooSmall {
            bytes_per_pixel: bpp,
            pixel_stride,
        });
    }
    let span = pixel_stride.saturating_mul(width - 1).saturating_add(bpp);
    if row_stride < span {
        return Err(FrameError::StrideTooSmall {
            width: span,
            stride: row_stride,
        });
    }
    let needed = row_stride.saturating_mul(height - 1).saturating_add(span);
    if len < needed {
        return Err(FrameError::BufferTooSmall { needed, len });
    }
    Ok(())
}

/// Refuses empty and over-limit sizes.
fn check_size(width: usize, height: usize) -> Result<(), FrameError> {
    if width == 0 || height == 0 {
        return Err(FrameError::Empty { width, height });
    }
    if width > MAX_FRAME_DIM
        || height > MAX_FRAME_DIM
        || width.saturating_mul(height) > MAX_FRAME_PIXELS
    {
        return Err(FrameError::TooLarge {
            width,
            height,
            max_dim: MAX_FRAME_DIM,
            max_pixels: MAX_FRAME_PIXELS,
        });
    }
    Ok(())
}

/// 65536 x the BT.601 luma of (r, g, b): weights round(65536 x 0.299, 0.587, 0.114)
/// = 19595, 38470, 7471, which sum to 65536 (white stays 255 x 65536).
#[inline(always)]
fn y16(r: u32, g: u32, b: u32) -> u32 {
    19_595 * r + 38_470 * g + 7_471 * b
}

/// The four bytes of a pixel as one little-endian word: lane-wise shifts and masks
/// vectorize better than byte shuffles.
#[inline(always)]
fn y16_alpha_of_word(p: [u8; 4], red_first: bool) -> (u32, u32) {
    let v = u32::from_le_bytes(p);
    let (c0, g, c2) = (v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff);
    let y = if red_first {
        y16(c0, g, c2)
    } else {
        y16(c2, g, c0)
    };
    (y, v >> 24)
}

/// `y16 / 65536` rounded half up.
#[inline(always)]
fn opaque(y16: u32) -> u8 {
    ((y16 + 32_768) >> 16) as u8
}

/// `y16 / 65536` composited over white with alpha `a`, rounded half up once:
/// `(y16 a + K (255 - a) + K / 2) / K` with `K = 65536 x 255`. The sum is at most
/// `K x 255 + K / 2 < 2^32`: no overflow. Division free, so the loop vectorizes:
/// `t / K = (t >> 16) / 255` (nested floors), and `x / 255 = (x x 32897) >> 23` for
/// every `x < 65536` (checked exhaustively by a test).
#[inline(always)]
fn over_white(y16: u32, a: u32) -> u8 {
    const K: u32 = 65_536 * 255;
    let t = y16 * a + K * (255 - a) + K / 2;
    (((t >> 16) * 32_897) >> 23) as u8
}

/// Converts one row: pixel `i` of `out` from the `N` bytes at `i * ps` of `row`
/// (`row` holds `(out.len() - 1) * ps + N` bytes or more; `ps >= N`).
#[inline(always)]
fn convert_row<const N: usize>(row: &[u8], ps: usize, out: &mut [u8], f: impl Fn([u8; N]) -> u8) {
    if ps == N {
        // packed: fixed-size pixels without bounds checks, so the loop vectorizes
        let (px, _) = row.as_chunks::<N>();
        for (o, p) in out.iter_mut().zip(px) {
            *o = f(*p);
        }
    } else {
        // every chunk of ps bytes (the last one shorter) holds at least N bytes
        for (o, c) in out.iter_mut().zip(row.chunks(ps)) {
            if let Some(p) = c.first_chunk::<N>() {
                *o = f(*p);
            }
        }
    }
}

/// Converts pixels of any [`PixelLayout`] to 8-bit luma (0 black, 255 white), row-major
/// with stride `width`, into `out` (resized to `width * height`; its allocation is
/// reused, so converting frames of one size allocates only the first time).
///
/// Row `y` starts at byte `y * row_stride` of `data`; pixel `x` of a row at byte
/// `x * pixel_stride` of it (`None`: packed, the layout's
/// [`bytes_per_pixel`](PixelLayout::bytes_per_pixel)). A larger pixel stride skips
/// bytes, e.g. `Rgb8` with stride 4 reads RGBX, `Gray8` with stride 2 reads the Y of
/// YUYV. Sizes and strides are checked first by [`check_pixels`]; on error `out` is
/// unchanged.
///
/// The conversion, all integer and the same on every platform:
/// - luma (ITU-R BT.601 weights in 16-bit fixed point):
///   `Y16 = 19595 R + 38470 G + 7471 B` (the weights are 65536 x 0.299, 0.587, 0.114
///   rounded, summing to 65536); grey `V` is `Y16 = 65536 V`;
/// - opaque layouts: `Y = (Y16 + 32768) >> 16`, i.e. `Y16 / 65536` rounded half up;
/// - with alpha `A`, composited over white (a transparent background reads as paper,
///   as on a printed label), rounded once:
///   `Y = (Y16 A + K (255 - A) + K / 2) / K` with `K = 65536 x 255`, i.e.
///   `Y16 / 65536 x A / 255 + (255 - A)` rounded half up. Alpha is straight (not
///   premultiplied), as in PNG files and canvas `ImageData`.
///
/// The result equals `round(0.299 R + 0.587 G + 0.114 B)` (composited likewise) but
/// where that value lies within 0.002 of a half, where it may be one level off.
pub fn luma_into(
    data: &[u8],
    width: usize,
    height: usize,
    row_stride: usize,
    pixel_stride: Option<usize>,
    layout: PixelLayout,
    out: &mut Vec<u8>,
) -> Result<(), FrameError> {
    let bpp = layout.bytes_per_pixel();
    let ps = pixel_stride.unwrap_or(bpp);
    check_pixels(data.len(), width, height, row_stride, ps, layout)?;
    // checked: width * height <= MAX_FRAME_PIXELS, and every row span lies in data
    let span = ps * (width - 1) + bpp;
    out.resize(width * height, 0);
    for (y, orow) in out.chunks_exact_mut(width).enumerate() {
        let start = y * row_stride;
        let row = data
            .get(start..start + span)
            .ok_or(FrameError::BufferTooSmall {
                needed: start + span,
                len: data.len(),
            })?;
        match layout {
            PixelLayout::Gray8 if ps == 1 => orow.copy_from_slice(row),
            PixelLayout::Gray8 => convert_row::<1>(row, ps, orow, |[v]| v),
            PixelLayout::GrayAlpha8 => convert_row::<2>(row, ps, orow, |[v, a]| {
                over_white(u32::from(v) << 16, u32::from(a))
            }),
            PixelLayout::Rgb8 => convert_row::<3>(row, ps, orow, |[r, g, b]| {
                opaque(y16(r.into(), g.into(), b.into()))
            }),
            PixelLayout::Bgr8 => convert_row::<3>(row, ps, orow, |[b, g, r]| {
                opaque(y16(r.into(), g.into(), b.into()))
            }),
            PixelLayout::Rgba8 => convert_row::<4>(row, ps, orow, |p| {
                let (y, a) = y16_alpha_of_word(p, true);
                over_white(y, a)
            }),
            PixelLayout::Bgra8 => convert_row::<4>(row, ps, orow, |p| {
                let (y, a) = y16_alpha_of_word(p, false);
                over_white(y, a)
            }),
        }
    }
    Ok(())
}

impl GrayImage {
    /// Converts a colour (or grey) frame to luma with [`luma_into`] (packed pixels;
    /// `stride` is the row stride in bytes). BT.601 weights, alpha over white.
    pub fn from_pixels(
        data: &[u8],
        width: usize,
        height: usize,
        stride: usize,
        layout: PixelLayout,
    ) -> Result<GrayImage, FrameError> {
        let mut out = Vec::new();
        luma_into(data, width, height, stride, None, layout, &mut out)?;
        Ok(GrayImage {
            width,
            height,
            data: out,
        })
    }
}

/// Decodes an image file held in memory (any format the `image` feature enables: PNG,
/// JPEG, WebP, PNM, BMP, TIFF) to grey, colour and alpha converted by [`luma_into`]
/// (BT.601, alpha over white), so a file and the same pixels given as an array read
/// alike. 16-bit and float images are first reduced to 8 bits per channel.
///
/// Limits: the header's dimensions are checked before any pixel is decoded, against
/// [`MAX_FRAME_DIM`] a side and [`MAX_FRAME_PIXELS`] in all ([`FrameError::TooLarge`]);
/// the decoder may hold at most [`MAX_IMAGE_ALLOC`] bytes at once. An unreadable file
/// (bad data, unknown format, allocation limit) is [`FrameError::Image`]; a zero-sized
/// one [`FrameError::Empty`].
#[cfg(feature = "image")]
pub fn load_image(bytes: &[u8]) -> Result<GrayImage, FrameError> {
    use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_FRAME_DIM as u32);
    limits.max_image_height = Some(MAX_FRAME_DIM as u32);
    limits.max_alloc = Some(MAX_IMAGE_ALLOC);
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| FrameError::Image(e.to_string()))?;
    reader.limits(limits);
    let decoder = reader
        .into_decoder()
        .map_err(|e| FrameError::Image(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    check_size(w as usize, h as usize)?;
    let img = DynamicImage::from_decoder(decoder).map_err(|e| FrameError::Image(e.to_string()))?;
    let (width, height) = (img.width() as usize, img.height() as usize);
    let (raw, layout) = match img {
        DynamicImage::ImageLuma8(g) => {
            // already grey: use the buffer as it is
            check_pixels(
                g.as_raw().len(),
                width,
                height,
                width,
                1,
                PixelLayout::Gray8,
            )?;
            return Ok(GrayImage {
                width,
                height,
                data: g.into_raw(),
            });
        }
        DynamicImage::ImageLumaA8(g) => (g.into_raw(), PixelLayout::GrayAlpha8),
        DynamicImage::ImageRgb8(g) => (g.into_raw(), PixelLayout::Rgb8),
        DynamicImage::ImageRgba8(g) => (g.into_raw(), PixelLayout::Rgba8),
        other if other.color().has_alpha() => (other.to_rgba8().into_raw(), PixelLayout::Rgba8),
        other if other.color().has_color() => (other.to_rgb8().into_raw(), PixelLayout::Rgb8),
        other => (other.to_luma8().into_raw(), PixelLayout::Gray8),
    };
    let row = width.saturating_mul(layout.bytes_per_pixel());
    let mut data = Vec::new();
    luma_into(&raw, width, height, row, None, layout, &mut data)?;
    Ok(GrayImage {
        width,
        height,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_to_luma() {
        // 2x1 RGB with a padded stride of 8 bytes: white, red
        let rgb = [255, 255, 255, 255, 0, 0, 9, 9];
        let g = GrayImage::from_pixels(&rgb, 2, 1, 8, PixelLayout::Rgb8).unwrap();
        // red: 0.299 x 255 = 76.2
        assert_eq!(g.data, vec![255, 76]);
        // opaque BGRA: red, blue (0.114 x 255 = 29.1)
        let bgra = [0, 0, 255, 255, 255, 0, 0, 255];
        let g = GrayImage::from_pixels(&bgra, 2, 1, 8, PixelLayout::Bgra8).unwrap();
        assert_eq!(g.data, vec![76, 29]);
        // green 0.587 x 255 = 149.7
        let g = GrayImage::from_pixels(&[0, 255, 0], 1, 1, 3, PixelLayout::Bgr8).unwrap();
        assert_eq!(g.data, vec![150]);
        // alpha over white: transparent black is white, half-transparent black mid-grey
        let rgba = [0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 255];
        let g = GrayImage::from_pixels(&rgba, 3, 1, 12, PixelLayout::Rgba8).unwrap();
        assert_eq!(g.data, vec![255, 127, 0]);
        let ga = [0, 0, 40, 255, 0, 51];
        let g = GrayImage::from_pixels(&ga, 3, 1, 6, PixelLayout::GrayAlpha8).unwrap();
        // 255 - 51 = 204
        assert_eq!(g.data, vec![255, 40, 204]);
        assert!(matches!(
            GrayImage::from_pixels(&rgb, 3, 1, 8, PixelLayout::Rgba8),
            Err(FrameError::StrideTooSmall { .. })
        ));
        assert!(GrayImage::from_pixels(&[], 0, 0, 0, PixelLayout::Gray8).is_err());
    }

    /// The naive float reference: BT.601 luma, composited over white, rounded.
    fn reference(r: u8, g: u8, b: u8, a: u8) -> f64 {
        let y = 0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64;
        let a = a as f64 / 255.0;
        y * a + 255.0 * (1.0 - a)
    }

    #[test]
    fn matches_float_reference() {
        let alphas = [0u8, 1, 2, 63, 64, 127, 128, 129, 200, 254, 255];
        let mut out = Vec::new();
        let (mut n, mut off) = (0usize, 0usize);
        for r in (0..=255u8).step_by(5) {
            for g in (0..=255u8).step_by(3) {
                // one row per (r, g): every b, in all four colour layouts
                let mut rgba = Vec::new();
                let mut rgb = Vec::new();
                let mut bgra = Vec::new();
                let mut want = Vec::new();
                for b in 0..=255u8 {
                    let a = *alphas.iter().cycle().nth(b as usize + g as usize).unwrap();
                    rgba.extend([r, g, b, a]);
                    bgra.extend([b, g, r, a]);
                    rgb.extend([r, g, b]);
                    want.push((reference(r, g, b, a), reference(r, g, b, 255)));
                }
                for (data, layout) in [
                    (&rgba, PixelLayout::Rgba8),
                    (&bgra, PixelLayout::Bgra8),
                    (&rgb, PixelLayout::Rgb8),
                ] {
                    luma_into(data, 256, 1, data.len(), None, layout, &mut out).unwrap();
                    for (&got, &(wa, wo)) in out.iter().zip(&want) {
                        let w = if layout == PixelLayout::Rgb8 { wo } else { wa };
                        let d = (got as f64 - w.round()).abs();
                        assert!(d <= 1.0, "{layout:?} got {got} want {w}");
                        n += 1;
                        if d != 0.0 {
                            off += 1;
                            // only where the float value is all but a half
                            assert!((w - w.floor() - 0.5).abs() < 0.002, "{got} vs {w}");
                        }
                    }
                }
            }
        }
        assert!(n > 1_000_000 && off * 1000 < n, "{off} of {n} differ");
        // grey with alpha: exact
        for v in 0..=255u8 {
            for a in alphas {
                luma_into(&[v, a], 1, 1, 2, None, PixelLayout::GrayAlpha8, &mut out).unwrap();
                let want = reference(v, v, v, a).round();
                assert_eq!(out.first().map(|&o| f64::from(o)), Some(want), "{v} {a}");
            }
        }
    }

    #[test]
    fn division_free_compositing_is_exact() {
        for x in 0..65_536u32 {
            assert_eq!((x * 32_897) >> 23, x / 255, "{x}");
        }
        const K: u64 = 65_536 * 255;
        for a in 0..=255u8 {
            for y16 in (0..=K as u32).step_by(251).chain([K as u32]) {
                let exact = (u64::from(y16) * u64::from(a) + K * (255 - u64::from(a)) + K / 2) / K;
                assert_eq!(u64::from(over_white(y16, a.into())), exact, "{y16} {a}");
            }
        }
    }

    #[test]
    fn awkward_strides() {
        // 7x5 RGB pixels 5 bytes apart (RGB + 2 junk), rows 41 bytes apart, the last
        // row unpadded: the same as the packed conversion
        let (w, h, ps, rs) = (7usize, 5usize, 5usize, 41usize);
        let mut sparse = vec![0xEEu8; rs * (h - 1) + ps * (w - 1) + 3];
        let mut packed = Vec::new();
        let mut grey = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let px = [(x * 37 + y * 11) as u8, (x * 5 + 200) as u8, (y * 50) as u8];
                sparse
                    .get_mut(y * rs + x * ps..y * rs + x * ps + 3)
                    .unwrap()
                    .copy_from_slice(&px);
                packed.extend(px);
                grey.push(px[0]);
            }
        }
        let mut a = Vec::new();
        let mut b = Vec::new();
        luma_into(&sparse, w, h, rs, Some(ps), PixelLayout::Rgb8, &mut a).unwrap();
        luma_into(&packed, w, h, w * 3, None, PixelLayout::Rgb8, &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.len(), w * h);
        // Gray8 with a pixel stride: the first byte of each pixel (a Y plane in YUYV)
        luma_into(&sparse, w, h, rs, Some(ps), PixelLayout::Gray8, &mut a).unwrap();
        assert_eq!(a, grey);
        // the buffer one byte short of the last pixel
        let short = sparse.split_last().unwrap().1;
        assert_eq!(
            luma_into(short, w, h, rs, Some(ps), PixelLayout::Rgb8, &mut a),
            Err(FrameError::BufferTooSmall {
                needed: sparse.len(),
                len: sparse.len() - 1
            })
        );
        // on error the output is unchanged
        assert_eq!(a, grey);
        // a row stride below the row span (6 x 5 + 3 = 33)
        assert_eq!(
            luma_into(&sparse, w, h, 32, Some(ps), PixelLayout::Rgb8, &mut a),
            Err(FrameError::StrideTooSmall {
                width: 33,
                stride: 32
            })
        );
        assert_eq!(
            luma_into(&sparse, w, h, rs, Some(2), PixelLayout::Rgb8, &mut a),
            Err(FrameError::PixelStrideTooSmall {
                bytes_per_pixel: 3,
                pixel_stride: 2
            })
        );
        // hostile strides saturate instead of overflowing
        for (rs, ps) in [
            (usize::MAX, None),
            (usize::MAX, Some(usize::MAX)),
            (1, Some(usize::MAX)),
        ] {
            assert!(luma_into(&sparse, w, h, rs, ps, PixelLayout::Rgba8, &mut a).is_err());
        }
        assert!(matches!(
            luma_into(
                &sparse,
                20_000,
                1,
                usize::MAX,
                None,
                PixelLayout::Gray8,
                &mut a
            ),
            Err(FrameError::TooLarge { .. })
        ));
        assert!(matches!(
            luma_into(&sparse, 0, 3, 10, None, PixelLayout::Gray8, &mut a),
            Err(FrameError::Empty { .. })
        ));
    }

    #[test]
    fn reuses_the_output_buffer() {
        let frame = vec![90u8; 64 * 48 * 4];
        let mut out = Vec::new();
        luma_into(&frame, 64, 48, 256, None, PixelLayout::Bgra8, &mut out).unwrap();
        let (ptr, cap) = (out.as_ptr(), out.capacity());
        for layout in [PixelLayout::Rgba8, PixelLayout::Gray8, PixelLayout::Rgb8] {
            luma_into(&frame, 64, 48, 256, None, layout, &mut out).unwrap();
            assert_eq!((out.as_ptr(), out.capacity()), (ptr, cap));
            assert_eq!(out.len(), 64 * 48);
        }
        // a smaller frame fits in the same buffer
        luma_into(&frame, 10, 10, 256, None, PixelLayout::Rgb8, &mut out).unwrap();
        assert_eq!((out.as_ptr(), out.len()), (ptr, 100));
        assert!(out.iter().all(|&v| v == 90));
    }

    #[cfg(feature = "image")]
    #[test]
    fn image_files() {
        use image::{ImageBuffer, ImageFormat, Rgba};
        // RGBA PNG: transparent black, opaque red, half-transparent black
        let img = ImageBuffer::<Rgba<u8>, _>::from_raw(
            3,
            1,
            vec![0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 128],
        )
        .unwrap();
        let mut png = std::io::Cursor::new(Vec::new());
        img.write_to(&mut png, ImageFormat::Png).unwrap();
        let g = load_image(png.get_ref()).unwrap();
        assert_eq!((g.width, g.height, g.data), (3, 1, vec![255, 76, 127]));
        // grey PGM
        let g = load_image(b"P5\n2 2\n255\n\x00\x10\x20\x30").unwrap();
        assert_eq!(g.data, vec![0, 16, 32, 48]);
        // not an image
        assert!(matches!(
            load_image(b"hello, world"),
            Err(FrameError::Image(_))
        ));
        assert!(matches!(load_image(&[]), Err(FrameError::Image(_))));
        // a truncated file
        assert!(matches!(
            load_image(png.get_ref().get(..40).unwrap()),
            Err(FrameError::Image(_))
        ));
        // over the area limit (each side within it): refused from the header alone
        assert!(matches!(
            load_image(b"P5\n16000 16000\n255\n\x00"),
            Err(FrameError::TooLarge {
                width: 16000,
                height: 16000,
                ..
            })
        ));
        // over the side limit: refused by the decoder limits or by the size check
        let e = load_image(b"P5\n20000 10\n255\n\x00").unwrap_err();
        assert!(
            matches!(e, FrameError::TooLarge { .. } | FrameError::Image(_)),
            "{e}"
        );
    }

    #[test]
    fn frame_checks() {
        let buf = vec![0u8; 100];
        assert!(Frame::luma(&buf, 10, 10, 10).is_ok());
        assert_eq!(
            Frame::luma(&buf, 10, 11, 10).unwrap_err(),
            FrameError::BufferTooSmall {
                needed: 110,
                len: 100
            }
        );
        assert!(matches!(
            Frame::luma(&buf, 10, 5, 9),
            Err(FrameError::StrideTooSmall { .. })
        ));
        assert!(matches!(
            Frame::luma(&buf, 0, 5, 9),
            Err(FrameError::Empty { .. })
        ));
        assert!(matches!(
            Frame::luma(&buf, 100_000, 1, 100_000),
            Err(FrameError::TooLarge { .. })
        ));
        // a stride with padding: the last row need not be padded
        let f = Frame::luma(&buf, 8, 10, 10).unwrap();
        assert_eq!(f.row(9).len(), 8);
    }
}
