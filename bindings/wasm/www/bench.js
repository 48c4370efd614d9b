// Decode-time benchmark in the browser: ecc200 simd128 and scalar builds against
// zxing-wasm (zxing-cpp compiled to WebAssembly), on the same simulated frames.
// Results go to window.benchResult (read by bench/run.mjs) and to the table.
import { load } from './ecc200.js';

const params = new URLSearchParams(location.search);
const FRAMES = Number(params.get('frames') || 24);
const ROUNDS = Number(params.get('rounds') || 3);
const status = (t) => (document.getElementById('status').textContent = t);

// Known-answer GS1 symbol "(01)09506000134352(21)ABC" (see tests/fixtures.mjs), or the
// pharma data through the encoder when the core has one.
function symbol(api) {
  if (api.features.encode) return api.encode('(01)09506000134352(17)261231(10)LOT42A(21)SN0001', { gs1: true });
  return api.symbolFromCodewords('18x18', [232, 131, 139, 180, 190, 130, 143, 173, 182, 151, 66, 67, 68, 129, 87, 237, 133, 28]);
}

function frames(api) {
  const sym = symbol(api);
  const expected = api.decodeModules(sym).text;
  const out = [];
  for (let i = 0; i < FRAMES; i++) {
    // deterministic pseudo-random poses from the frame index
    const r = (k) => ((Math.sin(i * 12.9898 + k * 78.233) * 43758.5453) % 1 + 1) % 1;
    const f = api.simulate({
      width: 1280,
      height: 720,
      symbols: [{
        rows: sym.rows, cols: sym.cols, modules: sym.modules,
        x: 300 + 680 * r(1), y: 220 + 280 * r(2), modulePx: 5 + 6 * r(3),
        rotation: 6.283 * r(4), tiltX: 0.4 * r(5), tiltY: 0.3 * r(6),
      }],
      paper: 150 + Math.floor(70 * r(7)),
      texture: 3,
      clutter: 10,
      blur: 0.5 + 0.8 * r(8),
      noise: 2 + 4 * r(9),
      gradient: 0.3 * r(10),
      gradientAngle: 6 * r(11),
      seed: 1000 + i,
    });
    const img = new ImageData(f.width, f.height);
    for (let p = 0; p < f.luma.length; p++) {
      img.data[4 * p] = img.data[4 * p + 1] = img.data[4 * p + 2] = f.luma[p];
      img.data[4 * p + 3] = 255;
    }
    out.push(img);
  }
  return { images: out, expected };
}

function summary(name, ms, read, n) {
  ms.sort((a, b) => a - b);
  const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  const row = {
    decoder: name,
    read: `${read}/${n}`,
    median: q(0.5),
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
    p90: q(0.9),
  };
  const tr = document.createElement('tr');
  tr.innerHTML = `<td>${row.decoder}</td><td>${row.read}</td><td>${row.median.toFixed(1)}</td><td>${row.mean.toFixed(1)}</td><td>${row.p90.toFixed(1)}</td>`;
  document.querySelector('#table tbody').append(tr);
  return row;
}

async function main() {
  const simd = await load({ variant: 'simd' });
  const scalar = await load({ variant: 'scalar' });
  status(`making ${FRAMES} frames…`);
  const { images, expected } = frames(simd);
  const zx = await import('/node_modules/zxing-wasm/dist/es/reader/index.js');
  zx.prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) =>
        path.endsWith('.wasm') ? '/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm' : prefix + path,
    },
    fireImmediately: true,
  });
  const simdReader = new simd.Reader();
  const scalarReader = new scalar.Reader();
  // textMode Plain: the decoded text with GS (0x1d) separators, as ecc200 gives it
  const zxHard = { formats: ['DataMatrix'], textMode: 'Plain' };
  const zxFast = { formats: ['DataMatrix'], textMode: 'Plain', tryHarder: false };
  const decoders = [
    ['ecc200 simd128', async (img) => simdReader.decode(img).map((r) => r.text)],
    ['ecc200 scalar', async (img) => scalarReader.decode(img).map((r) => r.text)],
    [`zxing-wasm ${zx.ZXING_WASM_VERSION} (defaults: tryHarder)`, async (img) => (await zx.readBarcodes(img, zxHard)).map((r) => r.text)],
    [`zxing-wasm ${zx.ZXING_WASM_VERSION} (tryHarder off)`, async (img) => (await zx.readBarcodes(img, zxFast)).map((r) => r.text)],
  ];
  // warm-up, then rounds over the frames; every decoder takes each frame in turn, so a
  // change of machine load touches all of them alike
  for (const [, dec] of decoders) for (let i = 0; i < Math.min(3, images.length); i++) await dec(images[i]);
  const ms = decoders.map(() => []);
  const read = decoders.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    status(`round ${round + 1} of ${ROUNDS}…`);
    for (const img of images) {
      for (let d = 0; d < decoders.length; d++) {
        const t0 = performance.now();
        const texts = await decoders[d][1](img);
        ms[d].push(performance.now() - t0);
        if (round === 0 && texts.includes(expected)) read[d]++;
      }
    }
  }
  const rows = decoders.map(([name], d) => summary(name, ms[d], read[d], images.length));
  status(`done: ${FRAMES} frames × ${ROUNDS} rounds, ${navigator.userAgent}`);
  window.benchResult = { frames: FRAMES, rounds: ROUNDS, rows, userAgent: navigator.userAgent };
}

main().catch((e) => {
  status(`failed: ${e.message}`);
  window.benchResult = { error: e.message };
});
