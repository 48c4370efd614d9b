// Node tests of the ecc200 WASM API: the ES loader (www/ecc200.js) and both Node builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import api, * as named from '../www/ecc200.js';
import { gs1Symbol, cameraFrame, lumaToRgba, PHARMA } from './fixtures.mjs';

const require = createRequire(import.meta.url);
const nodeSimd = require('../pkg-node/simd/ecc200_wasm.js');
const nodeScalar = require('../pkg-node/scalar/ecc200_wasm.js');

test('the loader picks the simd build on an engine with SIMD; both builds say what they are', () => {
  assert.equal(named.simdSupported, true);
  assert.equal(api.variant, 'simd');
  assert.equal(api.simdEnabled(), true);
  assert.equal(nodeSimd.simdEnabled(), true);
  assert.equal(nodeScalar.simdEnabled(), false);
  assert.match(api.version(), /^\d+\.\d+\.\d+/);
});

test('on an engine without WebAssembly SIMD the loader falls back to the scalar build', async () => {
  const validate = WebAssembly.validate;
  // an engine without SIMD rejects the loader's probe (the only module using v128 it validates)
  WebAssembly.validate = (bytes) => (bytes.includes(253) && bytes.length < 64 ? false : validate(bytes));
  try {
    const fresh = await import('../www/ecc200.js?engine=no-simd');
    assert.equal(fresh.simdSupported, false);
    assert.equal(fresh.defaultVariant(), 'scalar');
    assert.equal(fresh.variant, 'scalar');
    assert.equal(fresh.simdEnabled(), false);
    await assert.rejects(fresh.load({ variant: 'simd' }), /no WebAssembly SIMD/);
  } finally {
    WebAssembly.validate = validate;
  }
});

test('an explicitly loaded scalar instance is independent and scalar', async () => {
  const s = await named.load({ variant: 'scalar' });
  assert.equal(s.variant, 'scalar');
  assert.equal(s.simdEnabled(), false);
  await assert.rejects(named.load({ variant: 'avx' }), /unknown variant avx/);
});

test('codewords -> symbol -> decodeModules (known answer "123456" in 10x10)', () => {
  const sym = api.symbolFromCodewords('10x10', [142, 164, 186]);
  assert.equal(sym.rows, 10);
  assert.equal(sym.modules.length, 100);
  const d = api.decodeModules(sym);
  assert.equal(d.text, '123456');
  assert.equal(d.symbologyIdentifier, ']d1');
  assert.equal(d.gs1, false);
  assert.deepEqual([...d.bytes], [...Buffer.from('123456')]);
  assert.throws(() => api.symbolFromCodewords('10x10', [1, 2]), /holds 3 data codewords, got 2/);
  assert.throws(() => api.symbolFromCodewords('11x11', [1]), /not an ecc 200 size/i);
});

test('decodeModules reports damage beyond correction with the core message', () => {
  const sym = api.symbolFromCodewords('10x10', [142, 164, 186]);
  const m = Uint8Array.from(sym.modules);
  for (let r = 1; r < 9; r++) for (let c = 1; c < 9; c++) m[r * 10 + c] ^= (r + c) & 1;
  assert.throws(() => api.decodeModules({ rows: 10, cols: 10, modules: m }), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /^decodeModules: /);
    return true;
  });
  assert.throws(() => api.decodeModules({ rows: 10, cols: 10, modules: [1, 2] }), /2 modules given for 10x10/);
  assert.throws(() => api.decodeModules('nope'), /options must be an object|rows missing/);
});

