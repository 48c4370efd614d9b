// Types of ecc200.js: GS1 DataMatrix (ECC 200) make, read and grade in WebAssembly.
// Every function throws a JS `Error` carrying the core's message (which AI, which
// character, which limit) when its input is wrong.

/** A point in image pixels (x right, y down). */
export interface Point {
  x: number;
  y: number;
}

/** A module grid: row-major, `modules[r * cols + c]` non-zero = dark. */
export interface ModuleGrid {
  rows: number;
  cols: number;
  modules: Uint8Array | number[];
}

/** One GS1 element (AI and value). */
export interface Gs1Element {
  ai: string;
  value: string;
  /** The GS1 data title, e.g. "BATCH/LOT" ("" for an unknown AI). */
  title: string;
}

/** A decoded symbol. */
export interface Decoded {
  /** The content as text (ISO 8859-1 unless an ECI says otherwise); GS (0x1D) separates GS1 fields. */
  text: string;
  bytes: Uint8Array;
  /** FNC1 in first position: GS1 data. */
  gs1: boolean;
  /** FNC1 in second position (AIM). */
  aim: boolean;
  /** "]d1", "]d2" (GS1), "]d3" (AIM), "]d4"-"]d6" with ECI. */
  symbologyIdentifier: string;
  rows: number;
  cols: number;
  /** "RxC", e.g. "24x24". */
  size: string;
  eci: { offset: number; eci: number }[];
  structuredAppend: { position: number; total: number; fileId: Uint8Array } | null;
  readerProgramming: boolean;
  mirrored: boolean;
  errorsCorrected: number;
  erasuresCorrected: number;
  /** Lowest unused error-correction fraction of any block (1 = clean). */
  unusedErrorCorrection: number;
  fixedPatternErrors: number;
  codewords: Uint8Array;
}

/** A symbol found in an image. */
export interface ReadResult extends Decoded {
  /** Outer corners: module (0,0) corner (top-left as encoded), top-right, bottom-right, bottom-left (the L corner). */
  corners: Point[];
  inverted: boolean;
  /** Mean module size in pixels. */
  modulePx: number;
  /** GS1 elements (null when not GS1). */
  elements: Gs1Element[] | null;
  /** Human-readable interpretation, one line per AI, e.g. "(01) 09506000134352" (null when not GS1). */
  hri: string[] | null;
  /** Present when GS1 data does not parse as an element string. */
  gs1Error?: string;
}

export interface ReaderOptions {
  /** Try harder (more candidates and hypotheses). Default false. */
  thorough?: boolean;
  /** Stop after this many symbols. Default 8. */
  maxSymbols?: number;
  /** Also look for light-on-dark symbols. Default true. */
  tryInverted?: boolean;
  /** Also try mirrored. Default true. */
  tryMirrored?: boolean;
  /** Only accept this size, "RxC". Default any. */
  size?: string;
  /** Smallest module size looked for, pixels. Default 1.5. */
  minModulePx?: number;
  /** Largest module size looked for, pixels. Default 400. */
  maxModulePx?: number;
  /** Most candidates examined per frame. Default 48. */
  workBudget?: number;
  /** Minimum grey-level range of an 8x8 block to carry an edge. Default 16. */
  minContrast?: number;
}

