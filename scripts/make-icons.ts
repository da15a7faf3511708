/**
 * Draws the add-in's icons as real PNGs with nothing but node's zlib: one coloured rounded tile with a
 * white glyph per ribbon command (16, 32, 64, 80 px) and the add-in icon (16 to 128 px).
 *
 *   node bin/run-ts.js scripts/make-icons.ts      writes assets/*.png
 *
 * Shapes are signed-distance tests sampled 4x4 per pixel, so small sizes stay smooth.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";

type Rgb = [number, number, number];
/** A glyph: is the point (x, y), in 0..1 tile units, covered? */
type Shape = (x: number, y: number) => boolean;

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Encodes RGBA pixels (width*height*4) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- shapes

const seg =
  (x1: number, y1: number, x2: number, y2: number, w: number): Shape =>
  (x, y) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) <= w / 2;
  };
const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;
const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) <= r;
const ring =
  (cx: number, cy: number, r: number, w: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const frame = (x0: number, y0: number, x1: number, y1: number, w: number): Shape =>
  union(seg(x0, y0, x1, y0, w), seg(x1, y0, x1, y1, w), seg(x1, y1, x0, y1, w), seg(x0, y1, x0, y0, w));
const union =
  (...s: Shape[]): Shape =>
  (x, y) =>
    s.some((f) => f(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

function roundedTile(x: number, y: number, r = 0.18, inset = 0.02): boolean {
  const lo = inset + r;
  const hi = 1 - inset - r;
  const cx = Math.max(lo, Math.min(hi, x));
  const cy = Math.max(lo, Math.min(hi, y));
  return Math.hypot(x - cx, y - cy) <= r;
}

// ---------------------------------------------------------------- the icons

const W = 0.09; // stroke width in tile units (about 1.5px at 16px)

export interface IconDef {
  name: string;
  color: Rgb;
  glyph: Shape;
  /** Optional second colour layer drawn over the glyph. */
  accent?: { color: Rgb; shape: Shape };
}

export const ICONS: IconDef[] = [
  {
    // The add-in: a ledger grid with a green tick.
    name: "icon",
    color: [0x1f, 0x4e, 0x78],
    glyph: union(
      frame(0.22, 0.22, 0.78, 0.78, W),
      seg(0.22, 0.41, 0.78, 0.41, W * 0.8),
      seg(0.22, 0.6, 0.78, 0.6, W * 0.8),
      seg(0.45, 0.22, 0.45, 0.78, W * 0.8),
    ),
    accent: {
      color: [0x70, 0xad, 0x47],
      shape: minus(disc(0.72, 0.72, 0.19), union(seg(0.63, 0.72, 0.7, 0.79, 0.07), seg(0.7, 0.79, 0.82, 0.66, 0.07))),
    },
  },
  {
    // Open Desk: a window with its side pane.
    name: "desk",
    color: [0x1f, 0x4e, 0x78],
    glyph: union(
      frame(0.2, 0.24, 0.8, 0.76, W),
      rect(0.56, 0.24, 0.8, 0.76),
      seg(0.28, 0.4, 0.46, 0.4, W * 0.8),
      seg(0.28, 0.56, 0.46, 0.56, W * 0.8),
    ),
  },
  {
    // Aging: a clock.
    name: "aging",
    color: [0xc5, 0x5a, 0x11],
    glyph: union(ring(0.5, 0.5, 0.28, W), seg(0.5, 0.5, 0.5, 0.32, W), seg(0.5, 0.5, 0.64, 0.58, W)),
  },
  {
    // Payroll register: a banknote.
    name: "payroll",
    color: [0x38, 0x76, 0x1d],
    glyph: union(
      minus(rect(0.16, 0.3, 0.84, 0.7), rect(0.16 + W, 0.3 + W, 0.84 - W, 0.7 - W)),
      ring(0.5, 0.5, 0.1, W),
      disc(0.29, 0.5, 0.04),
      disc(0.71, 0.5, 0.04),
    ),
  },
  {
    // SLA & quality: a stopwatch.
    name: "sla",
    color: [0x70, 0x30, 0xa0],
    glyph: union(
      ring(0.5, 0.56, 0.25, W),
      seg(0.5, 0.56, 0.5, 0.4, W),
      seg(0.42, 0.2, 0.58, 0.2, W),
      seg(0.5, 0.2, 0.5, 0.31, W),
    ),
  },
  {
    // Data quality: a shield with a tick.
    name: "quality",
    color: [0x00, 0x7a, 0x87],
    glyph: union(
      seg(0.26, 0.26, 0.5, 0.18, W),
      seg(0.5, 0.18, 0.74, 0.26, W),
      seg(0.26, 0.26, 0.28, 0.52, W),
      seg(0.74, 0.26, 0.72, 0.52, W),
      seg(0.28, 0.52, 0.5, 0.82, W),
      seg(0.72, 0.52, 0.5, 0.82, W),
      seg(0.38, 0.48, 0.47, 0.58, W),
      seg(0.47, 0.58, 0.63, 0.4, W),
    ),
  },
  {
    // Reconciliation: two opposite arrows.
    name: "recon",
    color: [0x2e, 0x75, 0xb6],
    glyph: union(
      seg(0.2, 0.36, 0.78, 0.36, W),
      seg(0.78, 0.36, 0.64, 0.22, W),
      seg(0.8, 0.64, 0.22, 0.64, W),
      seg(0.22, 0.64, 0.36, 0.78, W),
    ),
  },
  {
    // Bank reconciliation statement: a bank (pediment, three columns, a base) with an equals sign.
    name: "brs",
    color: [0x1e, 0x5e, 0x4e],
    glyph: union(
      seg(0.18, 0.36, 0.5, 0.18, W),
      seg(0.5, 0.18, 0.82, 0.36, W),
      seg(0.18, 0.36, 0.82, 0.36, W),
      rect(0.25, 0.42, 0.32, 0.66),
      rect(0.465, 0.42, 0.535, 0.66),
      rect(0.68, 0.42, 0.75, 0.66),
      seg(0.18, 0.73, 0.82, 0.73, W),
    ),
    accent: { color: [0x70, 0xad, 0x47], shape: union(rect(0.58, 0.78, 0.86, 0.83), rect(0.58, 0.87, 0.86, 0.92)) },
  },
];

/** Renders one icon at a size as RGBA: tile colour, white glyph, optional accent, transparent corners. */
export function renderIcon(def: IconDef, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4; // samples per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!roundedTile(x, y)) continue;
          let c: Rgb = def.color;
          if (def.glyph(x, y)) c = [255, 255, 255];
          if (def.accent?.shape(x, y)) c = def.accent.color;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (S * S));
      }
    }
  }
  return out;
}

/** Every icon file: command icons at 16/32/64/80, the add-in icon also at 128. */
export function iconFiles(): { file: string; size: number; def: IconDef }[] {
  const files: { file: string; size: number; def: IconDef }[] = [];
  for (const def of ICONS) {
    const sizes = def.name === "icon" ? [16, 32, 64, 80, 128] : [16, 32, 64, 80];
    for (const size of sizes) files.push({ file: `${def.name}-${size}.png`, size, def });
  }
  return files;
}

if (require.main === module || /make-icons\.ts$/.test(process.argv[1] ?? "")) {
  const dir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(dir, { recursive: true });
  for (const { file, size, def } of iconFiles()) {
    fs.writeFileSync(path.join(dir, file), encodePng(size, size, renderIcon(def, size)));
  }
  console.log(`wrote ${iconFiles().length} icons to ${dir}`);
}
