# Generates the log() table of assembly/math.ts and src/kernel/math.ts (LOG_TAB): 128 cells of the reduced argument
# z in [0x3fe5f000..., 2x that) ~ [0.6855, 1.371), equally spaced in the bit pattern (the top 7 mantissa bits after
# subtracting LOG_OFF), as in ARM optimized-routines / musl log.c (Szabolcs Nagy, 2018). Per cell (invc, c, logc_hi,
# logc_lo): c a double near the cell centre chosen so that invc = round(1/c) has |c*invc - 1| < 2^-64 (then
# r = (z - c)*invc, with z - c exact by Sterbenz, is z/c - 1 to one rounding); the cell holding 1.0 has c = 1.
# log(c) to 60 digits with Python's decimal module, split as logc_hi (a multiple of 2^-32, so that
# e*LN2_HI + logc_hi is exact for |e| < 2^11) + logc_lo. Exact arithmetic with fractions. Run: python3 scripts/gen-log-table.py
import struct
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60
OFF = 0x3fe5f00000000000  # LOG_OFF: 0x3fe6000000000000 (ARM's) less half a cell, so that 1.0 is inside cell 80
N = 128


def f64(bits):
    return struct.unpack('<d', struct.pack('<Q', bits))[0]


def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def nearest(q):  # the double nearest to the rational q (q in [0.5, 2))
    return float(q)  # Fraction.__float__ rounds correctly (round-half-even)


one_cell = ((bits(1.0) - OFF) >> 45) & (N - 1)
for i in range(N):
    if i == one_cell:
        c = 1.0
    else:
        lo, hi = OFF + (i << 45), OFF + ((i + 1) << 45)
        centre = (Fraction(f64(lo)) + Fraction(f64(hi))) / 2
        c0 = bits(nearest(centre))
        for j in range(1 << 20):
            cand = f64(c0 + (j >> 1 if j % 2 == 0 else -((j + 1) >> 1)))
            inv = nearest(1 / Fraction(cand))
            if abs(Fraction(cand) * Fraction(inv) - 1) < Fraction(1, 1 << 64):
                c = cand
                break
        else:
            raise SystemExit('no c for cell %d' % i)
    invc = nearest(1 / Fraction(c))
    logc = Decimal(c).ln()
    hi = float(Fraction(round(logc * (1 << 32))) / (1 << 32))
    lo = float(logc - Decimal(hi))
    print('  %r, %r, %r, %r,' % (invc, c, hi, lo))