test('Reader reads a simulated 1280x720 camera frame: text, GS1 fields, corners', () => {
  const s = gs1Symbol(api);
  const f = cameraFrame(api, s.grid);
  const reader = new api.Reader();
  const res = reader.decode(f.luma, f.width, f.height);
  assert.equal(res.length, 1);
  const r = res[0];
  assert.equal(r.text, s.text.replaceAll('\x1d', '\x1d'));
  assert.equal(r.gs1, true);
  assert.equal(r.symbologyIdentifier, ']d2');
  assert.equal(r.elements[0].ai, '01');
  assert.equal(r.elements[0].value, '09506000134352');
  assert.equal(r.hri[0], '(01) 09506000134352');
  // corners within half a module (10 px modules, blurred and tilted) of the simulator's
  // ground truth, in the same order (the Rust reader tests use 0.6 module)
  f.truth[0].corners.forEach((t, i) => {
    const d = Math.hypot(t.x - r.corners[i].x, t.y - r.corners[i].y);
    assert.ok(d < 5, `corner ${i} is ${d.toFixed(2)} px from the truth`);
  });
  // the same reader, the same frame as ImageData-like RGBA: the same result
  const again = reader.decode({ data: lumaToRgba(f.luma), width: f.width, height: f.height });
  assert.equal(again.length, 1);
  assert.equal(again[0].text, r.text);
  // nothing to find is an empty list, not an error
  const blank = new Uint8Array(320 * 240).fill(200);
  assert.deepEqual(reader.decode(blank, 320, 240), []);
});

test('simd and scalar builds read the same frames identically', () => {
  const s = gs1Symbol(api);
  for (const seed of [1, 2, 3]) {
    const f = cameraFrame(api, s.grid, seed);
    const a = new nodeSimd.Reader().decode(f.luma, f.width, f.height);
    const b = new nodeScalar.Reader().decode(f.luma, f.width, f.height);
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) {
      assert.equal(a[i].text, b[i].text);
      assert.deepEqual(a[i].corners, b[i].corners);
    }
  }
});

test('Reader input errors are Errors naming the problem', () => {
  const reader = new api.Reader();
  assert.throws(() => reader.decode(new Uint8Array(10), 4, 4), /10 bytes is neither 4x4 RGBA \(64\) nor grey \(16\)/);
  assert.throws(() => reader.decode(new Uint8Array(16), 4), /give both width and height/);
  assert.throws(() => reader.decode([1, 2, 3], 1, 3), /must be a Uint8Array or Uint8ClampedArray/);
  assert.throws(() => reader.decode({ width: 2 }), /expected an ImageData/);
  assert.throws(() => reader.decode(new Uint8Array(0), 0, 0), /Reader.decode: /);
  assert.throws(() => new api.Reader({ maxSymbols: -1 }), /maxSymbols = -1 must be an integer/);
  assert.throws(() => new api.Reader({ size: '11x11' }), /not an ecc 200 size/i);
  assert.throws(() => new api.Reader({ thorough: 'yes' }), /thorough must be a boolean/);
  assert.throws(() => reader.grade(5), /result 5 does not exist/);
});

test('grade: a clean simulated symbol grades A; a low-contrast print grades lower', () => {
  const s = gs1Symbol(api);
  const clean = api.simulate({
    width: 640, height: 480,
    symbols: [{ ...s.grid, x: 320, y: 240, modulePx: 12 }],
  });
  const g = api.grade(clean.luma, clean.width, clean.height);
  assert.equal(g.length, 1);
  assert.equal(g[0].quality.letter, 'A');
  assert.match(g[0].quality.gradeString, /^4\.0\/--\/660$/);
  assert.equal(typeof g[0].quality.report, 'object');
  const dull = api.simulate({
    width: 640, height: 480,
    symbols: [{ ...s.grid, x: 320, y: 240, modulePx: 12 }],
    contrast: 0.3,
  });
  const reader = new api.Reader();
  assert.equal(reader.decode(dull.luma, dull.width, dull.height).length, 1);
  const q = reader.grade(0);
  assert.ok(q.grade < 4, `low contrast graded ${q.gradeString}`);
  assert.throws(() => reader.grade(0, { notionalUec: 'maybe' }), /notionalUec "maybe"/);
  assert.throws(() => reader.grade(0, { apertureMils: 6 }), /needs the image dpi/);
  // ISO/IEC 29158 with minimum reflectance; the selectable segment and grid readings
  const d = reader.grade(0, { standard: '29158', dpmReference: { rCal: 0.85, mlCal: 200, srCal: 1, srTarget: 40 } });
  assert.equal(d.report.scans[0].standard, '29158');
  assert.equal(d.report.scans[0].mr.grade, 0);
  assert.equal(d.grade, 0);
  const r = reader.grade(0, { clockSegments: 'region', gridAnchor: 'fit' });
  assert.ok('CTSA 1,1' in r.report.scans[0].fpd.segments);
  assert.throws(() => reader.grade(0, { clockSegments: 'rows' }), /clockSegments "rows"/);
  assert.throws(() => reader.grade(0, { gridAnchor: 'mid' }), /gridAnchor "mid"/);
  assert.throws(() => reader.grade(0, { standard: '1' }), /standard "1"/);
});

