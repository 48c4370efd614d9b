// Compiled (not run) by tests/types.test.mjs: the declarations in www/ecc200.d.ts must
// describe the API as the tests and the demo use it.
import api, { encode, Reader, gs1, grade, load, simdSupported, simulate, toY4m } from '../www/ecc200.js';
import type { ReadResult, Quality, Graded, EncodedSymbol } from '../www/ecc200.js';

const sym: EncodedSymbol = encode('(01)09506000134352(17)261231(10)LOT42A(21)SN0001', { gs1: true, shape: 'square' });
const svg: string = sym.toSvg({ modulePx: 4, hri: sym.hri ?? [] });
const png: Uint8Array = sym.toPng({ xDimMm: 0.4, dpi: 600 });
const rgba: Uint8ClampedArray = sym.toRgba(3).data;
const reader = new Reader({ maxSymbols: 2, tryInverted: true, size: '22x22' });
const frame = simulate({ width: 320, height: 240, symbols: [{ ...sym, x: 160, y: 120, modulePx: 5 }] });
const results: ReadResult[] = reader.decode(frame.luma, frame.width, frame.height);
const again: ReadResult[] = reader.decode({ data: rgba, width: 10, height: 10 });
const q: Quality = reader.grade(0, { dpi: 600, notionalUec: 'errors' });
const graded: Graded[] = grade(frame.luma, frame.width, frame.height, { reader: { thorough: true } });
const letter: string | undefined = graded[0]?.quality?.letter;
const v = gs1.validate('(01)09506000134351');
const rules: string[] = v.errors.map((e) => e.rule);
const y4m: Uint8Array = toY4m([frame.luma], frame.width, frame.height, 30);
const scalar = await load({ variant: 'scalar' });
const variant: 'simd' | 'scalar' = scalar.variant;
export const used = [svg, png, results, again, q, letter, rules, y4m, variant, simdSupported, api.features.read];
