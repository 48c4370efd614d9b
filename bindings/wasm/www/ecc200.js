// ecc200: GS1 DataMatrix (ECC 200) make, read and grade, in WebAssembly.
//
// ES module loader. It picks the simd128 build or the scalar fallback at load time
// (WebAssembly.validate on a tiny SIMD module), instantiates it, and exposes the API in
// camelCase. All the logic is in the Rust core: these wrappers only forward calls,
// turn failures into JS Errors carrying the core's message, and recover from an
// internal error (a trap) by instantiating a fresh module.
//
//   import * as ecc200 from './ecc200.js';        // ready: the module awaits its load
//   const api = await ecc200.load({ variant: 'scalar' }); // another, independent instance
//
// Works in browsers (fetches ./pkg/<variant>/ecc200_wasm_bg.wasm next to this file) and
// in Node 18+ (reads the same file from disk).

// (module (func (result v128) i32.const 0 i8x16.splat))
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253,
  15, 11,
]);

/** `true` when this JS engine supports WebAssembly SIMD (simd128). */
export const simdSupported = WebAssembly.validate(SIMD_PROBE);

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);

async function wasmSource(variant) {
  const url = new URL(`./pkg/${variant}/ecc200_wasm_bg.wasm`, import.meta.url);
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return readFile(url);
  }
  return url;
}

/** The variant that `load()` picks by default: `'simd'` when supported, else `'scalar'`. */
export function defaultVariant() {
  try {
    const q = globalThis.location && new URLSearchParams(globalThis.location.search).get('ecc200');
    if (q === 'simd' || q === 'scalar') return q;
  } catch (_) {
    /* no location */
  }
  return simdSupported ? 'simd' : 'scalar';
}

let importCounter = 0;

// Imports a fresh copy of the wasm-bindgen glue (a distinct URL gives a distinct module
// record, hence its own WebAssembly instance) and instantiates it.
async function instantiate(variant, compiled) {
  const url = new URL(`./pkg/${variant}/ecc200_wasm.js`, import.meta.url);
  url.searchParams.set('instance', String(importCounter++));
  const glue = await import(url.href);
  let module = compiled;
  if (!module) {
    const src = await wasmSource(variant);
    module =
      src instanceof URL
        ? await WebAssembly.compileStreaming(fetch(src)).catch(async () =>
            WebAssembly.compile(await (await fetch(src)).arrayBuffer()),
          )
        : await WebAssembly.compile(src);
  }
  await glue.default({ module_or_path: module });
  return { glue, module };
}

function asError(e) {
  if (e instanceof Error) return e;
  return new Error(String(e));
}

/**
 * Loads an independent instance of the API.
 * @param {{variant?: 'auto'|'simd'|'scalar'}} [options]
 */