test('gs1: parse, validate, hri, Digital Link', () => {
  const p = api.gs1.parse(PHARMA);
  assert.deepEqual(p.elements.map((e) => e.ai), ['01', '17', '10', '21']);
  assert.equal(p.raw, '01095060001343521726123110LOT42A\x1d21SN0001');
  assert.deepEqual(api.gs1.hri(PHARMA, 'dscsa'), ['GTIN: 09506000134352', 'SN: SN0001', 'LOT: LOT42A', 'EXP: 2026-12-31']);
  assert.equal(
    api.gs1.toDigitalLink(PHARMA),
    'https://id.gs1.org/01/09506000134352/10/LOT42A/21/SN0001?17=261231',
  );
  const v = api.gs1.validate('(01)09506000134351(17)261331');
  assert.equal(v.valid, false);
  assert.deepEqual(v.errors.map((e) => e.rule), ['csum', 'yymmd0']);
  assert.equal(v.errors[0].ai, '01');
  assert.equal(api.gs1.validate(PHARMA).valid, true);
  assert.throws(() => api.gs1.parse('(1)23'), (e) => e instanceof Error && /^gs1.parse: '1' is not an AI/.test(e.message));
  assert.throws(() => api.gs1.hri(PHARMA, 'fr'), /style "fr"/);
});

test('render: SVG and RGBA of a module grid', () => {
  const sym = api.symbolFromCodewords('10x10', [142, 164, 186]);
  const svg = api.renderSvg(sym, { modulePx: 3 });
  assert.match(svg, /^<svg /);
  assert.match(svg, /viewBox="0 0 12 12"/);
  const img = api.renderRgba(sym, 2);
  assert.equal(img.width, 24);
  assert.equal(img.data.length, 24 * 24 * 4);
  // bottom-left module of the finder L is dark; the quiet-zone corner is light
  const px = (x, y) => img.data[4 * (y * 24 + x)];
  assert.equal(px(2, 21), 0);
  assert.equal(px(0, 0), 255);
  assert.throws(() => api.renderRgba(sym, 0), /toRgba: /);
  assert.throws(() => api.renderSvg(sym, { dark: 'url(x)' }), /toSvg: /);
});

test('simulate and toY4m: deterministic frames, a valid YUV4MPEG2 stream', () => {
  const a = api.simulate({ width: 64, height: 48, noise: 5, seed: 3 });
  const b = api.simulate({ width: 64, height: 48, noise: 5, seed: 3 });
  assert.deepEqual(a.luma, b.luma);
  const y = api.toY4m([a.luma, b.luma], 64, 48, 25);
  const header = 'YUV4MPEG2 W64 H48 F25:1 Ip A1:1 C420jpeg\n';
  assert.equal(Buffer.from(y.subarray(0, header.length)).toString(), header);
  assert.equal(y.length, header.length + 2 * (6 + 64 * 48 + 2 * 32 * 24));
  assert.throws(() => api.toY4m([a.luma], 10, 10), /frame 0 has 3072 bytes, 10x10 needs 100/);
  assert.throws(() => api.simulate({ width: 64, height: 48, blur: 1000 }), /blur/);
});

