//! A minimal PNG encoder for two-colour images: 1-bit greyscale, zlib stream of
//! fixed-Huffman deflate blocks whose only matches copy the previous row (rows repeat
//! `module_px` times), CRC-32 and Adler-32 by table. No dependency, so it builds for WASM.

/// CRC-32 (ISO-HDLC, reflected 0xEDB88320) table, built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[n] = c;
        n += 1;
    }
    t
};

/// CRC-32 of `data`, continuing from `crc` (start with 0).
pub(crate) fn crc32(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Adler-32 of `data`.
pub(crate) fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 is the largest run that cannot overflow u32 before the reduction
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// Writes bits LSB first, as deflate requires.
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    #[inline]
    fn put(&mut self, bits: u32, count: u32) {
        self.acc |= (bits as u64) << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// Huffman codes go MSB first: reverse before writing.
    #[inline]
    fn put_code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// Fixed-Huffman literal/length code (RFC 1951 3.2.6).
#[inline]
fn put_litlen(w: &mut BitWriter, sym: u32) {
    match sym {
        0..=143 => w.put_code(0x30 + sym, 8),
        144..=255 => w.put_code(0x190 + sym - 144, 9),
        256..=279 => w.put_code(sym - 256, 7),
        _ => w.put_code(0xC0 + sym - 280, 8),
    }
}

/// Length codes 257..285: (base length, extra bits).
const LEN_BASE: [(u32, u32); 29] = [
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 1),
    (13, 1),
    (15, 1),
    (17, 1),
    (19, 2),
    (23, 2),
    (27, 2),
    (31, 2),
    (35, 3),
    (43, 3),
    (51, 3),
    (59, 3),
    (67, 4),
    (83, 4),
    (99, 4),
    (115, 4),
    (131, 5),
    (163, 5),
    (195, 5),
    (227, 5),
    (258, 0),
];
/// Distance codes 0..29: (base distance, extra bits).
const DIST_BASE: [(u32, u32); 30] = [
    (1, 0),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 1),
    (7, 1),
    (9, 2),
    (13, 2),
    (17, 3),
    (25, 3),
    (33, 4),
    (49, 4),
    (65, 5),
    (97, 5),
    (129, 6),
    (193, 6),
    (257, 7),
    (385, 7),
    (513, 8),
    (769, 8),
    (1025, 9),
    (1537, 9),
    (2049, 10),
    (3073, 10),
    (4097, 11),
    (6145, 11),
    (8193, 12),
    (12289, 12),
    (16385, 13),
    (24577, 13),
];

fn put_match(w: &mut BitWriter, len: u32, dist: u32) {
    let li = LEN_BASE.iter().rposition(|&(b, _)| b <= len).unwrap_or(0);
    // 258 has its own code; 227 + 31 would also reach it but the spec uses 285
    let (lb, le) = LEN_BASE[li];
    put_litlen(w, 257 + li as u32);
    if le > 0 {
        w.put(len - lb, le);
    }
    let di = DIST_BASE.iter().rposition(|&(b, _)| b <= dist).unwrap_or(0);
    let (db, de) = DIST_BASE[di];
    w.put_code(di as u32, 5);
    if de > 0 {
        w.put(dist - db, de);
    }
}

/// Deflates `raw` (filtered scanlines of `line` bytes each) as one fixed-Huffman block:
/// a row equal to the one above becomes matches at distance `line`, any other row goes
/// out as literals. Falls back to nothing cleverer: literal cost is 8-9 bits a byte.
fn deflate_rows(raw: &[u8], line: usize) -> Vec<u8> {
    let mut w = BitWriter {
        out: Vec::with_capacity(raw.len() / 8 + 64),
        acc: 0,
        n: 0,
    };
    w.put(1, 1); // BFINAL
    w.put(1, 2); // BTYPE = 01 fixed Huffman
    let mut pos = 0;
    // matches need distance <= 32768
    let can_match = line <= 32_768;
    while pos < raw.len() {
        let end = (pos + line).min(raw.len());
        if can_match && pos >= line && raw[pos..end] == raw[pos - line..end - line] {
            // extend the copy over every following equal row
            let mut run_end = end;
            while run_end + line <= raw.len()
                && raw[run_end..run_end + line] == raw[run_end - line..run_end]
            {
                run_end += line;
            }
            let mut left = (run_end - pos) as u32;
            while left > 0 {
                // avoid leaving a remainder below the minimum match of 3
                let take = if left > 258 && left - 258 < 3 {
                    left - 3
                } else {
                    left.min(258)
                };
                if take < 3 {
                    for &b in &raw[run_end - left as usize..run_end] {
                        put_litlen(&mut w, b as u32);
                    }
                    break;
                }
                put_match(&mut w, take, line as u32);
                left -= take;
            }
            pos = run_end;
        } else {
            for &b in &raw[pos..end] {
                put_litlen(&mut w, b as u32);
            }
            pos = end;
        }
    }
    put_litlen(&mut w, 256);
    w.finish()
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(crc32(0, kind), data);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// Stored (uncompressed) deflate blocks of `raw`.
fn deflate_stored(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 65_535 * 5 + 5);
    let mut chunks = raw.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(c) = chunks.next() {
        out.push(chunks.peek().is_none() as u8); // BFINAL, BTYPE = 00
        let n = c.len() as u16;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(!n).to_le_bytes());
        out.extend_from_slice(c);
    }
    out
}

/// Encodes a greyscale PNG of bit depth `depth` (1 or 8). `packed` holds `height` rows
/// of `ceil(width * depth / 8)` bytes (1-bit: MSB first, 1 = white). `dpi`, when given,
/// is recorded in a pHYs chunk.
pub(crate) fn encode(
    packed: &[u8],
    width: u32,
    height: u32,
    depth: u8,
    dpi: Option<u32>,
) -> Vec<u8> {
    let row = (width as usize * depth as usize).div_ceil(8);
    let line = row + 1;
    let mut raw = Vec::with_capacity(line * height as usize);
    for r in packed.chunks(row).take(height as usize) {
        raw.push(0); // filter: none
        raw.extend_from_slice(r);
    }
    let mut body = deflate_rows(&raw, line);
    if body.len() > raw.len() + raw.len() / 65_535 * 5 + 5 {
        body = deflate_stored(&raw);
    }
    let mut z = Vec::with_capacity(body.len() + 6);
    z.extend_from_slice(&[0x78, 0x01]); // deflate, 32K window, fastest; FCHECK holds
    z.extend_from_slice(&body);
    z.extend_from_slice(&adler32(&raw).to_be_bytes());

    let mut out = Vec::with_capacity(z.len() + 80);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = [0u8; 13];
    ihdr[..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    ihdr[8] = depth;
    ihdr[9] = 0; // greyscale
    chunk(&mut out, b"IHDR", &ihdr);
    if let Some(dpi) = dpi {
        let ppm = ((dpi as f64) / 0.0254).round() as u32;
        let mut p = [0u8; 9];
        p[..4].copy_from_slice(&ppm.to_be_bytes());
        p[4..8].copy_from_slice(&ppm.to_be_bytes());
        p[8] = 1; // unit: metre
        chunk(&mut out, b"pHYs", &p);
    }
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_known_answers() {
        assert_eq!(crc32(0, b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(0, b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(&[]), 1);
    }
}
