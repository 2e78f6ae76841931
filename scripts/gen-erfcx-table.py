# Generates ERFCX_TAB of assembly/math.ts and src/kernel/math.ts, the normal CDF's table: 129 cells |y - j/32| <= 1/64
# (j = 0..128, y in [0, 4]), each a degree-7 polynomial in t = y - j/32 (exact in double) of
#   -erf(y)              for j = 0..15  (y < 31/64, about Cody's region 1: N = D/2 (1 - erf z) needs no exp(-y^2))
#   erfcx(y)/2 = exp(y^2) erfc(y)/2  for j = 16..128 (N = H erfcx(y)/2 with the caller's H = D exp(-y^2)).
# Per cell: c0 = f(j/32) rounded to double (0 for -erf at j = 0, so small y keep their relative accuracy), c1..c7
# the polynomial interpolating (f(j/32 + t) - f(j/32))/t at the 7 Chebyshev nodes of the cell (near-minimax).
# Checks every cell in double arithmetic (the kernel's order of operations) against 50-digit mpmath and prints the
# largest error in ulps of the result. Rows: c0..c7 (64 bytes, one cache line: the wasm lanes load coefficient pairs).
# Run: python3 scripts/gen-erfcx-table.py
from mpmath import mp, mpf, erf, erfc, exp, cos, pi, matrix, lu_solve, diff
import math
import random

mp.dps = 50
CELLS, STEP, DEG, ERF_CELLS = 129, mpf(1) / 32, 7, 16


def f(j, y):
    return -erf(y) if j < ERF_CELLS else exp(y * y) * erfc(y) / 2


rows = []
for j in range(CELLS):
    c = j * STEP
    f0 = f(j, c)
    lo = max(-STEP / 2, -c)  # y >= 0: the first cell is [0, 1/64]
    hi = STEP / 2
    nodes = [(hi + lo) / 2 + (hi - lo) / 2 * cos(pi * (k + mpf(1) / 2) / DEG) for k in range(DEG)]
    A = matrix([[t ** i for i in range(DEG)] for t in nodes])
    b = matrix([(f(j, c + t) - f0) / t if abs(t) > 1e-30 else diff(lambda u: f(j, u), c) for t in nodes])  # t = 0: f'(c)
    g = lu_solve(A, b)  # g[0] + g[1] t + ... + g[DEG-1] t^(DEG-1)
    rows.append([float(f0)] + [float(g[i]) for i in range(DEG)])


def evaluate(c, t):  # exactly the kernel's order (cdfScaled): c0 + t Q(t), Q by Estrin's scheme
    t2 = t * t
    t4 = t2 * t2
    q = ((c[1] + c[2] * t) + (c[3] + c[4] * t) * t2) + t4 * ((c[5] + c[6] * t) + c[7] * t2)
    return c[0] + t * q


rng = random.Random(1)
worst = {'erf': (0.0, 0.0), 'erfcx': (0.0, 0.0)}
for j, row in enumerate(rows):
    kind = 'erf' if j < ERF_CELLS else 'erfcx'
    pts = [j / 32 + (i / 64 - 0.5) / 32 for i in range(65)] + [j / 32 + (rng.random() - 0.5) / 32 for _ in range(400)]
    pts += [2.0 ** -k for k in range(6, 60, 3)] if j == 0 else []  # tiny y: relative accuracy
    for y in pts:
        if y <= 0 or y > 4:
            continue
        ref = f(j, mpf(y))
        err = float(abs(mpf(evaluate(row, y - j / 32)) - ref)) / 2.0 ** (math.floor(math.log2(abs(float(ref)))) - 52)
        if err > worst[kind][0]:
            worst[kind] = (err, y)
print('// max error in double arithmetic vs mpmath: -erf cells %.3f ulp (at y = %r), erfcx/2 cells %.3f ulp (at y = %r)'
      % (worst['erf'] + worst['erfcx']))
for j, row in enumerate(rows):  # two lines per cell
    print('  ' + ', '.join(repr(a) for a in row[:4]) + ', // %d' % j)
    print('    ' + ', '.join(repr(a) for a in row[4:]) + ',')
