#!/usr/bin/env python3
"""Vectorized numpy/scipy baseline of `gammawall gex --json` on a CBOE delayed-quotes CSV (bench only).

Same computation as src/chain/cboe.ts, src/chain/time.ts, src/gex/{analyze,exposure,walls,zero-gamma}.ts with
the CLI's defaults (r = q = 0 when the file gives none, dealers long calls / short puts, multiplier 100, walls
over all strikes, zero gamma over spot +-20% on a 1,601-point ladder, profile of 801 points), written the way a
numpy user would: one array per column, greeks and exposures vectorized over contracts, the profile as a
contracts x spots broadcast in chunks, zero IVs solved from the bid/ask mid by vectorized bisection, and each
zero-gamma bracket refined by scipy.optimize.brentq. Output: the JSON keys of `gammawall gex --json`.

Usage: python3 bench/numpy/gex_numpy.py FILE [--timings] [--no-scipy] > out.json
  --timings   phase times on stderr
  --no-scipy  no scipy import: normal CDF from math.erfc, Brent's method written out (for the start-up cost)
"""
import sys
import time

T0 = time.perf_counter()
import os  # noqa: E402

# One BLAS thread: the profile's matrix-vector products are memory-bound, and on this shared 2-core machine
# OpenBLAS's second (spinning) thread made them 1x-3x slower and erratic (measured: README.md). Also the CLI's model.
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
import csv  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
from datetime import datetime, timezone  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import numpy as np  # noqa: E402

if '--no-scipy' in sys.argv:
    # Variant without scipy (its import costs several times numpy's): the normal CDF from math.erfc, and Brent's
    # method written out (Brent 1973, ch. 4 "zero"; the algorithm of scipy's brentq and netlib zeroin).
    import math  # noqa: E402

    _erfc = np.frompyfunc(math.erfc, 1, 1)

    def ndtr(x):
        return 0.5 * _erfc(-np.asarray(x, dtype=np.float64) * 0.7071067811865476).astype(np.float64)

    def brentq(f, a, b, xtol=2e-12, rtol=8.881784197001252e-16, maxiter=100):
        fa, fb = f(a), f(b)
        if fa * fb > 0:
            raise ValueError('brentq: f(a) and f(b) must have opposite signs')
        c, fc, d = a, fa, b - a
        e = d
        for _ in range(maxiter):
            if fb * fc > 0:
                c, fc = a, fa
                d = e = b - a
            if abs(fc) < abs(fb):
                a, b, c = b, c, b
                fa, fb, fc = fb, fc, fb
            tol = 2 * rtol * abs(b) + 0.5 * xtol
            m = 0.5 * (c - b)
            if abs(m) <= tol or fb == 0:
                return b
            if abs(e) >= tol and abs(fa) > abs(fb):
                s_ = fb / fa
                if a == c:  # secant
                    p_, q_ = 2 * m * s_, 1 - s_
                else:  # inverse quadratic interpolation
                    q_, r_ = fa / fc, fb / fc
                    p_ = s_ * (2 * m * q_ * (q_ - r_) - (b - a) * (r_ - 1))
                    q_ = (q_ - 1) * (r_ - 1) * (s_ - 1)
                if p_ > 0:
                    q_ = -q_
                else:
                    p_ = -p_
                if 2 * p_ < min(3 * m * q_ - abs(tol * q_), abs(e * q_)):
                    e, d = d, p_ / q_
                else:
                    d = e = m
            else:
                d = e = m
            a, fa = b, fb
            b += d if abs(d) > tol else (tol if m > 0 else -tol)
            fb = f(b)
        return b
else:
    from scipy.optimize import brentq  # noqa: E402
    from scipy.special import ndtr  # noqa: E402

T_IMPORT = time.perf_counter()

