/**
 * The zip container of an OOXML package, read and written at the level of entries, so that a copy can
 * carry a part over as the exact compressed bytes it had (nothing inflated, nothing re-deflated) and
 * replace only the parts it changes. Runs in the browser too: fflate for DEFLATE, no Node modules.
 *
 * Reading parses the central directory (ZIP64 included); an entry's data is inflated only when asked,
 * whole (`bytesOf`) or in chunks (`streamOf`, for a large worksheet). Writing (`ZipWriter`) appends
 * local headers and data to a list of chunks and ends with the central directory.
 */
import { Deflate, Inflate, deflateSync, inflateSync } from "fflate";

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where the compressed data starts in the archive. */
  dataStart: number;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
}

/** DEFLATE as the platform offers it natively (Node's zlib); fflate, in JavaScript, where it does not. */
export interface Codec {
  inflate(raw: Uint8Array, size: number): Uint8Array;
  deflate(data: Uint8Array, level: number): Uint8Array;
  /**
   * One piece of a DEFLATE stream: each piece compressed on its own and ended with a sync flush (so
   * pieces concatenate into one valid stream), the last one with the final block.
   */
  deflatePiece(data: Uint8Array, level: number, last: boolean): Uint8Array;
  crc32?(data: Uint8Array, crc: number): number;
}

let native: Codec | null = null;

/** Use a native codec (file-io.ts plugs in Node's zlib; the browser keeps fflate). */
export function setCodec(codec: Codec | null): void {
  native = codec;
}

function inflateRaw(raw: Uint8Array, size: number): Uint8Array {
  return native ? native.inflate(raw, size) : inflateSync(raw, { out: new Uint8Array(size) });
}

function deflateRaw(data: Uint8Array, level: 1 | 6): Uint8Array {
  return native ? native.deflate(data, level) : deflateSync(data, { level });
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/** Whether the bytes start like a zip archive ("PK\3\4"). */
export function looksLikeZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4;
}

/** The entries of a zip archive, in central-directory order. Throws ZipFormatError when it is not one. */
export function readZip(b: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--)
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipFormatError("no zip directory (the file is truncated or not a zip archive)");
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdStart = u32(b, eocd + 16);
  if (count === 0xffff || cdStart === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipFormatError("a ZIP64 archive without its locator");
    const z = u64(b, loc + 8);
    if (u32(b, z) !== 0x06064b50) throw new ZipFormatError("a ZIP64 archive without its directory record");
    count = u64(b, z + 32);
    cdSize = u64(b, z + 40);
    cdStart = u64(b, z + 48);
  }
  if (cdStart + cdSize > b.length) throw new ZipFormatError("the zip directory points past the end of the file");
  const out: ZipEntry[] = [];
  const names = new TextDecoder();
  let p = cdStart;
  for (let k = 0; k < count; k++) {
    if (u32(b, p) !== 0x02014b50) throw new ZipFormatError("a damaged zip directory entry");
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const crc = u32(b, p + 16);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let local = u32(b, p + 42);
    const name = names.decode(b.subarray(p + 46, p + 46 + nameLen));
    // ZIP64 extra field: the 64-bit values, in order, for the 32-bit fields that are all ones.
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 1) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(b, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(b, q);
          q += 8;
        }
        if (local === 0xffffffff) local = u64(b, q);
      }
      e += 4 + len;
    }
    if (u32(b, local) !== 0x04034b50) throw new ZipFormatError(`a damaged zip entry (${name})`);
    const dataStart = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (dataStart + compressedSize > b.length) throw new ZipFormatError(`a truncated zip entry (${name})`);
    out.push({ name, method, crc, compressedSize, size, dataStart, flags });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function checkReadable(e: ZipEntry): void {
  if (e.flags & 1) throw new ZipFormatError(`the zip entry ${e.name} is encrypted`);
  if (e.method !== 0 && e.method !== 8)
    throw new ZipFormatError(`the zip entry ${e.name} uses compression method ${e.method}`);
}

