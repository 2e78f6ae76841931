# Generates the exp() constants of assembly/math.ts and src/kernel/math.ts with mpmath (200-bit arithmetic):
# 2^(i/128) for i = 0..127 as hi + lo doubles, and the Cody-Waite split of ln2/128. Run: python3 scripts/gen-exp-table.py
from mpmath import mp, mpf, log, power
import math
mp.prec = 200
N = 128
c = log(2) / N
m, e = math.frexp(float(c))
hi = math.ldexp(math.floor(math.ldexp(m, 29) + 0.5), e - 29)  # 29 significant bits: k*hi exact for |k| < 2^24
print('INV_LN2N =', repr(float(N / log(2))))
print('LN2N_HI =', repr(hi), ' LN2N_LO =', repr(float(c - mpf(hi))))
for i in range(N):
    v = power(2, mpf(i) / N)
    h = float(v)
    print('  %r, %r,' % (h, float(v - mpf(h))))