export async function load(options = {}) {
  let variant = options.variant && options.variant !== 'auto' ? options.variant : defaultVariant();
  if (variant === 'simd' && !simdSupported) {
    throw new Error('ecc200: the simd build was asked for but this engine has no WebAssembly SIMD');
  }
  if (variant !== 'simd' && variant !== 'scalar') {
    throw new Error(`ecc200: unknown variant ${variant} (expected auto, simd or scalar)`);
  }
  let { glue, module } = await instantiate(variant);
  let generation = 0;
  let recovering = null;

  // Runs fn(glue); a trap (WebAssembly.RuntimeError: a Rust panic or a bug) becomes an
  // Error with the panic message, and a fresh instance replaces the broken one.
  function call(fn) {
    if (recovering) {
      throw new Error('ecc200: recovering from an internal error, retry in a moment');
    }
    try {
      return fn(glue);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        let msg = '';
        try {
          msg = glue.takePanicMessage();
        } catch (_) {
          /* the broken instance may not answer */
        }
        recovering = instantiate(variant, module).then(
          (r) => {
            glue = r.glue;
            generation++;
            recovering = null;
          },
          () => {
            recovering = null;
          },
        );
        api.ready = recovering;
        throw new Error(`ecc200 internal error: ${msg || e.message} (module reloaded)`);
      }
      throw asError(e);
    }
  }

  // A reader survives a recovery: it is rebuilt (same options) on the fresh instance.
  class Reader {
    #options;
    #inner = null;
    #generation = -1;
    /** @param {object} [options] see ecc200.d.ts */
    constructor(options = {}) {
      this.#options = options;
      this.#ensure();
    }
    #ensure() {
      if (this.#inner && this.#generation === generation) return;
      this.#inner = call((g) => new g.Reader(this.#options));
      this.#generation = generation;
    }
    /** decode(imageData) or decode(pixels, width, height): an array of results. */
    decode(image, width, height) {
      this.#ensure();
      return call(() => this.#inner.decode(image, width, height));
    }
    /** Grades result `index` of the last decode() on that frame (ISO/IEC 15415). */
    grade(index = 0, options) {
      if (!this.#inner || this.#generation !== generation) {
        throw new Error('ecc200: Reader.grade: no frame decoded since the module was reloaded');
      }
      return call(() => this.#inner.grade(index, options));
    }
    /** Frees the reader's buffers now (otherwise the garbage collector does). */
    free() {
      if (this.#inner && this.#generation === generation) this.#inner.free();
      this.#inner = null;
    }
  }

  // A symbol made by encode(): plain data plus render methods.
  function symbolOf(raw) {
    const grid = { rows: raw.rows, cols: raw.cols, modules: raw.modules };
    return Object.assign(raw, {
      toSvg: (options) => call((g) => g.renderSvg(grid, options)),
      toPng: (options) => call((g) => g.renderPng(grid, options)),
      toRgba: (scale = 4) => call((g) => g.renderRgba(grid, scale)),
    });
  }

  const has = (name) => typeof glue[name] === 'function';
  const need = (name) => {
    if (!has(name)) throw new Error(`ecc200: ${name} is not available in this build`);
  };

  const api = {
    /** Which build runs: `'simd'` or `'scalar'`. */
    variant,
    /** Resolves when the instance is usable (after a recovery). */
    ready: Promise.resolve(),
    /** `true` when the running build uses simd128 instructions (asked of the module). */
    simdEnabled: () => call((g) => g.simdEnabled()),
    /** The package version. */
    version: () => call((g) => g.version()),
    /** What this build can do (core pieces present). */
    features: {
      encode: has('encode'),
      read: has('Reader'),
      grade: has('grade'),
      gs1: has('gs1Parse'),
    },
    /** Encodes data into a symbol; see ecc200.d.ts. */
    encode: (data, options) => {
      need('encode');
      return symbolOf(call((g) => g.encode(data, options)));
    },
    Reader,
    /** One-shot read of a grey image (width*height bytes) with default options. */
    readLuma: (pixels, width, height) => call((g) => g.readLuma(pixels, width, height)),
    /** Grades a symbol in an image (ISO/IEC 15415); see ecc200.d.ts. */
    grade: (image, width, height, options) => {
      need('grade');
      if (typeof width !== 'number') return call((g) => g.grade(image, undefined, undefined, width));
      return call((g) => g.grade(image, width, height, options));
    },
    gs1: {
      parse: (input) => call((g) => g.gs1Parse(input)),
      validate: (input, options) => call((g) => g.gs1Validate(input, options)),
      hri: (input, style) => call((g) => g.gs1Hri(input, style)),
      toDigitalLink: (input, stem) => call((g) => g.gs1ToDigitalLink(input, stem)),
    },
    /**
     * Decodes a module grid `{rows, cols, modules}` (row-major, non-zero = dark; finder L
     * on the left column and bottom row; other orientations and mirroring are tried).
     */
    decodeModules: (grid) => call((g) => g.decodeModules(grid)),
    /** The symbol of a size ("RxC") holding exactly these data codewords (test tool). */
    symbolFromCodewords: (size, dataCodewords) =>
      call((g) => g.symbolFromCodewords(size, dataCodewords)),
    /** SVG of a module grid `{rows, cols, modules}`. */
    renderSvg: (grid, options) => call((g) => g.renderSvg(grid, options)),
    /** PNG file bytes of a module grid (the core's encoder). */
    renderPng: (grid, options) => call((g) => g.renderPng(grid, options)),
    /** RGBA pixels of a module grid at `scale` pixels per module (1-module quiet zone). */
    renderRgba: (grid, scale = 4) => call((g) => g.renderRgba(grid, scale)),
    /** Renders a simulated camera frame (the core's simulator); see ecc200.d.ts. */
    simulate: (options) => call((g) => g.simulate(options)),
    /** A YUV4MPEG2 stream of grey frames (Chromium's fake-camera format). */
    toY4m: (frames, width, height, fps = 30) => call((g) => g.toY4m(frames, width, height, fps)),
    /** Test hook: makes the module panic, to exercise the recovery. */
    __panicForTest: () => call((g) => g.__panicForTest()),
    /** The generation of the instance (incremented by each recovery). */
    get generation() {
      return generation;
    },
  };
  return api;
}

const api = await load();
export default api;
export const {
  variant,
  features,
  simdEnabled,
  version,
  encode,
  Reader,
  readLuma,
  grade,
  gs1,
  decodeModules,
  symbolFromCodewords,
  renderSvg,
  renderPng,
  renderRgba,
  simulate,
  toY4m,
} = api;