test('a panic inside the module becomes an Error and the page keeps working', async () => {
  const inst = await named.load();
  const reader = new inst.Reader();
  assert.throws(() => inst.__panicForTest(), /ecc200 internal error: .*deliberate panic/s);
  await inst.ready;
  assert.equal(inst.generation, 1);
  assert.equal(inst.simdEnabled(), true);
  // the reader is rebuilt on the fresh instance
  const s = gs1Symbol(inst);
  const f = cameraFrame(inst, s.grid);
  assert.equal(reader.decode(f.luma, f.width, f.height).length, 1);
});

test('encode: GS1 round trip, shapes, sizes, bytes, and errors naming the problem', { skip: !api.features.encode && 'the core has no encoder yet' }, () => {
  const sym = api.encode(PHARMA, { gs1: true });
  assert.deepEqual(sym.hri, api.gs1.hri(PHARMA));
  const d = api.decodeModules(sym);
  assert.equal(d.gs1, true);
  assert.equal(d.symbologyIdentifier, ']d2');
  assert.equal(d.text, api.gs1.parse(PHARMA).raw);
  assert.equal(sym.rows, sym.cols);
  assert.match(sym.toSvg(), /^<svg /);
  assert.match(sym.toSvg({ hri: sym.hri }), /09506000134352/);
  const png = sym.toPng({ modulePx: 2 });
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  const img = sym.toRgba(3);
  assert.equal(img.width, (sym.cols + 2) * 3);
  // the same elements from a Digital Link URI (the URI puts (17) last)
  const dl = api.gs1.toDigitalLink(PHARMA);
  const fromDl = api.decodeModules(api.encode(dl, { gs1: true })).text;
  const sorted = (raw) => api.gs1.parse(raw).hri.sort();
  assert.deepEqual(sorted(fromDl), sorted(d.text));
  // shapes and sizes
  const rect = api.encode('ABC123', { shape: 'rectangle' });
  assert.ok(rect.rows < rect.cols, `rectangle gave ${rect.size}`);
  assert.equal(api.encode('ABC123', { size: '32x32' }).size, '32x32');
  assert.equal(api.decodeModules(api.encode('Grüße')).text, 'Grüße');
  const bytes = api.encode(new Uint8Array([0, 1, 2, 250]));
  assert.deepEqual([...api.decodeModules(bytes).bytes], [0, 1, 2, 250]);
  // errors
  assert.throws(() => api.encode('(01)09506000134351', { gs1: true }), /^Error: encode: GS1: AI \(01\).*check digit/);
  assert.doesNotThrow(() => api.encode('(01)09506000134351', { gs1: true, validate: false }));
  assert.throws(() => api.encode('x'.repeat(5000)), /^Error: encode: /);
  assert.throws(() => api.encode('ABCDEFGHIJ', { size: '10x10' }), /^Error: encode: data needs 8 codewords, the largest allowed symbol 10x10 holds 3/);
  assert.throws(() => api.encode('ABC', { shape: 'round' }), /shape "round"/);
  assert.throws(() => api.encode(42), /expected a string, a Uint8Array or an array of bytes/);
});

// Once a core reader gap (found by the demo's file test: an upright symbol whose module
// size is a multiple of 8 px, the binarizer's block size, was not found); now a guard.
test('reader finds upright symbols with 8 and 16 px modules', () => {
  const sym = api.symbolFromCodewords('10x10', [142, 164, 186]);
  for (const px of [8, 16]) {
    for (const rotation of [0, Math.PI / 2]) {
      const f = api.simulate({ width: 640, height: 640, symbols: [{ ...sym, x: 320, y: 320, modulePx: px, rotation }] });
      assert.equal(new api.Reader().decode(f.luma, 640, 640).length, 1, `${px} px, rotation ${rotation}`);
    }
  }
});
