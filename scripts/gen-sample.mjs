#!/usr/bin/env node
// Deterministic generator of the bundled synthetic SPX chain (data/sample/spx-2026-01-28.csv).
// Every shape (expiries, strikes, smile, open interest, volume) is explained in docs/sample-chain.md.
// Randomness comes only from a seeded PRNG (sfc32), and every number is written with a fixed number of
// decimals, so two runs produce the same bytes. `node scripts/gen-sample.mjs` rewrites the file.

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE = {
  underlying: 'SPX',
  spot: 6988.42, // SPX close on 28 Jan 2026 (intraday high 7,002.28, the first touch of 7,000)
  asOf: '2026-01-28T15:00:00-05:00',
  rate: 0.043, // a round short-rate level (synthetic; --rate overrides it)
  dividend: 0.013, // of the order of the S&P 500 dividend yield (synthetic; --dividend overrides it)
  seed: 0x7000,
};

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS; // ACT/365, as the analytics measure time (DESIGN.md section 1)

// NYSE holidays from the asOf date to one year out (nyse.com holiday calendar for 2026 and 2027).
const HOLIDAYS = new Set([
  '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07',
  '2026-11-26', '2026-12-25', '2027-01-01', '2027-01-18',
]);

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter, PractRand-tested): uniform in [0, 1). */
export function sfc32(seed) {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed >>> 0;
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // warm up away from the seed
  return next;
}

