// The ecc200 demo: camera reading, image-file reading and grading, and the encoder.
// All decoding, grading, GS1 parsing and rendering is done by the WASM module.
import ecc200 from './ecc200.js';

const $ = (id) => document.getElementById(id);
const canvas = $('canvas');
const ctx = canvas.getContext('2d', { willReadFrequently: true });
const video = $('video');
const view = $('view');

// Statistics the browser test and the benchmark read.
const stats = { frames: 0, decodedFrames: 0, totalMs: 0, lastMs: 0, lastText: null, source: null };
window.ecc200Demo = { stats, api: ecc200 };

$('build').textContent =
  `ecc200 ${ecc200.version()} · ${ecc200.variant === 'simd' ? 'WebAssembly SIMD' : 'scalar WebAssembly'} build`;

const reader = ecc200.features.read ? new ecc200.Reader({ maxSymbols: 4 }) : null;
let lastGradeAt = 0;

function showError(el, msg) {
  el.hidden = !msg;
  el.textContent = msg || '';
}

function setGrade(q) {
  const g = $('grade');
  if (!q) {
    g.textContent = '–';
    g.className = 'grade grade-none';
    g.title = 'ISO/IEC 15415 overall grade';
    return;
  }
  g.textContent = q.letter;
  g.className = `grade grade-${q.letter}`;
  g.title = `ISO/IEC 15415 grade ${q.gradeString}\n\n${q.text}`;
}

function showResult(r, quality) {
  const byAi = {};
  for (const e of r.elements || []) byAi[e.ai] = e.value;
  for (const ai of ['01', '17', '10', '21']) $(`f-${ai}`).textContent = byAi[ai] ?? '–';
  $('result-hri').textContent = r.hri ? r.hri.join(' ') : '(not GS1)';
  $('result-text').textContent = r.text.replaceAll('\x1d', '<GS>');
  $('result-meta').textContent =
    `${r.symbologyIdentifier} · ${r.size} · ${r.modulePx.toFixed(1)} px/module` +
    (r.mirrored ? ' · mirrored' : '') +
    (r.inverted ? ' · inverted' : '') +
    ` · ${r.errorsCorrected} error(s) corrected` +
    (r.gs1Error ? ` · GS1: ${r.gs1Error}` : '');
  if (quality !== undefined) setGrade(quality);
}

function outline(results) {
  ctx.lineWidth = Math.max(3, canvas.width / 300);
  for (const r of results) {
    const c = r.corners;
    ctx.strokeStyle = '#22c55e';
    ctx.beginPath();
    ctx.moveTo(c[0].x, c[0].y);
    for (let i = 1; i < 4; i++) ctx.lineTo(c[i].x, c[i].y);
    ctx.closePath();
    ctx.stroke();
    // the L corner (bottom-left of the symbol) in orange
    ctx.fillStyle = '#f97316';
    ctx.beginPath();
    ctx.arc(c[3].x, c[3].y, ctx.lineWidth * 2, 0, 2 * Math.PI);
    ctx.fill();
  }
}

// Decodes what is on the canvas; grades the first symbol when asked (or twice a second).
function decodeCanvas(source, { grade = false } = {}) {
  if (!reader) {
    showError($('result-error'), 'This build has no reader.');
    return [];
  }
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const t0 = performance.now();
  let results;
  try {
    results = reader.decode(img);
  } catch (e) {
    showError($('result-error'), e.message);
    return [];
  }
  const ms = performance.now() - t0;
  stats.frames++;
  stats.totalMs += ms;
  stats.lastMs = ms;
  stats.source = source;
  $('timing').textContent =
    `${canvas.width}×${canvas.height} · decode ${ms.toFixed(1)} ms · mean ${(stats.totalMs / stats.frames).toFixed(1)} ms over ${stats.frames} frame(s)`;
  outline(results);
  if (results.length) {
    stats.decodedFrames++;
    stats.lastText = results[0].text;
    let quality;
    const now = performance.now();
    if (grade || now - lastGradeAt > 500) {
      lastGradeAt = now;
      try {
        quality = reader.grade(0);
      } catch (e) {
        quality = null;
        $('grade').title = e.message;
      }
    }
    showResult(results[0], quality);
    showError($('result-error'), '');
  }
  return results;
}

// ---- camera
let stream = null;
let running = false;

async function startCamera() {
  showError($('result-error'), '');
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
      audio: false,
    });
  } catch (e) {
    showError($('result-error'), `Camera: ${e.message}`);
    return;
  }
  video.srcObject = stream;
  await video.play();
  running = true;
  view.classList.remove('idle');
  $('camera-start').disabled = true;
  $('camera-stop').disabled = false;
  $('camera-status').textContent = `camera ${video.videoWidth}×${video.videoHeight}`;
  const step = () => {
    if (!running) return;
    if (video.readyState >= 2 && video.videoWidth) {
      if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
      }
      ctx.drawImage(video, 0, 0);
      decodeCanvas('camera');
    }
    if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(step);
    else requestAnimationFrame(step);
  };
  step();
}

function stopCamera() {
  running = false;
  if (stream) for (const t of stream.getTracks()) t.stop();
  stream = null;
  $('camera-start').disabled = false;
  $('camera-stop').disabled = true;
  $('camera-status').textContent = 'camera off';
}

$('camera-start').addEventListener('click', startCamera);
$('camera-stop').addEventListener('click', stopCamera);

// ---- images: drop a file, or draw a simulated frame
function drawImageToCanvas(source, w, h) {
  stopCamera();
  canvas.width = w;
  canvas.height = h;
  ctx.drawImage(source, 0, 0);
  view.classList.remove('idle');
}

