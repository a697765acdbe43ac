/** How numbers read on the page. Each returns '—' for a value that is not finite, so a NaN never prints. */
const DASH = '—';

export function fixed(n: number | undefined, digits: number): string {
  return n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : DASH;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 → "1.5 KiB"; whole bytes below 1 KiB. */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${BYTE_UNITS[u]}`;
}

/** 1234567 → "1.23M"; for ops/s and op counts on axes. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return `${Math.round(n)}`;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at or above `n` (1 for n ≤ 0): an axis end. */
export function nice_ceiling(n: number): number {
  if (!(n > 0) || !Number.isFinite(n)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= n * (1 - 1e-12)) ?? 10) * p;
}

/** nice_ceiling in the binary unit (B, KiB, MiB…) of `n`: 4.2e6 → 5 MiB, so axis ticks read as round sizes. */
export function nice_bytes_ceiling(n: number): number {
  if (!(n > 0) || !Number.isFinite(n)) return 1;
  const unit = 1024 ** Math.max(0, Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log2(n) / 10)));
  return nice_ceiling(n / unit) * unit;
}

/** A coordinate rounded to a tenth of a pixel: short markup, no visible loss. */
export function px(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A trace's or submission's path as a short label: its last component without `.rep`. */
export function short_name(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.rep$/, '');
}

/** The first line of a message, at most `max` characters. */
export function first_line(s: string, max = 160): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
