#!/usr/bin/env python3
"""Compare two `gex --json` reports (the CLI's and gex_numpy.py's): exit 1 when they disagree.

Criteria (the brief's): walls equal, total GEX within 1e-9 relative, every zero-gamma root within 0.01 index
points, same contract and skip counts, same strikes and expiries. Also prints the largest relative differences
of the per-strike, per-expiry and profile figures (relative to the largest magnitude of that figure) for the README.

Usage: python3 bench/numpy/compare.py CLI.json NUMPY.json
"""
import json
import sys

TOTAL_REL = 1e-9  # total GEX: both sum the same ~15k products in IEEE f64; 1e-9 leaves room for summation order
ZERO_ABS = 0.01  # zero gamma: the refinement target (0.01 index points)


def main(a_path, b_path):
    a, b = json.load(open(a_path)), json.load(open(b_path))
    problems = []
    if list(a) != list(b):
        problems.append(f'keys differ: {list(a)} vs {list(b)}')
    for k in ('underlying', 'spot', 'asOf', 'contracts', 'skipped', 'callWall', 'putWall', 'gammaWall'):
        if a[k] != b[k]:
            problems.append(f'{k}: {a[k]!r} vs {b[k]!r}')
    rel = abs(a['totalGex'] - b['totalGex']) / abs(a['totalGex'])
    print(f"totalGex {a['totalGex']!r} vs {b['totalGex']!r}: relative difference {rel:.2e}")
    if not rel <= TOTAL_REL:
        problems.append(f'totalGex relative difference {rel:.3e} > {TOTAL_REL}')
    ra, rb = a['zeroGammaRoots'], b['zeroGammaRoots']
    print(f'zero gamma roots {ra} vs {rb}')
    if len(ra) != len(rb) or any(abs(x - y) > ZERO_ABS for x, y in zip(ra, rb)):
        problems.append(f'zeroGammaRoots differ by more than {ZERO_ABS}: {ra} vs {rb}')
    if (a['zeroGamma'] is None) != (b['zeroGamma'] is None) or (
            a['zeroGamma'] is not None and abs(a['zeroGamma'] - b['zeroGamma']) > ZERO_ABS):
        problems.append(f"zeroGamma {a['zeroGamma']} vs {b['zeroGamma']}")

    def table(key, id_key, fields):
        xa, xb = a[key], b[key]
        if [r[id_key] for r in xa] != [r[id_key] for r in xb]:
            problems.append(f'{key}: the {id_key} lists differ ({len(xa)} vs {len(xb)} rows)')
            return
        for f in fields:
            scale = max(abs(r[f]) for r in xa) or 1.0
            worst = max(abs(r[f] - s[f]) for r, s in zip(xa, xb)) / scale
            print(f'{key}.{f}: max |difference| / max |value| = {worst:.2e} over {len(xa)} rows')

    table('byStrike', 'strike', ('callGex', 'putGex', 'netGex', 'vannaExposure', 'charmExposure'))
    table('byExpiry', 'expiry', ('netGex',))
    table('profile', 'spot', ('netGex',))
    for p in problems:
        print('DISAGREE:', p)
    print('agree' if not problems else f'{len(problems)} disagreement(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