async function readFile(file) {
  try {
    const bmp = await createImageBitmap(file);
    drawImageToCanvas(bmp, bmp.width, bmp.height);
    const found = decodeCanvas(`file ${file.name}`, { grade: true });
    if (!found.length) {
      setGrade(null);
      showError($('result-error'), `No symbol found in ${file.name}.`);
    }
  } catch (e) {
    showError($('result-error'), `${file.name}: ${e.message}`);
  }
}

view.addEventListener('dragover', (e) => {
  e.preventDefault();
  view.classList.add('dragging');
});
view.addEventListener('dragleave', () => view.classList.remove('dragging'));
view.addEventListener('drop', (e) => {
  e.preventDefault();
  view.classList.remove('dragging');
  const f = e.dataTransfer.files[0];
  if (f) readFile(f);
});
view.addEventListener('click', () => {
  if (!running) $('file').click();
});
$('file').addEventListener('change', () => {
  const f = $('file').files[0];
  if (f) readFile(f);
});

function lumaImage(luma, w, h) {
  const img = new ImageData(w, h);
  for (let i = 0; i < luma.length; i++) {
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = luma[i];
    img.data[4 * i + 3] = 255;
  }
  return img;
}

let simSeed = 1;
$('simulate').addEventListener('click', () => {
  try {
    const sym = currentSymbol || ecc200.symbolFromCodewords('10x10', [142, 164, 186]);
    const f = ecc200.simulate({
      width: 1280,
      height: 720,
      symbols: [
        {
          rows: sym.rows,
          cols: sym.cols,
          modules: sym.modules,
          x: 500 + 280 * Math.random(),
          y: 300 + 120 * Math.random(),
          modulePx: 7 + 5 * Math.random(),
          rotation: Math.random() * 2 * Math.PI,
          tiltX: 0.3 * Math.random(),
        },
      ],
      paper: 180,
      texture: 3,
      clutter: 8,
      blur: 0.9,
      noise: 4,
      gradient: 0.3,
      gradientAngle: Math.random() * 6,
      seed: simSeed++,
    });
    stopCamera();
    canvas.width = f.width;
    canvas.height = f.height;
    ctx.putImageData(lumaImage(f.luma, f.width, f.height), 0, 0);
    view.classList.remove('idle');
    if (!decodeCanvas('simulated', { grade: true }).length) {
      showError($('result-error'), 'No symbol found in the simulated frame.');
    }
  } catch (e) {
    showError($('result-error'), e.message);
  }
});

// ---- encoder
let currentSymbol = null;

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function encodeNow() {
  const input = $('enc-input').value.trim();
  const out = $('enc-out');
  currentSymbol = null;
  out.replaceChildren();
  $('enc-meta').textContent = '';
  if (!ecc200.features.encode) {
    showError($('enc-error'), 'This build has no encoder yet.');
  }
  if ($('enc-gs1').checked && ecc200.features.gs1) {
    const v = ecc200.gs1.validate(input);
    if (!v.valid) {
      showError($('enc-error'), v.errors.map((e) => e.message).join('\n'));
      return;
    }
    $('enc-meta').textContent =
      v.hri.join('  ') + (v.warnings.length ? `  ⚠ ${v.warnings.map((w) => w.message).join('; ')}` : '');
  }
  if (!ecc200.features.encode) return;
  try {
    currentSymbol = ecc200.encode(input, { gs1: $('enc-gs1').checked, shape: $('enc-shape').value });
    out.innerHTML = currentSymbol.toSvg({ modulePx: 4 });
    $('enc-meta').textContent = `${currentSymbol.size} · ${$('enc-meta').textContent}`;
    showError($('enc-error'), '');
  } catch (e) {
    showError($('enc-error'), e.message);
  }
}

$('enc-input').addEventListener('input', encodeNow);
$('enc-gs1').addEventListener('change', encodeNow);
$('enc-shape').addEventListener('change', encodeNow);
$('enc-svg').addEventListener('click', () => {
  if (!currentSymbol) return;
  const svg = currentSymbol.toSvg({ modulePx: Number($('enc-scale').value) || 8 });
  download('datamatrix.svg', new Blob([svg], { type: 'image/svg+xml' }));
});
$('enc-png').addEventListener('click', () => {
  if (!currentSymbol) return;
  const png = currentSymbol.toPng({ modulePx: Number($('enc-scale').value) || 8 });
  download('datamatrix.png', new Blob([png], { type: 'image/png' }));
});
// Read the symbol back as a camera would see it: the core's simulator photographs it
// (turned, slightly blurred, noisy) and the reader decodes that frame.
$('enc-read').addEventListener('click', () => {
  if (!currentSymbol) return;
  const f = ecc200.simulate({
    width: 960,
    height: 540,
    symbols: [{ ...currentSymbol, x: 480, y: 270, modulePx: 7, rotation: 0.4, tiltX: 0.2 }],
    paper: 190,
    blur: 0.7,
    noise: 2,
    seed: 5,
  });
  stopCamera();
  canvas.width = f.width;
  canvas.height = f.height;
  ctx.putImageData(lumaImage(f.luma, f.width, f.height), 0, 0);
  view.classList.remove('idle');
  if (!decodeCanvas('encoder', { grade: true }).length) {
    showError($('result-error'), 'The reader did not find the symbol in the simulated photo.');
  }
});

view.classList.add('idle');
encodeNow();
if (new URLSearchParams(location.search).has('camera')) startCamera();
