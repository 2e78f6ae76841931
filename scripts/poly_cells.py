# The cell fit shared by scripts/gen-erfcx-cells.py and scripts/gen-second-point-cells.py: tables of degree-7
# polynomials c0 + t Q(t) in t = u - c over cells |u - c| <= step/2, and their evaluation in the kernels' order.
from mpmath import mpf, cos, pi, matrix, lu_solve, diff

DEG = 7  # Q's coefficients c1..c7: with c0, 8 doubles (64 bytes) per function and cell


def cell(f, c, step):
    """c0 = f(c) rounded to double, c1..c7 the polynomial interpolating (f(c + t) - f(c))/t at the 7 Chebyshev nodes of
    the cell (near-minimax); the cell is clipped to u >= 0 (the first one is [0, step/2])."""
    f0 = f(c)
    lo = max(-step / 2, -c)
    hi = step / 2
    nodes = [(hi + lo) / 2 + (hi - lo) / 2 * cos(pi * (k + mpf(1) / 2) / DEG) for k in range(DEG)]
    A = matrix([[t ** i for i in range(DEG)] for t in nodes])
    b = matrix([(f(c + t) - f0) / t if abs(t) > 1e-30 else diff(f, c) for t in nodes])  # t = 0: f'(c)
    g = lu_solve(A, b)  # g[0] + g[1] t + ... + g[DEG-1] t^(DEG-1)
    return [float(f0)] + [float(g[i]) for i in range(DEG)]


def evaluate(c, t):
    """The kernels' order: c0 + t Q(t), Q by Estrin's scheme (double arithmetic for double arguments)."""
    t2 = t * t
    t4 = t2 * t2
    q = ((c[1] + c[2] * t) + (c[3] + c[4] * t) * t2) + t4 * ((c[5] + c[6] * t) + c[7] * t2)
    return c[0] + t * q