/** The raw (still compressed) bytes of an entry. */
export function rawOf(archive: Uint8Array, e: ZipEntry): Uint8Array {
  return archive.subarray(e.dataStart, e.dataStart + e.compressedSize);
}

/** An entry's content, inflated. */
export function bytesOf(archive: Uint8Array, e: ZipEntry): Uint8Array {
  checkReadable(e);
  const raw = rawOf(archive, e);
  if (e.method === 0) return raw;
  try {
    return inflateRaw(raw, e.size);
  } catch (x) {
    throw new ZipFormatError(`the zip entry ${e.name} is damaged (${(x as Error).message})`);
  }
}

/**
 * An entry's content in chunks of at most about `chunk` bytes, inflated as they are consumed: a large
 * worksheet is scanned without holding all of its XML at once.
 */
export function* streamOf(archive: Uint8Array, e: ZipEntry, chunk = 1 << 20): Generator<Uint8Array> {
  checkReadable(e);
  const raw = rawOf(archive, e);
  if (e.method === 0 || native) {
    // A native inflater is fast enough to inflate the whole part at once; the scan still goes in chunks.
    const all = e.method === 0 ? raw : bytesOf(archive, e);
    for (let i = 0; i < all.length; i += chunk) yield all.subarray(i, Math.min(all.length, i + chunk));
    return;
  }
  const pending: Uint8Array[] = [];
  const inflate = new Inflate((data) => pending.push(data));
  // Compressed input goes in small steps, so what comes out per step stays near `chunk`.
  const step = Math.max(16384, chunk >> 3);
  try {
    for (let i = 0; i < raw.length; i += step) {
      inflate.push(raw.subarray(i, Math.min(raw.length, i + step)), i + step >= raw.length);
      while (pending.length) yield pending.shift()!;
    }
    if (raw.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (x) {
    throw new ZipFormatError(`the zip entry ${e.name} is damaged (${(x as Error).message})`);
  }
  while (pending.length) yield pending.shift()!;
}

// ------------------------------------------------------------------------------------------------ writing

const CRC_TABLE = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++)
    for (let s = 1; s < 8; s++) t[s * 256 + n] = (t[(s - 1) * 256 + n] >>> 8) ^ t[t[(s - 1) * 256 + n] & 0xff];
  return t;
})();