/** Pixels the reader accepts. */
export interface ImageLike {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** A reusable reader: keep one and call decode() for each frame. */
export class Reader {
  constructor(options?: ReaderOptions);
  /** An ImageData (RGBA) or any {data, width, height}. */
  decode(image: ImageLike): ReadResult[];
  /** RGBA (width*height*4 bytes) or grey (width*height bytes) pixels. */
  decode(pixels: Uint8ClampedArray | Uint8Array, width: number, height: number): ReadResult[];
  /** Grades result `index` (default 0) of the last decode() on that frame. */
  grade(index?: number, options?: GradeOptions): Quality;
  /** Frees the buffers now (otherwise the garbage collector does). */
  free(): void;
}

export interface GradeOptions {
  /** Synthetic aperture as a fraction of the X dimension. Default 0.8. */
  aperture?: number;
  /** Aperture in mils (needs dpi). */
  apertureMils?: number;
  /** Aperture in mm (needs dpi). */
  apertureMm?: number;
  /** Image resolution at the symbol plane. Default none. */
  dpi?: number;
  /** Illumination wavelength for the grade string. Default 660. */
  wavelengthNm?: number;
  /** Notional UEC reading. Default "erasures". */
  notionalUec?: 'erasures' | 'errors';
  /** Fewer pixels per module warns. Default 5. */
  minPixelsPerModule?: number;
  /** Make low resolution an error. Default false. */
  lowResolutionIsError?: boolean;
  /** Reflectance calibration from a calibrated card. Default none (uncalibrated). */
  calibration?: { measuredWhite: number; measuredBlack: number; cardRmax: number; cardRmin: number };
  /** Options of the reader used by grade(). */
  reader?: ReaderOptions;
}

/** A read symbol and its grade. */
export type Graded = ReadResult & { quality: Quality | null; qualityError: string | null };

/** An ISO/IEC 15415 grade. */
export interface Quality {
  /** Overall grade 0.0 .. 4.0. */
  grade: number;
  /** "A" .. "F". */
  letter: string;
  /** e.g. "3.0/--/660". */
  gradeString: string;
  /** The report for people. */
  text: string;
  /** Every parameter, per codeword and per module (the core's JSON report). */
  report: any;
}

export interface SvgOptions {
  /** Pixels per module. Default 10. */
  modulePx?: number;
  /** Physical module size in mm (rounded to whole printer dots at dpi). Default none. */
  xDimMm?: number;
  /** Printer resolution with xDimMm. Default 300. */
  dpi?: number;
  /** Quiet zone in modules. Default 1. */
  quietZone?: number;
  /** Light modules on dark. Default false. */
  invert?: boolean;
  /** Colour of marks. Default "#000". */
  dark?: string;
  /** Background colour, null for transparent. Default "#fff". */
  light?: string | null;
  /** Text lines printed under the symbol (e.g. gs1.hri(...)). Default none. */
  hri?: string[];
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface EncodeOptions {
  /** Encode as GS1 (FNC1 first; data in bracketed, raw or Digital Link form). Default false. */
  gs1?: boolean;
  /** "square" (default), "rectangle" (ISO rectangles), "dmre" (rectangles incl. DMRE), "any". */
  shape?: 'square' | 'rectangle' | 'dmre' | 'any';
  /** A fixed size "RxC" instead of the smallest that fits. */
  size?: string;
}

/** A symbol made by encode(). */
export interface EncodedSymbol extends ModuleGrid {
  rows: number;
  cols: number;
  size: string;
  modules: Uint8Array;
  toSvg(options?: SvgOptions): string;
  /** A PNG file (1-bit; colours of SvgOptions do not apply). */
  toPng(options?: SvgOptions): Uint8Array;
  /** RGBA at `scale` pixels per module (default 4) with a one-module quiet zone. */
  toRgba(scale?: number): Rgba;
}

export interface Gs1Issue {
  ai: string | null;
  /** 0-based byte offset in the input. */
  position: number;
  length: number;
  /** Rule name, e.g. "csum", "yymmd0", "cset82", "length", "req". */
  rule: string;
  message: string;
}

export interface Gs1Validation {
  valid: boolean;
  errors: Gs1Issue[];
  warnings: Gs1Issue[];
  elements: Gs1Element[] | null;
  hri: string[] | null;
}

export interface Gs1Api {
  /** Parses bracketed "(01)...", raw (GS separators), scanner "]d2..." or Digital Link data. */
  parse(input: string): { elements: Gs1Element[]; hri: string[]; bracketed: string; raw: string };
  /** Parses and validates against the GS1 Barcode Syntax Dictionary. */
  validate(
    input: string,
    options?: { permitUnknownAis?: boolean; checkAssociations?: boolean; warnEmbeddedAis?: boolean },
  ): Gs1Validation;
  /** HRI lines: "plain" (default), "eu-fmd" or "dscsa" pharma text blocks. */
  hri(input: string, style?: 'plain' | 'eu-fmd' | 'dscsa'): string[];
  /** GS1 Digital Link URI; stem default "https://id.gs1.org". */
  toDigitalLink(input: string, stem?: string): string;
}

export interface SimSymbol extends ModuleGrid {
  /** Centre, pixels. */
  x: number;
  y: number;
  modulePx: number;
  rotation?: number;
  tiltX?: number;
  tiltY?: number;
  mirrored?: boolean;
  inverted?: boolean;
  quietZone?: number;
  printGrowth?: number;
  roundDots?: number;
}

export interface SimOptions {
  width?: number;
  height?: number;
  symbols?: SimSymbol[];
  paper?: number;
  texture?: number;
  clutter?: number;
  blur?: number;
  noise?: number;
  gradient?: number;
  gradientAngle?: number;
  vignette?: number;
  contrast?: number;
  gamma?: number;
  invert?: boolean;
  seed?: number;
}

export interface SimFrame {
  width: number;
  height: number;
  luma: Uint8Array;
  truth: { corners: Point[]; modulePx: number; mirrored: boolean }[];
}

export interface Ecc200 {
  /** The build in use. */
  readonly variant: 'simd' | 'scalar';
  /** Core pieces present in this build. */
  readonly features: { encode: boolean; read: boolean; grade: boolean; gs1: boolean };
  /** Resolves when usable again after an internal-error recovery. */
  readonly ready: Promise<void>;
  /** Incremented by each recovery from an internal error. */
  readonly generation: number;
  simdEnabled(): boolean;
  version(): string;
  encode(data: string | Uint8Array, options?: EncodeOptions): EncodedSymbol;
  Reader: typeof Reader;
  readLuma(pixels: Uint8Array, width: number, height: number): ReadResult[];
  /** Reads and grades every symbol in an image; `quality` is null (and `qualityError` says why) for a symbol read but not gradable. */
  grade(image: ImageLike, options?: GradeOptions): Graded[];
  grade(pixels: Uint8Array | Uint8ClampedArray, width: number, height: number, options?: GradeOptions): Graded[];
  gs1: Gs1Api;
  decodeModules(grid: ModuleGrid): Decoded;
  symbolFromCodewords(size: string, dataCodewords: Uint8Array | number[]): ModuleGrid & { size: string; codewords: Uint8Array };
  renderSvg(grid: ModuleGrid, options?: SvgOptions): string;
  renderPng(grid: ModuleGrid, options?: SvgOptions): Uint8Array;
  renderRgba(grid: ModuleGrid, scale?: number): Rgba;
  simulate(options: SimOptions): SimFrame;
  toY4m(frames: Uint8Array[], width: number, height: number, fps?: number): Uint8Array;
}

/** Whether the engine supports WebAssembly SIMD. */
export const simdSupported: boolean;
/** "simd" when supported (or forced with ?ecc200=simd|scalar in the page URL), else "scalar". */
export function defaultVariant(): 'simd' | 'scalar';
/** Loads an independent instance; `variant` "auto" (default), "simd" or "scalar". */
export function load(options?: { variant?: 'auto' | 'simd' | 'scalar' }): Promise<Ecc200>;

declare const api: Ecc200;
export default api;
export const variant: Ecc200['variant'];
export const features: Ecc200['features'];
export const simdEnabled: Ecc200['simdEnabled'];
export const version: Ecc200['version'];
export const encode: Ecc200['encode'];
export const readLuma: Ecc200['readLuma'];
export const grade: Ecc200['grade'];
export const gs1: Gs1Api;
export const decodeModules: Ecc200['decodeModules'];
export const symbolFromCodewords: Ecc200['symbolFromCodewords'];
export const renderSvg: Ecc200['renderSvg'];
export const renderPng: Ecc200['renderPng'];
export const renderRgba: Ecc200['renderRgba'];
export const simulate: Ecc200['simulate'];
export const toY4m: Ecc200['toY4m'];
