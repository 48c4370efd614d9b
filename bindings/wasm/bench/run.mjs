// Runs the decode benchmark page (www/bench.html) in headless Chromium and prints the
// table. Not part of the tests. Usage: node bench/run.mjs [frames] [rounds]
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { chromiumPath, FLAGS } from '../tests/browser.mjs';

const frames = Number(process.argv[2] || 24);
const rounds = Number(process.argv[3] || 3);
const { server, url } = await serve(0);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: FLAGS });
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${url}bench.html?frames=${frames}&rounds=${rounds}`);
await page.waitForFunction(() => window.benchResult, null, { timeout: 600000 });
const r = await page.evaluate(() => window.benchResult);
await browser.close();
server.close();
if (r.error) {
  console.error(`benchmark failed: ${r.error}`);
  process.exit(1);
}
console.log(`${r.userAgent}\n${r.frames} frames 1280x720 x ${r.rounds} rounds, main thread, ImageData input`);
console.log('decoder'.padEnd(44) + 'read'.padStart(8) + 'median ms'.padStart(11) + 'mean ms'.padStart(9) + 'p90 ms'.padStart(8));
for (const x of r.rows) {
  console.log(
    x.decoder.padEnd(44) + x.read.padStart(8) + x.median.toFixed(1).padStart(11) + x.mean.toFixed(1).padStart(9) + x.p90.toFixed(1).padStart(8),
  );
}