NY = ZoneInfo('America/New_York')
MS_PER_YEAR = 365 * 86_400_000  # ACT/365 (DESIGN.md section 1), as src/chain/time.ts
AM_SETTLED_ROOTS = {'SPX', 'NDX', 'RUT'}  # 09:30 New York settlement (src/chain/time.ts); others 16:00
INV_SQRT_2PI = 0.3989422804014327  # 1/sqrt(2 pi)
INTRINSIC_SLACK = 8.881784197001252e-16  # 4 ulp below intrinsic still counts as intrinsic (src/kernel/iv.ts)
MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
          'november', 'december']
WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']  # datetime.weekday() order
QUOTE_DATE = re.compile(
    r'^Date:\s*([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*(AM|PM)\s*(EST|EDT)?\s*$', re.I)
EXPIRY_DATE = re.compile(r'^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Za-z]{3}) (\d{1,2}) (\d{4})$')
SYMBOL = re.compile(r'^([A-Z]+)(\d{2})(\d{2})(\d{2})([CP])(\d{8})$')
SIDE_COLUMNS = ['Last Sale', 'Net', 'Bid', 'Ask', 'Volume', 'IV', 'Delta', 'Gamma', 'Open Interest']

# CLI defaults (src/cli/gex.ts, src/gex/analyze.ts).
ZG_BAND = 0.2
GRID = 1601
PROFILE_POINTS = 801
MULTIPLIER = 100.0
CHUNK = 64  # spots per broadcast chunk: contracts x 64 doubles (~8 MB for 15k contracts) stays near cache


class ChainError(Exception):
    pass


def fail(source, line, column, value, problem):
    value = value.item() if isinstance(value, np.generic) else value
    raise ChainError(f'{source}: line {line}, column {column}: {problem} (value {value!r})')


def ny_to_ms(y, m, d, hh, mm, zone=None):
    """UTC ms of a New York wall time; zone 'EST'/'EDT' picks the repeated hour and must agree with the rule."""
    candidates = []
    for fold in (0, 1):
        dt = datetime(y, m, d, hh, mm, tzinfo=NY, fold=fold)
        back = dt.astimezone(timezone.utc).astimezone(NY)
        if (back.hour, back.minute) != (hh, mm):
            continue  # skipped hour of March
        label = 'EDT' if dt.utcoffset().total_seconds() == -4 * 3600 else 'EST'
        candidates.append((label, int(dt.timestamp() * 1000)))
    if not candidates:
        raise ValueError(f'{y}-{m:02}-{d:02} {hh:02}:{mm:02} does not exist in New York')
    if zone is None:
        return candidates[0][1]  # the earlier (daylight) reading, as time.ts
    for label, ms in candidates:
        if label == zone.upper():
            return ms
    raise ValueError(f'{y}-{m:02}-{d:02} {hh:02}:{mm:02} is not {zone.upper()} in New York')


def format_ny(ms):
    """ISO 8601 with the New York offset, e.g. 2025-01-06T16:00:00-05:00 (as formatNy in time.ts)."""
    return datetime.fromtimestamp(ms / 1000, tz=NY).isoformat()