/** Standard normal from two uniforms (Box-Muller, cosine branch). */
function gaussian(rand) {
  const u = 1 - rand(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

// ---- calendar ---------------------------------------------------------------------------------

const ymd = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const iso = (date) => date.toISOString().slice(0, 10);
const isTradingDay = (date) => date.getUTCDay() % 6 !== 0 && !HOLIDAYS.has(iso(date));

/** America/New_York offset in hours on a date: EDT (-4) from the 2nd Sunday of March to the 1st Sunday of November. */
function nyOffsetHours(date) {
  const y = date.getUTCFullYear();
  const nthSunday = (month, n) => {
    const first = ymd(y, month, 1);
    return ymd(y, month, 1 + ((7 - first.getUTCDay()) % 7) + 7 * (n - 1));
  };
  return date >= nthSunday(3, 2) && date < nthSunday(11, 1) ? -4 : -5;
}

/** ISO instant with offset for a New York wall-clock time on a date, e.g. 2026-03-20T09:30:00-04:00. */
function nyInstant(date, hhmm) {
  const off = nyOffsetHours(date);
  return `${iso(date)}T${hhmm}:00-0${-off}:00`;
}

/** The third Friday of a month, moved to the previous trading day when it is a holiday (June 2026). */
function monthlyExpiry(y, m) {
  const first = ymd(y, m, 1);
  let d = ymd(y, m, 1 + ((5 - first.getUTCDay() + 7) % 7) + 14);
  while (!isTradingDay(d)) d = new Date(d.getTime() - DAY_MS);
  return d;
}

/**
 * The listed expiries: SPXW PM dailies for two weeks (28 Jan to 11 Feb), SPXW PM Fridays to the end of
 * March, and AM-settled SPX monthlies (third Friday, 09:30) out to January 2027.
 * Kind tells the open-interest model what sort of expiry it is.
 */
export function listExpiries() {
  const asOfDate = ymd(2026, 1, 28);
  const out = [];
  const monthlies = new Set();
  for (let i = 0; i < 12; i++) monthlies.add(iso(monthlyExpiry(2026 + Math.floor((i + 1) / 12), ((i + 1) % 12) + 1)));
  for (let t = asOfDate.getTime(); t <= ymd(2026, 2, 11).getTime(); t += DAY_MS) {
    const d = new Date(t);
    if (isTradingDay(d)) out.push({ date: d, root: 'SPXW', settle: '16:00', kind: d.getUTCDay() === 5 ? 'weekly' : 'daily' });
  }
  for (let d = ymd(2026, 2, 13); d <= ymd(2026, 3, 31); d = new Date(d.getTime() + 7 * DAY_MS)) {
    let e = d;
    while (!isTradingDay(e)) e = new Date(e.getTime() - DAY_MS);
    out.push({ date: e, root: 'SPXW', settle: '16:00', kind: monthlies.has(iso(e)) ? 'monthlyPm' : 'weekly' });
  }
  for (const day of monthlies) {
    const [y, m, dd] = day.split('-').map(Number);
    out.push({ date: ymd(y, m, dd), root: 'SPX', settle: '09:30', kind: m % 3 === 0 ? 'quarterly' : 'monthly' });
  }
  // Month-end SPXW (30 Jan) carries extra open interest, as real end-of-month expiries do.
  for (const e of out) if (iso(e.date) === '2026-01-30') e.kind = 'monthEnd';
  out.sort((a, b) => a.date - b.date || (a.settle < b.settle ? -1 : 1));
  return out.map((e) => ({ ...e, expiry: nyInstant(e.date, e.settle) }));
}

/** Strikes: every 5 points within +-15% of spot, every 25 beyond, from 3,500 (-50%) to 8,750 (+25%). */
export function listStrikes(spot) {
  const strikes = [];
  for (let k = 3500; k <= 8750; k += 5) {
    const inner = k >= spot * 0.85 && k <= spot * 1.15;
    if (inner || k % 25 === 0) strikes.push(k);
  }
  return strikes;
}

// ---- volatility smile --------------------------------------------------------------------------

/** ATM vol term structure: about 11.5% for the last hour of the 0DTE rising to 18% at one year (contango, VIX ~16). */
const atmVol = (T) => 0.18 - 0.065 * Math.exp(-T / 0.25);

/**
 * Implied vol at log-moneyness k = ln(K/F) and time T: a raw-SVI shape (Gatheral 2004) of the variance
 * multiplier in standardised moneyness z = k / (atmVol sqrt T), so the skew steepens like 1/sqrt(T) and
 * the short-dated wings climb to hundreds of % (vol grows like T^-1/4 at fixed k).
 */
export function smileVol(k, T) {
  const a = atmVol(T);
  const z = k / (a * Math.sqrt(T));
  const b = 0.48, rho = -0.83, s = 0.5; // chosen so vol is ~1.3x ATM at z = -1 and ~0.95x at z = +1, a typical 1-month SPX skew
  const v = 1 + b * (rho * z + Math.sqrt(z * z + s * s) - s);
  return a * Math.sqrt(v);
}

// ---- open interest and volume ------------------------------------------------------------------

/** Preference for round strikes: multiples of 100, then 50, 25, 10, 5. */
function roundness(k) {
  if (k % 100 === 0) return 1;
  if (k % 50 === 0) return 0.55;
  if (k % 25 === 0) return 0.32;
  if (k % 10 === 0) return 0.14;
  return 0.09;
}

/** Total open interest per expiry (calls + puts, contracts), by kind: monthlies and quarterlies hold most of it. */
const OI_TOTAL = { daily: 70_000, weekly: 150_000, monthEnd: 260_000, monthlyPm: 400_000, monthly: 600_000, quarterly: 1_500_000 };
const PUT_SHARE = 0.61; // SPX put/call open-interest ratio ~1.6

/** Strike-specific extra open interest: the 7,000 call dominates; big put lines at 6,900, 6,800, 6,500, 6,000. */
const CALL_EXTRA = { 7000: 2.6, 7100: 1.4, 7200: 1.3, 7500: 1.3 };
const PUT_EXTRA = { 6900: 2.0, 6800: 1.6, 6700: 1.2, 6500: 1.5, 6000: 1.5, 5500: 1.2 };

/**
 * Relative open interest across log-moneyness k for a width w (about one standard deviation of the move
 * over the option's life): calls cluster just above spot (overwriting), puts sit lower and wider (hedges).
 */
function oiShape(type, k, w) {
  if (type === 'call') {
    const x = (k - 0.3 * w) / w;
    return Math.exp(-0.5 * x * x) * (k < 0 ? 0.5 : 1);
  }
  const x = (k + 1.6 * w) / (1.5 * w);
  const tail = k < -0.02 && k > -0.4 ? 0.08 : 0; // far protective puts (index hedges)
  return Math.exp(-0.5 * x * x) + tail + (k > 0 ? 0 : 0.01);
}

// ---- the chain ---------------------------------------------------------------------------------

/** The sample chain as CSV text (the long-CSV format of src/chain/long-csv.ts). */
export function generateSample() {
  const { spot, rate, dividend } = SAMPLE;
  const rand = sfc32(SAMPLE.seed);
  const asOfMs = Date.parse(SAMPLE.asOf);
  const strikes = listStrikes(spot);
  const rows = [];
  const volumeShare = []; // raw volume weights per expiry, normalised below
  const expiries = listExpiries();
  for (const e of expiries) {
    const T = (Date.parse(e.expiry) - asOfMs) / YEAR_MS;
    const fwd = spot * Math.exp((rate - dividend) * T);
    const sd = atmVol(T) * Math.sqrt(T);
    const w = Math.max(0.02, 0.9 * sd); // short expiries hold positions opened over the past weeks
    const expRows = [];
    const mass = { call: 0, put: 0 };
    for (const K of strikes) {
      const k = Math.log(K / fwd);
      const iv = smileVol(k, T) * Math.exp(0.004 * gaussian(rand)); // +-0.4% relative quote noise
      for (const type of ['call', 'put']) {
        const extra = (type === 'call' ? CALL_EXTRA[K] : PUT_EXTRA[K]) ?? 1;
        const mean = roundness(K) * oiShape(type, k, w);
        mass[type] += mean;
        const noise = Math.exp(0.35 * gaussian(rand) - 0.06);
        // Volume: traders work near the money (within ~2 standard deviations), at round strikes above all.
        const zv = k / Math.max(sd, 0.004);
        const otm = type === 'call' ? k >= 0 : k <= 0;
        const vol = Math.exp(-0.5 * (zv / 2.2) ** 2) * (otm ? 1 : 0.35) * roundness(K) ** 0.5 * Math.exp(0.3 * gaussian(rand));
        expRows.push({ e, type, K, iv, mean: mean * extra * noise, vol });
      }
    }
    const total = OI_TOTAL[e.kind];
    for (const r of expRows) {
      const share = r.type === 'call' ? 1 - PUT_SHARE : PUT_SHARE;
      r.oi = Math.round((total * share * r.mean) / mass[r.type]);
    }
    volumeShare.push(expRows);
    rows.push(...expRows);
  }
  // 0DTE takes 60% of the day's volume; the rest is split across expiries, decreasing with distance and
  // larger for the big monthly and quarterly expiries (weight exp(-i/5) x sqrt of their open-interest size).
  const TOTAL_VOLUME = 3_200_000;
  const weights = expiries.map((e, i) => (i === 0 ? 0 : Math.exp(-i / 5) * Math.sqrt(OI_TOTAL[e.kind] / OI_TOTAL.daily)));
  const weightSum = weights.reduce((s, w) => s + w, 0);
  volumeShare.forEach((expRows, i) => {
    const share = i === 0 ? 0.6 : (0.4 * weights[i]) / weightSum;
    const raw = expRows.reduce((s, r) => s + r.vol, 0);
    for (const r of expRows) r.volume = Math.round((TOTAL_VOLUME * share * r.vol) / raw);
  });

  const lines = [
    `# underlying: ${SAMPLE.underlying}`,
    `# spot: ${spot}`,
    `# asOf: ${SAMPLE.asOf}`,
    `# rate: ${rate}`,
    `# dividend: ${dividend}`,
    '# Synthetic chain from scripts/gen-sample.mjs (seed 0x7000), free to redistribute; see docs/sample-chain.md',
    'expiry,root,type,strike,iv,openInterest,volume',
  ];
  for (const r of rows) lines.push(`${r.e.expiry},${r.e.root},${r.type},${r.K},${r.iv.toFixed(4)},${r.oi},${r.volume}`);
  return lines.join('\n') + '\n';
}

export const SAMPLE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../data/sample/spx-2026-01-28.csv');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(SAMPLE_PATH), { recursive: true });
  const text = generateSample();
  writeFileSync(SAMPLE_PATH, text);
  console.log(`wrote ${SAMPLE_PATH}: ${text.split('\n').length - 8} contracts, ${text.length} bytes`);
}
