// Test symbols shared by the Node tests, the browser test and the benchmark.

/** The pharma GS1 data the demo and the tests use. */
export const PHARMA = '(01)09506000134352(17)261231(10)LOT42A(21)SN0001';

// Known answer built by hand (ISO/IEC 16022 ASCII encodation): FNC1 (232), digit pairs
// "01" "09" "50" "60" "00" "13" "43" "52" "21" (130 + n), 'A' 'B' 'C' (ASCII + 1), then
// the pad 129 and the 253-state randomised pads of positions 15..18: an 18x18 symbol of
// "(01)09506000134352(21)ABC". Used only while the core has no encoder.
const KNOWN = {
  size: '18x18',
  data: [232, 131, 139, 180, 190, 130, 143, 173, 182, 151, 66, 67, 68, 129, 87, 237, 133, 28],
  bracketed: '(01)09506000134352(21)ABC',
  text: '010950600013435221ABC',
};

/**
 * A GS1 symbol: encoded by the core when it has an encoder, else the known answer.
 * @returns {{grid: object, bracketed: string, text: string, source: string}}
 */
export function gs1Symbol(api) {
  if (api.features.encode) {
    const grid = api.encode(PHARMA, { gs1: true });
    const raw = api.gs1.parse(PHARMA).raw;
    return { grid, bracketed: PHARMA, text: raw, source: 'encode' };
  }
  const grid = api.symbolFromCodewords(KNOWN.size, KNOWN.data);
  return { grid, bracketed: KNOWN.bracketed, text: KNOWN.text, source: 'known codewords' };
}

/** A 1280x720 camera-like frame with the symbol, rotated, slightly blurred and noisy. */
export function cameraFrame(api, grid, seed = 7) {
  return api.simulate({
    width: 1280,
    height: 720,
    symbols: [{ ...grid, x: 640, y: 360, modulePx: 10, rotation: 0.35, tiltX: 0.15 }],
    paper: 185,
    texture: 2,
    clutter: 6,
    blur: 0.8,
    noise: 3,
    gradient: 0.2,
    seed,
  });
}

/** Grey to RGBA (opaque). */
export function lumaToRgba(luma) {
  const out = new Uint8ClampedArray(luma.length * 4);
  for (let i = 0; i < luma.length; i++) {
    out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = luma[i];
    out[4 * i + 3] = 255;
  }
  return out;
}
