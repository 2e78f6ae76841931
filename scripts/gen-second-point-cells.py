# Generates SECOND_POINT_CELLS, the implied-vol kernel's table of the second point of "Let's Be Rational" (lbr.ts
# normalisedImpliedVolatility, lbr-simd.ts secondPointPair): assembly/second-point-cells.ts and its twin
# src/kernel/second-point-cells.ts.
#
# For x < 0 write u = sqrt(-x) = s_c/sqrt2. The central point s_c = sqrt(2|x|) has b_c = bMax (1 - erfcx(u))/2 and vega
# bMax/sqrt(2 pi), so the tangent there meets b = 0 at s_l = sqrt2 u - sqrt(pi/2) (1 - erfcx(u)) and b = bMax at
# s_u = sqrt2 u + sqrt(pi/2) (1 + erfcx(u)) (Jaeckel 2015, eqs. 4.7-4.8): the second point s2, and with it
#   Qb(u) = b(x, s2) / (bMax s2) = [Phi(h + t) - e^{u^2} Phi(h - t)] / s2      (h = x/s2, t = s2/2, bMax = e^{x/2})
#   Re(u) = E2 / bMax = exp(-(h + t)^2 / 2)                                      (E2 = exp(-(h^2 + t^2)/2))
# are functions of u alone, analytic on [0, inf) and bounded away from 0 there (s_l ~ sqrt(pi/2) u^2 as u -> 0, so b_l/s_l
# stays finite). Jaeckel's 2024 revision of LetsBeRational likewise replaces b_l(x), b_u(x) by approximations in x.
# Cells |u - j/16| <= 1/32 on [0, 4] (|x| <= 16; beyond, the kernels evaluate b and E at s2), rows (j, side) with
# side 0 = s_l, 1 = s_u, each 16 doubles (128 bytes): Qb's and Re's coefficients interleaved, c0(Qb), c0(Re), c1(Qb),
# c1(Re), ... c7(Re), so one 16-byte load gives coefficient k of both functions. Per function a degree-7 polynomial in
# t = u - j/16 (exact in double): c0 = f(j/16) rounded to double, c1..c7 the polynomial interpolating
# (f(j/16 + t) - f(j/16))/t at the 7 Chebyshev nodes of the cell (near-minimax), as scripts/gen-erfcx-cells.py does.
# Checks every row in double arithmetic, in the kernels' order of operations (c0 + t Q(t), Q by Estrin's scheme),
# against 80-digit mpmath and prints the largest relative error of each function in units of DBL_EPSILON.
# Run: python3 scripts/gen-second-point-cells.py   (mpmath 1.3; about 10 s)
from mpmath import mp, mpf, erfc, exp, sqrt, pi, cos, matrix, lu_solve, diff
import random

mp.dps = 80
CELLS, STEP, DEG = 65, mpf(1) / 16, 7
TINY = mpf('1e-30')  # the u -> 0 limit: f(1e-30) is f(0) to 1e-30 (its b and s_l ~ 1e-60 keep 20 of the 80 digits)


def Phi(z):
    return erfc(-z / sqrt(2)) / 2


def second_point(u, side):
    """s2, h, t at x = -u^2: s_l (side 0) or s_u (side 1)."""
    u = max(u, TINY)
    e = exp(u * u) * erfc(u)  # erfcx(u)
    s = sqrt(2) * u - sqrt(pi / 2) * (1 - e) if side == 0 else sqrt(2) * u + sqrt(pi / 2) * (1 + e)
    return s, -u * u / s, s / 2, u


def qb(u, side):
    s, h, t, u = second_point(u, side)
    return (Phi(h + t) - exp(u * u) * Phi(h - t)) / s


def re(u, side):
    s, h, t, u = second_point(u, side)
    return exp(-(h + t) ** 2 / 2)


def cell(f, j):
    c = j * STEP
    f0 = f(c)
    lo = max(-STEP / 2, -c)  # u >= 0: the first cell is [0, 1/32]
    hi = STEP / 2
    nodes = [(hi + lo) / 2 + (hi - lo) / 2 * cos(pi * (k + mpf(1) / 2) / DEG) for k in range(DEG)]
    A = matrix([[t ** i for i in range(DEG)] for t in nodes])
    b = matrix([(f(c + t) - f0) / t if abs(t) > 1e-30 else diff(f, c) for t in nodes])  # t = 0: f'(c)
    g = lu_solve(A, b)  # g[0] + g[1] t + ... + g[DEG-1] t^(DEG-1)
    return [float(f0)] + [float(g[i]) for i in range(DEG)]


