// Type-checks tests/types-usage.ts against www/ecc200.d.ts with the TypeScript compiler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

function tsc(file) {
  return spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)),
      '--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
      '--moduleResolution', 'bundler', '--lib', 'es2022,dom', file,
    ],
    { cwd: HERE, encoding: 'utf8' },
  );
}

test('ecc200.d.ts describes the API as it is used', () => {
  const r = tsc('types-usage.ts');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
