// Shared look of the gamma-exposure charts: colours, fonts and number formats (browser-safe).

/** Colours: calls green, puts red, net dark; spot and zero gamma marked in distinct line styles. */
export const COLORS = {
  call: '#2e9d5b',
  put: '#d1495b',
  net: '#1f2d3d',
  spot: '#1565c0',
  zero: '#f08c00',
  grid: '#e3e7ee',
  text: '#2b2f36',
  muted: '#6b7280',
} as const;

export const FONT = 'Helvetica, Arial, sans-serif';

/** Dollars to billions. */
export const toBn = (dollars: number): number => dollars / 1e9;

/** A figure in $bn with a sign and two decimals, e.g. "+19.78" or "-3.10". */
export function fmtBn(bn: number): string {
  const s = bn.toFixed(2);
  return bn > 0 ? `+${s}` : s;
}

/** An axis tick in $bn: "0", "+10", "-2.5" (no padding zeros). */
export function fmtTick(bn: number): string {
  if (bn === 0) return '0';
  const s = String(Number(bn.toFixed(2)));
  return bn > 0 ? `+${s}` : s;
}

/** An ISO instant with offset as a desk reads it: "2026-01-28T15:00:00-05:00" -> "28 Jan 2026 15:00 (UTC-05:00)". */
export function fmtInstant(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  const off = m[6] === 'Z' ? '+00:00' : m[6];
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]}:${m[5]} (UTC${off})`;
}

/** An expiry as a short label: "2026-02-20T09:30:00-05:00" -> "Feb 20 AM" (09:30) or "Feb 20" (16:00 PM). */
export function fmtExpiry(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const am = Number(m[4]) < 12 ? ' AM' : '';
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])} '${m[1].slice(2)}${am}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An index level with a thousands separator, e.g. 6,988.42 (or 7,000 for whole numbers). */
export function fmtLevel(x: number, decimals = Number.isInteger(x) ? 0 : 2): string {
  // toFixed plus grouping by hand: the same text as toLocaleString('en-US'), without loading ICU (~20 ms on first use)
  if (!Number.isFinite(x)) return String(x);
  const [int, frac] = Math.abs(x).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (x < 0 && Number(Math.abs(x).toFixed(decimals)) !== 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
}

/** The strike window of a chart: spot +- band (a fraction), e.g. 0.04 around 6,988 gives 6,709-7,268. */
export function strikeWindow(spot: number, band: number): [number, number] {
  return [spot * (1 - band), spot * (1 + band)];
}

/** Common text style and title block of every chart. */
export function baseOption(title: string, subtitle: string) {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT, color: COLORS.text },
    title: {
      text: title,
      subtext: subtitle,
      left: 16,
      top: 10,
      textStyle: { fontSize: 17, fontWeight: 'bold' as const, color: COLORS.text },
      subtextStyle: { fontSize: 12, color: COLORS.muted },
    },
  };
}