def evaluate(c, t):  # the kernels' order: c0 + t Q(t), Q by Estrin's scheme
    t2 = t * t
    t4 = t2 * t2
    q = ((c[1] + c[2] * t) + (c[3] + c[4] * t) * t2) + t4 * ((c[5] + c[6] * t) + c[7] * t2)
    return c[0] + t * q


FUNCTIONS = (('Qb', qb), ('Re', re))
rows = []  # (j, side, Qb coefficients, Re coefficients)
for j in range(CELLS):
    for side in (0, 1):
        rows.append((j, side, cell(lambda u: qb(u, side), j), cell(lambda u: re(u, side), j)))

rng = random.Random(1)
worst = {(name, side): (0.0, 0.0) for name, _ in FUNCTIONS for side in (0, 1)}
for j, side, cq, ce in rows:
    pts = [j / 16 + (i / 32 - 0.5) / 16 for i in range(33)] + [j / 16 + (rng.random() - 0.5) / 16 for _ in range(100)]
    pts += [2.0 ** -k for k in range(6, 60, 3)] if j == 0 else []  # tiny u (x -> 0)
    for u in pts:
        if u <= 0 or u > 4:
            continue
        for (name, f), c in zip(FUNCTIONS, (cq, ce)):
            ref = f(mpf(u), side)
            err = float(abs((mpf(evaluate(c, u - j / 16)) - ref) / ref)) / 2.0 ** -52
            if err > worst[(name, side)][0]:
                worst[(name, side)] = (err, u)
summary = ('max relative error in double arithmetic vs 80-digit mpmath, in DBL_EPSILON: ' +
           ', '.join('%s(s_%s) %.3f (u = %.6g)' % (name, 'lu'[side], *worst[(name, side)])
                     for name, _ in FUNCTIONS for side in (0, 1)))
print(summary)

body = []
for r, (j, side, cq, ce) in enumerate(rows):  # four lines per row: (c_k of Qb, c_k of Re) for k = 0..7
    vals = [v for k in range(DEG + 1) for v in (cq[k], ce[k])]
    body.append('  ' + ', '.join(repr(a) for a in vals[:4]) + ', // %d: cell %d, s_%s' % (r, j, 'lu'[side]))
    for i in range(4, 16, 4):
        body.append('    ' + ', '.join(repr(a) for a in vals[i:i + 4]) + ',')
body = '\n'.join(body)
head = ('// Generated by scripts/gen-second-point-cells.py (do not edit). The second point of "Let\'s Be Rational" as a\n'
        '// function of u = sqrt(-x) = s_c/sqrt2: Qb = b(x, s2)/(bMax s2) and Re = E2/bMax at s2 = s_l (side 0) or s_u\n'
        '// (side 1). Cells |u - j/16| <= 1/32 on [0, 4], row 2 j + side, 128 bytes: c0(Qb), c0(Re), c1(Qb), c1(Re), ...,\n'
        '// c7(Re), per function a degree-7 polynomial c0 + t Q(t) in t = u - j/16.\n'
        '// ' + summary + '.\n')
consts = ('/** The table\'s range of u, cells per unit of u and cell width. */\n'
          'export const SECOND_POINT_CELLS_MAX = 4.0;\nexport const SECOND_POINT_CELLS_PER_UNIT = 16.0;\n'
          'export const SECOND_POINT_CELL_STEP = 0.0625;\n')
with open('assembly/second-point-cells.ts', 'w') as out:
    out.write(head + '// Twin: src/kernel/second-point-cells.ts.\n' + consts +
              'export const SECOND_POINT_CELLS: usize = memory.data<f64>([\n' + body + '\n], 64);\n')
with open('src/kernel/second-point-cells.ts', 'w') as out:
    out.write(head + '// Twin: assembly/second-point-cells.ts.\n' + consts +
              'export const SECOND_POINT_CELLS = new Float64Array([\n' + body + '\n]);\n')
