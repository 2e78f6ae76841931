// Instants for option chains: America/New_York wall-clock time (US daylight-saving rule, no tz library),
// settlement instants by root (AM vs PM), ISO 8601 parsing/formatting, and ACT/365 year fractions.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** ACT/365 calendar year in milliseconds (DESIGN.md section 1: T in years of 365 days, fractional). */
export const MS_PER_YEAR = 365 * MS_PER_DAY;

/** Roots whose options settle AM (special opening quotation, 09:30 New York) on the expiry date.
 *  Cboe SPX/NDX/RUT monthly options are A.M.-settled; SPXW, NDXP, RUTW, equities and ETFs are P.M.-settled. */
export const AM_SETTLED_ROOTS: ReadonlySet<string> = new Set(['SPX', 'NDX', 'RUT']);

/** Day of week (0 = Sunday) of a proleptic Gregorian date. */
export function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Day of month of the n-th (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayOfWeek(year, month, 1);
  return 1 + ((weekday - first + 7) % 7) + 7 * (n - 1);
}

/** Last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = dayOfWeek(year, month, days);
  return days - ((last - weekday + 7) % 7);
}

/**
 * UTC instants (ms) at which New York daylight time starts and ends in a year.
 * Energy Policy Act of 2005 (from 2007): second Sunday of March 02:00 EST to first Sunday of November 02:00 EDT;
 * 1987-2006 (Uniform Time Act as amended 1986): first Sunday of April to last Sunday of October.
 */
export function nyDstBounds(year: number): { start: number; end: number } {
  if (!Number.isInteger(year) || year < 1987 || year > 9999) {
    throw new RangeError(`New York daylight-saving rule not implemented for year ${year} (supported: 1987-9999)`);
  }
  const startDay = year >= 2007 ? nthWeekday(year, 3, 0, 2) : nthWeekday(year, 4, 0, 1);
  const startMonth = year >= 2007 ? 3 : 4;
  const endDay = year >= 2007 ? nthWeekday(year, 11, 0, 1) : lastWeekday(year, 10, 0);
  const endMonth = year >= 2007 ? 11 : 10;
  // 02:00 EST = 07:00 UTC; 02:00 EDT = 06:00 UTC.
  return {
    start: Date.UTC(year, startMonth - 1, startDay, 7),
    end: Date.UTC(year, endMonth - 1, endDay, 6),
  };
}

/** UTC offset of New York (minutes, -300 EST or -240 EDT) at a UTC instant. */
export function nyOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const { start, end } = nyDstBounds(year);
  return utcMs >= start && utcMs < end ? -240 : -300;
}

/**
 * UTC instant of a New York wall-clock time. `zone` ('EST' or 'EDT') picks the offset in the repeated hour of
 * November; without it the earlier (daylight) reading is taken. Throws for a label the rule contradicts and for
 * a wall time that does not exist (the skipped hour of March).
 */
export function nyWallToUtc(
  year: number, month: number, day: number, hour: number, minute: number, second = 0, zone?: 'EST' | 'EDT',
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const asEdt = wall + 240 * MS_PER_MINUTE;
  const asEst = wall + 300 * MS_PER_MINUTE;
  const edtValid = nyOffsetMinutes(asEdt) === -240;
  const estValid = nyOffsetMinutes(asEst) === -300;
  const label = `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`;
  if (zone === 'EDT') {
    if (!edtValid) throw new RangeError(`${label} is not daylight time (EDT) in New York`);
    return asEdt;
  }
  if (zone === 'EST') {
    if (!estValid) throw new RangeError(`${label} is not standard time (EST) in New York`);
    return asEst;
  }
  if (edtValid) return asEdt;
  if (estValid) return asEst;
  throw new RangeError(`${label} does not exist in New York (skipped by the switch to daylight time)`);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 with the New York offset, e.g. 2025-01-06T16:00:00-05:00 (milliseconds shown only when non-zero). */
export function formatNy(utcMs: number): string {
  return formatWithOffset(utcMs, nyOffsetMinutes(utcMs));
}

/** ISO 8601 of an instant at a given UTC offset in minutes. */
export function formatWithOffset(utcMs: number, offsetMinutes: number): string {
  const d = new Date(utcMs + offsetMinutes * MS_PER_MINUTE);
  const ms = d.getUTCMilliseconds();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? '.' + pad(ms, 3) : ''}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** A parsed instant: UTC milliseconds and the offset it was written with (minutes). */
export interface Instant {
  ms: number;
  offsetMinutes: number;
}

/** Strict ISO 8601 instant with an explicit offset (`Z` or `+hh:mm`); null when the text is not one. */
export function parseIsoInstant(text: string): Instant | null {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Math.floor(Number('0.' + m[7]) * 1000 + 1e-6) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const oh = Number(m[8].slice(1, 3));
    const om = Number(m[8].slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return { ms: Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE, offsetMinutes };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a root settles A.M. on its expiry date. */
export function isAmSettled(root: string): boolean {
  return AM_SETTLED_ROOTS.has(root);
}

/** Settlement instant (UTC ms) of an expiry date for a root: 09:30 New York for AM-settled roots, else 16:00. */
export function settlementInstant(root: string, year: number, month: number, day: number): number {
  return isAmSettled(root) ? nyWallToUtc(year, month, day, 9, 30) : nyWallToUtc(year, month, day, 16, 0);
}

/** ACT/365 year fraction between two instants (ms), fractional: 15 minutes is 15/(365*24*60). */
export function yearFraction(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_YEAR;
}