def read_cboe(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    title_idx = date_idx = header_idx = -1
    for i, line in enumerate(lines[:10]):
        if title_idx < 0 and re.search(r'(^|,)\s*Last:', line):
            title_idx = i
        elif date_idx < 0 and re.match(r'^"?Date:', line):
            date_idx = i
        elif line.startswith('Expiration Date,'):
            header_idx = i
            break
    if min(title_idx, date_idx, header_idx) < 0:
        fail(path, 1, 'title/Date/header', '', 'not a CBOE delayed-quotes CSV (Last:, Date: and header lines)')

    title = next(csv.reader([lines[title_idx]]))
    last_idx = next(k for k, fld in enumerate(title) if re.match(r'^\s*Last:', fld))
    last_text = re.sub(r'^\s*Last:\s*', '', title[last_idx])
    try:
        spot = float(last_text)
    except ValueError:
        spot = float('nan')
    if not (spot > 0 and np.isfinite(spot)):
        fail(path, title_idx + 1, f'{last_idx + 1} (Last)', last_text, 'spot must be a positive number')

    date_text = next(csv.reader([lines[date_idx]]))[0].strip()
    dm = QUOTE_DATE.match(date_text)
    if not dm:
        fail(path, date_idx + 1, '1 (Date)', date_text, 'quote time not in a known format')
    hour = int(dm[4])
    if dm[6].upper() == 'PM' and hour != 12:
        hour += 12
    if dm[6].upper() == 'AM' and hour == 12:
        hour = 0
    try:
        as_of_ms = ny_to_ms(int(dm[3]), MONTHS.index(dm[1].lower()) + 1, int(dm[2]), hour, int(dm[5]), dm[7])
    except ValueError as e:
        fail(path, date_idx + 1, '1 (Date)', date_text, str(e))

    names = [s.strip() for s in next(csv.reader([lines[header_idx]]))]
    strike_col = names.index('Strike')
    exp_col = names.index('Expiration Date')

    def find(name, lo, hi):
        for c in range(lo, hi):
            if names[c] == name:
                return c
        fail(path, header_idx + 1, name, lines[header_idx], f'missing column "{name}"')

    sides = [(+1, find('Calls', 0, strike_col), [find(n, 0, strike_col) for n in SIDE_COLUMNS]),
             (-1, find('Puts', strike_col + 1, len(names)), [find(n, strike_col + 1, len(names)) for n in SIDE_COLUMNS])]

    # Numbers by np.loadtxt (C parser; about 3x faster than the csv module here); a failure is located by the
    # slow path so the error names the line, column and value.
    body_idx = [i for i in range(header_idx + 1, len(lines)) if lines[i].strip()]
    body = [lines[i] for i in body_idx]
    line_no = np.array(body_idx, dtype=np.int64) + 1
    num_cols = sorted({strike_col} | {cc[j] for _, _, cc in sides for j in (2, 3, 4, 5, 7, 8)})
    str_cols = [exp_col, sides[0][1], sides[1][1]]
    commas = np.char.count(np.array(body), ',') if body else np.zeros(0, dtype=np.int64)
    if (commas != len(names) - 1).any():
        k = int(np.argmax(commas != len(names) - 1))
        r = next(csv.reader([body[k]]))
        if len(r) != len(names):
            fail(path, int(line_no[k]), str(min(len(r), len(names)) + 1), body[k], f'expected {len(names)} fields, found {len(r)}')
    try:
        numbers = np.loadtxt(body, delimiter=',', usecols=num_cols, ndmin=2, dtype=np.float64)
        text = np.loadtxt(body, delimiter=',', usecols=str_cols, ndmin=2, dtype=str)
        if not np.isfinite(numbers).all():
            raise ValueError('non-finite number')
    except ValueError:
        rows = list(csv.reader(body))
        for k, r in enumerate(rows):
            if len(r) != len(names):
                fail(path, int(line_no[k]), str(min(len(r), len(names)) + 1), body[k], f'expected {len(names)} fields, found {len(r)}')
            for c in num_cols:
                try:
                    ok = np.isfinite(float(r[c]))
                except ValueError:
                    ok = False
                if not ok:
                    fail(path, int(line_no[k]), f'{c + 1} ({names[c]})', r[c], 'not a number')
        raise
    at = {c: k for k, c in enumerate(num_cols)}
    cols = {c: [t.strip() for t in text[:, k].tolist()] for k, c in enumerate(str_cols)}

    def num(c):
        return numbers[:, at[c]]

    strike = num(strike_col)
    if not (strike > 0).all():
        k = int(np.argmin(strike > 0))
        fail(path, int(line_no[k]), f'{strike_col + 1} (Strike)', strike[k], 'strike must be positive')

    def codes(values, table):
        """Integer codes of repeated strings (a few dozen distinct values): cheaper than np.unique on text."""
        return np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int64, count=len(values))

    # Expiry dates: parsed once per distinct text (a few dozen).
    exp_table = {}
    exp_inv = codes(cols[exp_col], exp_table)
    exp_u = list(exp_table)
    exp_ymd = []
    for k, t in enumerate(exp_u):
        em = EXPIRY_DATE.match(t)
        try:
            y, m, d = int(em[4]), [x[:3] for x in MONTHS].index(em[2].lower()) + 1, int(em[3])
            wd = datetime(y, m, d).weekday()
        except (TypeError, ValueError):
            fail(path, int(line_no[np.argmax(exp_inv == k)]), f'{exp_col + 1} (Expiration Date)', t, 'expiry date not like "Fri Jan 10 2025"')
        if WEEKDAYS[wd] != em[1]:
            fail(path, int(line_no[np.argmax(exp_inv == k)]), f'{exp_col + 1} (Expiration Date)', t, 'weekday does not match the date')
        exp_ymd.append((y, m, d))
    exp_yymmdd = np.array([f'{y % 100:02}{m:02}{d:02}' for y, m, d in exp_ymd])[exp_inv]

    per_side = []
    root_table = {}
    for typ, sym_c, cc in sides:
        label = 'call' if typ > 0 else 'put'
        sym = cols[sym_c]
        # Symbol = root + yymmdd + C/P + strike*1000 in 8 digits: checked against the row, vectorized.
        ok = np.fromiter((len(t) > 15 for t in sym), dtype=bool, count=len(sym))
        root = codes([t[:-15] for t in sym], root_table)
        good_root = np.array([r.isascii() and r.isalpha() and r.isupper() for r in root_table])
        ok &= good_root[root]
        tail = np.array([t[-15:] for t in sym])
        ok &= np.char.isdigit(np.char.add(np.char.add(np.strings.slice(tail, 0, 6), '0'), np.strings.slice(tail, 7, 15)))
        ok &= np.strings.slice(tail, 6, 7) == ('C' if typ > 0 else 'P')
        ok &= np.strings.slice(tail, 0, 6) == exp_yymmdd
        if ok.all():
            k8 = np.strings.slice(tail, 7, 15).astype(np.float64) / 1000
            ok &= np.abs(k8 - strike) <= 1e-9 * strike
        if not ok.all():
            k = int(np.argmin(ok))
            fail(path, int(line_no[k]), f'{sym_c + 1} (Symbol, {label})', sym[k], 'option symbol does not match the row (root, expiry, type, strike)')
        bid, ask, vol_, iv, oi, gamma = (num(cc[j]) for j in (2, 3, 4, 5, 8, 7))
        for arr, j, what in ((bid, 2, 'bid'), (ask, 3, 'ask'), (iv, 5, 'IV')):
            if (arr < 0).any():
                k = int(np.argmax(arr < 0))
                fail(path, int(line_no[k]), f'{cc[j] + 1} ({names[cc[j]]}, {label})', arr[k], f'{what} must not be negative')
        bad_oi = (oi < 0) | (oi != np.floor(oi))
        if bad_oi.any():
            k = int(np.argmax(bad_oi))
            fail(path, int(line_no[k]), f'{cc[8] + 1} (Open Interest, {label})', oi[k], 'open interest must be a whole number >= 0')
        per_side.append(dict(type=np.full(len(strike), float(typ)), root=root, bid=bid, ask=ask, iv=iv, oi=oi))

    # Contracts in file order: row by row, call then put (the reader's order, so skip counts match).
    def inter(key):
        return np.stack([per_side[0][key], per_side[1][key]], axis=1).ravel()

    typ, root, bid, ask, iv, oi = (inter(k) for k in ('type', 'root', 'bid', 'ask', 'iv', 'oi'))
    K = np.repeat(strike, 2)
    exp_idx = np.repeat(exp_inv, 2)

    # Settlement instant per (root, expiry date): 09:30 New York for AM-settled roots, else 16:00.
    root_names = list(root_table)
    pair_u, pair_inv = np.unique(root * len(exp_u) + exp_idx, return_inverse=True)
    settle_u = np.empty(len(pair_u))
    for k, pu in enumerate(pair_u.tolist()):
        r, (y, m, d) = root_names[pu // len(exp_u)], exp_ymd[pu % len(exp_u)]
        settle_u[k] = ny_to_ms(y, m, d, 9, 30) if r in AM_SETTLED_ROOTS else ny_to_ms(y, m, d, 16, 0)
    settle = settle_u[pair_inv]

    roots = sorted(root_names, key=lambda r: (len(r), r))
    underlying = roots[0] if roots and all(r.startswith(roots[0]) for r in roots) else title[0].strip()

    skipped = {}
    zero_oi = oi == 0
    if zero_oi.any():
        skipped['zeroOpenInterest'] = int(zero_oi.sum())
    keep = ~zero_oi
    return dict(underlying=underlying, spot=spot, as_of_ms=as_of_ms, skipped=skipped,
                type=typ[keep], strike=K[keep], settle=settle[keep], iv=iv[keep], bid=bid[keep], ask=ask[keep],
                oi=oi[keep])


def otm_black(theta, F, K, s):
    """Undiscounted Black price at total vol s = sigma sqrt T (theta +1 call, -1 put)."""
    d1 = np.log(F / K) / s + 0.5 * s
    return theta * (F * ndtr(theta * d1) - K * ndtr(theta * (d1 - s)))


def implied_vol(theta, price, S, K, T, r, q):
    """Vectorized BSM implied vol: status codes as IV_STATUS (src/engine/abi.ts): 0 ok, 1 belowIntrinsic,
    2 aboveUpperBound. Solved on the out-of-the-money side (put-call parity) by bisection in s = sigma sqrt T
    to below 1e-15 relative: robust for deep-OTM quotes where Newton from a generic start diverges."""
    F = S * np.exp((r - q) * T)
    p = price / np.exp(-r * T)
    intrinsic = np.maximum(theta * (F - K), 0)
    below = p < intrinsic - INTRINSIC_SLACK * np.maximum(F, K)
    above = p >= np.where(theta < 0, K, F)
    x = np.log(F / K)
    itm = theta * x > 0
    p = np.where(itm, np.maximum(p - intrinsic, 0), p)
    th = np.where(itm, -theta, theta)
    above |= p >= np.minimum(F, K)  # OTM price bound (LBR: beta >= bMax gives +inf)
    status = np.where(below, 1, np.where(above, 2, 0))
    vol = np.full(len(p), np.nan)
    solve = (status == 0) & (p > 0)
    vol[(status == 0) & ~solve] = 0.0  # time value 0: vol 0 ('ivZero')
    if solve.any():
        th_s, F_s, K_s, p_s = th[solve], F[solve], K[solve], p[solve]
        lo = np.zeros(len(p_s))
        hi = np.ones(len(p_s))
        for _ in range(60):  # bracket: double hi until the price exceeds the target
            short = otm_black(th_s, F_s, K_s, hi) < p_s
            if not short.any():
                break
            hi = np.where(short, 2 * hi, hi)
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            high = otm_black(th_s, F_s, K_s, mid) >= p_s
            hi = np.where(high, mid, hi)
            lo = np.where(high, lo, mid)
            if ((hi - lo) <= 1e-15 * hi).all():
                break
        vol[solve] = 0.5 * (lo + hi) / np.sqrt(T[solve])
    return vol, status


def analyze(ch, rate=0.0, dividend=0.0):
    spot = ch['spot']
    skipped = dict(ch['skipped'])

    def count(name, n):
        if n:
            skipped[name] = skipped.get(name, 0) + int(n)

    # 1. Time to settlement (ACT/365 from the quote instant); settled contracts out.
    T = (ch['settle'] - ch['as_of_ms']) / MS_PER_YEAR
    live = T > 0
    count('settled', (~live).sum())
    typ, K, T, iv, bid, ask, oi, settle = (a[live] for a in (ch['type'], ch['strike'], T, ch['iv'], ch['bid'], ch['ask'],
                                                              ch['oi'], ch['settle']))

    # 2. Vols: the file's IV, else solved from the bid/ask mid.
    vol = iv.copy()
    need = ~(iv > 0)
    no_bid = need & ~(bid > 0)
    crossed = need & (bid > 0) & ~(ask >= bid)
    for name, mask in (('ivNoBid', no_bid), ('ivCrossedQuote', crossed)):
        count(name, mask.sum())
    solve = need & ~no_bid & ~crossed
    used = ~need
    if solve.any():
        v, st = implied_vol(typ[solve], 0.5 * (bid[solve] + ask[solve]), spot, K[solve], T[solve], rate, dividend)
        good = (st == 0) & (v > 0)
        vol[solve] = np.where(good, v, np.nan)
        used[np.flatnonzero(solve)[good]] = True
        count('ivZero', ((st == 0) & ~(v > 0)).sum())
        count('ivBelowIntrinsic', (st == 1).sum())
        count('ivAboveUpperBound', (st == 2).sum())

    # 3. Canonical order (strike, time, type, vol, weight), as analyze.ts.
    typ, K, T, vol, oi, settle = (a[used] for a in (typ, K, T, vol, oi, settle))
    weight = typ * oi * MULTIPLIER  # dealers long calls (+1), short puts (-1)
    order = np.lexsort((weight, vol, typ, T, K))
    typ, K, T, vol, weight, settle = (a[order] for a in (typ, K, T, vol, weight, settle))
    n = len(K)

    # 4. Greeks at spot (BSM with continuous r, q) and exposures.
    sqT = np.sqrt(T)
    vst = vol * sqT
    d1 = (np.log(spot / K) + (rate - dividend + 0.5 * vol * vol) * T) / vst
    d2 = d1 - vst
    eq = np.exp(-dividend * T)
    pdf = eq * np.exp(-0.5 * d1 * d1) * INV_SQRT_2PI
    gamma = pdf / (spot * vst)
    vanna = -pdf * d2 / vol
    charm = dividend * eq * typ * ndtr(typ * d1) - pdf * ((rate - dividend) / vst - d2 / (2 * T))
    gex = weight * gamma * (spot * spot * 0.01)
    vanna_x = weight * vanna * spot * 0.01
    charm_x = weight * charm * spot / 365

    strikes, s_idx = np.unique(K, return_inverse=True)
    m = len(strikes)
    call = typ > 0
    call_gex = np.bincount(s_idx, weights=np.where(call, gex, 0.0), minlength=m)
    put_gex = np.bincount(s_idx, weights=np.where(call, 0.0, gex), minlength=m)
    net_gex = call_gex + put_gex
    vanna_s = np.bincount(s_idx, weights=vanna_x, minlength=m)
    charm_s = np.bincount(s_idx, weights=charm_x, minlength=m)
    exp_T, e_first, e_idx = np.unique(T, return_index=True, return_inverse=True)
    exp_net = np.bincount(e_idx, weights=gex, minlength=len(exp_T))
    exp_label = [format_ny(int(settle[i])) for i in e_first]
    total = float(gex.sum())

    def wall(v):
        """Strike of the largest v > 0; ties to the strike nearest spot, then the lower (walls.ts)."""
        pos = v > 0
        if not pos.any():
            return None
        best = v[pos].max()
        cand = strikes[pos & (v == best)]
        dist = np.abs(cand - spot)
        return float(cand[np.lexsort((cand, dist))[0]])

    call_wall = wall(np.abs(call_gex))
    put_wall = wall(np.abs(put_gex))
    gamma_wall = wall(np.abs(call_gex) + np.abs(put_gex))
    T_GREEKS = time.perf_counter()

    # 5. Profile G(S') = S' sum w exp(-d1(S')^2/2), d1 = a + b ln(S'/spot): per-contract constants hoisted.
    b = 1 / vst
    a = (-np.log(K / spot) + (rate - dividend + 0.5 * vol * vol) * T) * b
    w = weight * eq * b * INV_SQRT_2PI * 0.01

    def G(xs):
        xs = np.atleast_1d(np.asarray(xs, dtype=np.float64))
        ls = np.log(xs / spot)
        out = np.empty(len(xs))
        buf = np.empty((n, min(CHUNK, len(xs))))
        for j in range(0, len(xs), CHUNK):
            k = min(CHUNK, len(xs) - j)
            d = buf[:, :k]
            np.multiply(b[:, None], ls[None, j:j + k], out=d)
            d += a[:, None]
            np.square(d, out=d)
            d *= -0.5
            np.exp(d, out=d)
            out[j:j + k] = (w @ d) * xs[j:j + k]
        return out

    lo, hi = spot * (1 - ZG_BAND), spot * (1 + ZG_BAND)
    j = np.arange(GRID, dtype=np.float64)
    spots = lo + ((hi - lo) * j) / (GRID - 1)
    spots[-1] = hi
    g = G(spots)
    T_PROFILE = time.perf_counter()

    # 6. Zero gamma: sign changes on the ladder, each refined by Brent.
    roots = []
    for jj in np.flatnonzero((g[:-1] == 0) | (g[1:] == 0) | ((g[:-1] < 0) != (g[1:] < 0))):
        if g[jj] == 0:
            roots.append(float(spots[jj]))
        elif g[jj + 1] == 0:
            roots.append(float(spots[jj + 1]))
        else:
            roots.append(brentq(lambda x: G(x)[0], spots[jj], spots[jj + 1], xtol=1e-12 * spot))
    roots = sorted(set(roots))
    zero = min(roots, key=lambda r: abs(r - spot)) if roots else None
    stride = (GRID - 1) // (PROFILE_POINTS - 1)  # the profile is every 2nd ladder point, as the CLI's
    prof_s, prof_g = spots[::stride], g[::stride]
    T_ZERO = time.perf_counter()

    def js(x):  # integral floats print as integers, as JSON.stringify
        return int(x) if float(x).is_integer() and abs(x) < 2 ** 53 else x

    as_of = datetime.fromtimestamp(ch['as_of_ms'] / 1000, tz=NY).isoformat()
    report = {
        'underlying': ch['underlying'], 'spot': js(spot), 'asOf': as_of, 'contracts': int(n), 'skipped': skipped,
        'totalGex': total,
        'callWall': None if call_wall is None else js(call_wall),
        'putWall': None if put_wall is None else js(put_wall),
        'gammaWall': None if gamma_wall is None else js(gamma_wall),
        'zeroGamma': zero, 'zeroGammaRoots': roots,
        'byStrike': [{'strike': js(k), 'callGex': c, 'putGex': p, 'netGex': nt, 'vannaExposure': va, 'charmExposure': cx}
                     for k, c, p, nt, va, cx in zip(strikes.tolist(), call_gex.tolist(), put_gex.tolist(),
                                                    net_gex.tolist(), vanna_s.tolist(), charm_s.tolist())],
        'byExpiry': [{'expiry': e, 'netGex': v} for e, v in zip(exp_label, exp_net.tolist())],
        'profile': [{'spot': s, 'netGex': v} for s, v in zip(prof_s.tolist(), prof_g.tolist())],
    }
    return report, (T_GREEKS, T_PROFILE, T_ZERO)


def main(argv):
    args = [a for a in argv if a not in ('--timings', '--no-scipy')]
    if len(args) != 1:
        sys.stderr.write(__doc__)
        return 2
    try:
        t_read0 = time.perf_counter()
        ch = read_cboe(args[0])
        t_read = time.perf_counter()
        report, (t_greeks, t_profile, t_zero) = analyze(ch)
    except ChainError as e:
        sys.stderr.write(f'gex_numpy: {e}\n')
        return 1
    sys.stdout.write(json.dumps(report, separators=(',', ':')) + '\n')
    sys.stdout.flush()
    t_end = time.perf_counter()
    if '--timings' in argv:
        ms = lambda a, b: f'{(b - a) * 1000:.1f}'  # noqa: E731
        sys.stderr.write(f'imports {ms(T0, T_IMPORT)} ms, parse {ms(t_read0, t_read)} ms, iv+greeks+aggregates+walls '
                         f'{ms(t_read, t_greeks)} ms, ladder profile {ms(t_greeks, t_profile)} ms, brent '
                         f'{ms(t_profile, t_zero)} ms, json {ms(t_zero, t_end)} ms; total {ms(T0, t_end)} ms\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
