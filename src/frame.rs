//! Camera frames: a borrowed 8-bit grayscale view with a stride, checked on
//! construction, and an owned buffer for frames the library makes itself.

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

pub(crate) fn check_dims(
    width: usize,
    height: usize,
    stride: usize,
    bpp: usize,
    len: usize,
) -> Result<(), FrameError> {
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
    let row = width * bpp;
    if stride < row {
        return Err(FrameError::StrideTooSmall { width: row, stride });
    }
    let needed = stride.saturating_mul(height - 1).saturating_add(row);
    if len < needed {
        return Err(FrameError::BufferTooSmall { needed, len });
    }
    Ok(())
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
        check_dims(width, height, stride, 1, data.len())?;
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
        let p = |x: usize, y: usize| self.data[y * self.stride + x] as f64;
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

/// Decodes an image file held in memory (any format the `image` feature enables:
/// PNG, JPEG, WebP, PNM, BMP, TIFF) to grey.
///
/// Limits: the header's dimensions are checked before any pixel is decoded, against
/// [`MAX_FRAME_DIM`] a side and [`MAX_FRAME_PIXELS`] in all ([`FrameError::TooLarge`]);
/// the decoder may hold at most [`MAX_IMAGE_ALLOC`] bytes at once. Other failures are
/// [`FrameError::Image`] (or [`FrameError::Empty`] for a zero-sized image).
#[cfg(feature = "image")]
pub fn load_image(bytes: &[u8]) -> Result<GrayImage, FrameError> {
    use image::{ImageDecoder, ImageReader, Limits};
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
    let (width, height) = (w as usize, h as usize);
    if width == 0 || height == 0 {
        return Err(FrameError::Empty { width, height });
    }
    if width > MAX_FRAME_DIM || height > MAX_FRAME_DIM || width * height > MAX_FRAME_PIXELS {
        return Err(FrameError::TooLarge {
            width,
            height,
            max_dim: MAX_FRAME_DIM,
            max_pixels: MAX_FRAME_PIXELS,
        });
    }
    let img =
        image::DynamicImage::from_decoder(decoder).map_err(|e| FrameError::Image(e.to_string()))?;
    let g = img.to_luma8();
    let (gw, gh) = (g.width() as usize, g.height() as usize);
    Ok(GrayImage {
        width: gw,
        height: gh,
        data: g.into_raw(),
    })
}

/// Pixel layouts [`GrayImage::from_pixels`] converts to luma. (For YUV frames the Y
/// plane already is luma: view it with [`Frame::luma`] without a copy.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PixelLayout {
    /// One byte per pixel, grey.
    Gray8,
    /// Three bytes per pixel: red, green, blue.
    Rgb8,
    /// Four bytes per pixel: red, green, blue, alpha (ignored).
    Rgba8,
    /// Three bytes per pixel: blue, green, red.
    Bgr8,
    /// Four bytes per pixel: blue, green, red, alpha (ignored).
    Bgra8,
}

impl PixelLayout {
    /// Bytes per pixel.
    pub fn bytes_per_pixel(self) -> usize {
        match self {
            PixelLayout::Gray8 => 1,
            PixelLayout::Rgb8 | PixelLayout::Bgr8 => 3,
            PixelLayout::Rgba8 | PixelLayout::Bgra8 => 4,
        }
    }
}

impl GrayImage {
    /// Converts a colour (or grey) frame to luma with the ITU-R BT.601 weights
    /// (`(77 R + 150 G + 29 B + 128) >> 8`). `stride` is in bytes.
    pub fn from_pixels(
        data: &[u8],
        width: usize,
        height: usize,
        stride: usize,
        layout: PixelLayout,
    ) -> Result<GrayImage, FrameError> {
        let bpp = layout.bytes_per_pixel();
        check_dims(width, height, stride, bpp, data.len())?;
        let (ri, bi) = match layout {
            PixelLayout::Bgr8 | PixelLayout::Bgra8 => (2, 0),
            _ => (0, 2),
        };
        let mut out = Vec::with_capacity(width * height);
        for y in 0..height {
            let row = &data[y * stride..y * stride + width * bpp];
            if bpp == 1 {
                out.extend_from_slice(row);
                continue;
            }
            out.extend(row.chunks_exact(bpp).map(|p| {
                let (r, g, b) = (u32::from(p[ri]), u32::from(p[1]), u32::from(p[bi]));
                ((77 * r + 150 * g + 29 * b + 128) >> 8) as u8
            }));
        }
        Ok(GrayImage {
            width,
            height,
            data: out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_to_luma() {
        // 2x1 RGB with a padded stride of 8 bytes
        let rgb = [255, 255, 255, 255, 0, 0, 9, 9];
        let g = GrayImage::from_pixels(&rgb, 2, 1, 8, PixelLayout::Rgb8).unwrap();
        assert_eq!(g.data, vec![255, 77]);
        let bgra = [0, 0, 255, 7, 255, 0, 0, 7];
        let g = GrayImage::from_pixels(&bgra, 2, 1, 8, PixelLayout::Bgra8).unwrap();
        assert_eq!(g.data, vec![77, 29]);
        assert!(matches!(
            GrayImage::from_pixels(&rgb, 3, 1, 8, PixelLayout::Rgba8),
            Err(FrameError::StrideTooSmall { .. })
        ));
        assert!(GrayImage::from_pixels(&[], 0, 0, 0, PixelLayout::Gray8).is_err());
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
