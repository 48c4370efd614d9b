// Counts WebAssembly SIMD (simd128) instructions in .wasm files, by disassembling them
// with wabt: prints "FILE: N simd instructions". With --expect-simd / --expect-scalar
// exits 1 when a file has none / some.
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

const args = process.argv.slice(2);
const expect = args.find((a) => a.startsWith('--expect-'));
const files = args.filter((a) => !a.startsWith('--'));
const wabt = await wabtInit();
// v128 value type or a SIMD opcode family prefix at the start of an instruction
const simdOp = /^\s*(v128\.|i8x16\.|i16x8\.|i32x4\.|i64x2\.|f32x4\.|f64x2\.)/;
let bad = 0;
for (const f of files) {
  const mod = wabt.readWasm(readFileSync(f), { readDebugNames: false, simd: true });
  const text = mod.toText({});
  mod.destroy();
  const n = text.split('\n').filter((l) => simdOp.test(l)).length;
  console.log(`${f}: ${n} simd instructions`);
  if (expect === '--expect-simd' && n === 0) bad++;
  if (expect === '--expect-scalar' && n !== 0) bad++;
}
process.exit(bad ? 1 : 0);