/** CRC-32 (the zip one) of `b`, continued from `crc` (natively where the platform has it, else slicing by 8). */
export function crc32(b: Uint8Array, crc = 0): number {
  if (native?.crc32) return native.crc32(b, crc);
  let c = ~crc;
  let i = 0;
  const n = b.length;
  const t = CRC_TABLE;
  for (; i + 8 <= n; i += 8) {
    c ^= b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    c =
      t[1792 + (c & 0xff)] ^
      t[1536 + ((c >>> 8) & 0xff)] ^
      t[1280 + ((c >>> 16) & 0xff)] ^
      t[1024 + (c >>> 24)] ^
      t[768 + b[i + 4]] ^
      t[512 + b[i + 5]] ^
      t[256 + b[i + 6]] ^
      t[b[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface Written {
  name: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const encoder = new TextEncoder();

/**
 * A zip archive built entry by entry. `copy` carries an entry of another archive over as it is (its
 * compressed bytes untouched); `add` deflates new content; `addStream` deflates content produced in
 * chunks (a large worksheet) without ever holding it whole.
 */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly entries: Written[] = [];
  private offset = 0;

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.offset += b.length;
  }

  private header(w: Omit<Written, "offset">): void {
    const h = new Uint8Array(30);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // names are UTF-8
    v.setUint16(8, w.method, true);
    v.setUint16(10, 0, true);
    v.setUint16(12, 0x21, true); // 1980-01-01: a fixed date, so the same content gives the same bytes
    v.setUint32(14, w.crc, true);
    v.setUint32(18, w.compressedSize, true);
    v.setUint32(22, w.size, true);
    v.setUint16(26, w.name.length, true);
    this.entries.push({ ...w, offset: this.offset });
    this.push(h);
    this.push(w.name);
  }

  private checkSize(name: string, ...sizes: number[]): void {
    if (sizes.some((s) => s >= 0xffffffff) || this.offset >= 0xffffffff)
      throw new ZipFormatError(`${name} is larger than 4 GB; split the data`);
  }

  /** Carry an entry of `archive` over unchanged. */
  copy(archive: Uint8Array, e: ZipEntry, as: string = e.name): void {
    this.checkSize(as, e.compressedSize, e.size);
    this.header({
      name: encoder.encode(as),
      method: e.method,
      crc: e.crc,
      compressedSize: e.compressedSize,
      size: e.size,
    });
    this.push(rawOf(archive, e));
  }

  /** A new entry with this content (text is written as UTF-8). */
  add(name: string, content: string | Uint8Array, level: 0 | 1 | 6 = 6): void {
    const data = typeof content === "string" ? encoder.encode(content) : content;
    const packed = level === 0 ? data : deflateRaw(data, level);
    this.checkSize(name, packed.length, data.length);
    this.header({
      name: encoder.encode(name),
      method: level === 0 ? 0 : 8,
      crc: crc32(data),
      compressedSize: packed.length,
      size: data.length,
    });
    this.push(packed);
  }

  /**
   * A new entry whose content comes in pieces (strings are UTF-8 encoded as they come): deflated as it
   * is produced, so only the compressed form is held.
   */
  addStream(name: string, pieces: Iterable<string | Uint8Array>, level: 1 | 6 = 1): void {
    const out: Uint8Array[] = [];
    let compressed = 0;
    const codec = native;
    const deflate = codec
      ? {
          push: (d: Uint8Array, last = false) => {
            const packed = codec.deflatePiece(d, level, last);
            out.push(packed);
            compressed += packed.length;
          },
        }
      : new Deflate({ level }, (d) => {
          out.push(d);
          compressed += d.length;
        });
    let crc = 0;
    let size = 0;
    // Text is gathered in a list and joined once per megabyte: one flat string to encode, not a rope.
    let pendingText: string[] = [];
    let pendingLength = 0;
    const flushText = () => {
      if (!pendingLength) return;
      const b = encoder.encode(pendingText.join(""));
      pendingText = [];
      pendingLength = 0;
      crc = crc32(b, crc);
      size += b.length;
      deflate.push(b);
    };
    for (const p of pieces) {
      if (typeof p === "string") {
        pendingText.push(p);
        pendingLength += p.length;
        if (pendingLength >= 1 << 20) flushText();
      } else {
        flushText();
        crc = crc32(p, crc);
        size += p.length;
        deflate.push(p);
      }
    }
    flushText();
    deflate.push(new Uint8Array(0), true);
    this.checkSize(name, compressed, size);
    this.header({ name: encoder.encode(name), method: 8, crc, compressedSize: compressed, size });
    for (const d of out) this.push(d);
  }

  /** The finished archive. */
  finish(): Uint8Array {
    const start = this.offset;
    for (const e of this.entries) {
      const c = new Uint8Array(46);
      const v = new DataView(c.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0800, true);
      v.setUint16(10, e.method, true);
      v.setUint16(12, 0, true);
      v.setUint16(14, 0x21, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressedSize, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint32(42, e.offset, true);
      this.push(c);
      this.push(e.name);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    if (this.entries.length > 0xffff) throw new ZipFormatError("more than 65,535 parts in one workbook");
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, this.offset - start, true);
    v.setUint32(16, start, true);
    this.push(end);
    const all = new Uint8Array(this.offset);
    let o = 0;
    for (const c of this.chunks) {
      all.set(c, o);
      o += c.length;
    }
    return all;
  }
}
