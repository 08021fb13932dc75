// Draws images/icon.png (128×128, the marketplace minimum): an orange λ inside a dashed "VPC" boundary on
// AWS's dark blue. Pure code, no image tools: `node --import tsx scripts/gen-icon.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
type Rgba = [number, number, number, number];
const BACKGROUND: Rgba = [0x23, 0x2f, 0x3e, 255];
const ORANGE: Rgba = [0xff, 0x99, 0x00, 255];
const BOUNDARY: Rgba = [0x8c, 0xc8, 0xff, 255];

/** Distance from point p to segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of a pixel centre by a stroke of half-width w around the segments, anti-aliased over one pixel. */
function strokeCoverage(x: number, y: number, segments: number[][], w: number): number {
  const d = Math.min(...segments.map(([ax, ay, bx, by]) => segmentDistance(x, y, ax!, ay!, bx!, by!)));
  return Math.max(0, Math.min(1, w + 0.5 - d));
}

/** Inside a rounded square (corner radius r) spanning [m, SIZE - m]. */
function inRoundedSquare(x: number, y: number, m: number, r: number): boolean {
  const lo = m + r;
  const hi = SIZE - m - r;
  const cx = Math.max(lo, Math.min(hi, x));
  const cy = Math.max(lo, Math.min(hi, y));
  return Math.hypot(x - cx, y - cy) <= r;
}

function pixel(x: number, y: number): Rgba {
  if (!inRoundedSquare(x, y, 2, 22)) return [0, 0, 0, 0];
  let c: Rgba = BACKGROUND;
  // Dashed boundary: the ring between two rounded squares, drawn on alternating 10-pixel runs.
  const onRing = inRoundedSquare(x, y, 12, 14) && !inRoundedSquare(x, y, 15, 11);
  if (onRing && Math.floor((x + y) / 10) % 2 === 0) c = BOUNDARY;
  // λ: a long stroke from top-left to bottom-right and a short leg to bottom-left.
  const lambda = [
    [44, 34, 86, 96],
    [64, 63, 42, 96],
    [38, 34, 48, 34],
  ];
  const a = strokeCoverage(x, y, lambda, 6);
  return a > 0 ? (c.map((v, i) => Math.round(v * (1 - a) + ORANGE[i]! * a)) as Rgba) : c;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function renderIcon(): Buffer {
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4); // each row starts with filter type 0 (none)
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x + 0.5, y + 0.5), row + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const out = path.resolve(__dirname, '..', 'images', 'icon.png');
  mkdirSync(path.dirname(out), { recursive: true });
  const png = renderIcon();
  writeFileSync(out, png);
  process.stderr.write(`${out}: ${png.length} bytes\n`);
}
