#!/usr/bin/env python3
"""Time whole processes: `node CLI gex FILE --json` against `python3 gex_numpy.py FILE`, stdout to a file.

Runs are interleaved (node, numpy, node, numpy, ...) so a neighbour's load drifting over the minutes hits both
alike; each run's wall time (perf_counter around the child) and CPU time (user + sys of the child, from
getrusage) are recorded, and medians printed as a Markdown table with the min and max beside them.
Also times the start-up floors (`node -e 0`; python3 importing numpy, scipy.optimize and scipy.special) and,
in separate runs, gex_numpy.py's own phase times (--timings) for the breakdown in the README.

Outputs go to TMP/numpy_measure_*.json (the last run's; compare.py checks them).

Usage: python3 bench/numpy/measure.py [--runs N] [--cli PATH] FILE...
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, out_path):
    """One child process: (wall s, cpu s, stderr)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(out_path, 'w') as out:
        p = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f'{" ".join(cmd)} failed ({p.returncode}): {p.stderr}')
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), p.stderr


def fmt(xs):
    return f'{statistics.median(xs):.3f} ({min(xs):.3f}-{max(xs):.3f})'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=9)
    ap.add_argument('--cli', default=os.path.join(HERE, '..', '..', 'dist', 'cli.js'))  # this repository's build
    ap.add_argument('--tmp', default='/tmp')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    script = os.path.join(HERE, 'gex_numpy.py')
    print(f'uptime before: {subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}')
    print(f'{a.runs} runs each, interleaved; seconds, median (min-max)\n')
    print('| file | command | wall s | CPU s (user+sys) |')
    print('|---|---|---|---|')
    floors = {
        'node -e 0': ['node', '-e', '0'],
        'python3 -c "import numpy"': [sys.executable, '-c', 'import numpy'],
        'python3 -c "import numpy, scipy.optimize, scipy.special"':
            [sys.executable, '-c', 'import numpy, scipy.optimize, scipy.special'],
    }
    breakdown = {}
    checks = []

    def out_of(k):
        return os.path.join(a.tmp, 'numpy_measure_' + re.sub(r'[^a-z]+', '_', k.split(' FILE')[0] + k.split('FILE')[-1]).strip('_') + '.json')
    for f in a.files:
        name = os.path.basename(f)
        cmds = {
            'node dist/cli.js gex FILE --json': ['node', a.cli, 'gex', f, '--json'],
            'python3 gex_numpy.py FILE': [sys.executable, script, f],
            'python3 gex_numpy.py FILE --no-scipy': [sys.executable, script, f, '--no-scipy'],
        }
        res = {k: ([], []) for k in cmds}
        for _ in range(a.runs):
            for k, cmd in cmds.items():
                w, c, _ = run(cmd, out_of(k))
                res[k][0].append(w)
                res[k][1].append(c)
        for k, (w, c) in res.items():
            print(f'| {name} | `{k}` | {fmt(w)} | {fmt(c)} |')
        node_out = out_of(next(iter(cmds)))
        for k in list(cmds)[1:]:  # the last run's outputs must agree (compare.py's criteria)
            p = subprocess.run([sys.executable, os.path.join(HERE, 'compare.py'), node_out, out_of(k)],
                               capture_output=True, text=True)
            last = (p.stdout.strip().splitlines() or ['no output'])[-1]
            checks.append(f'{name}, `{k}`: {last}' + ('' if p.returncode == 0 else f' (compare.py exit {p.returncode}: DISAGREE)'))
        phase_cmds = {'numpy': [sys.executable, script, f, '--timings'],
                      'numpy --no-scipy': [sys.executable, script, f, '--timings', '--no-scipy'],
                      'node': ['node', os.path.join(HERE, 'node_phases.mjs'), f, os.path.dirname(a.cli)]}
        phases = {k: [] for k in phase_cmds}
        for _ in range(a.runs):  # interleaved too
            for label, cmd in phase_cmds.items():
                _, _, err = run(cmd, os.path.join(a.tmp, 'numpy_measure_phases.json'))
                phases[label].append({m[0].strip(): float(m[1])
                                      for m in re.findall(r'([a-z+ ]+?) ([0-9.]+) ms', err.replace(',', ''))})
        for label, ph in phases.items():
            breakdown[(name, label)] = {k: statistics.median(p[k] for p in ph) for k in ph[0]}
    res = {k: ([], []) for k in floors}
    for _ in range(a.runs):
        for k, cmd in floors.items():
            w, c, _ = run(cmd, os.devnull)
            res[k][0].append(w)
            res[k][1].append(c)
    for k, (w, c) in res.items():
        print(f'| (start-up floor) | `{k}` | {fmt(w)} | {fmt(c)} |')
    for label, what in (('numpy', 'gex_numpy.py --timings (perf_counter from the script\'s first line)'),
                        ('numpy --no-scipy', 'gex_numpy.py --timings --no-scipy'),
                        ('node', 'node_phases.mjs (performance.now; the same library calls as the CLI)')):
        print(f'\n{what}: phase medians in ms\n')
        rows = {name: ph for (name, lb), ph in breakdown.items() if lb == label}
        keys = list(next(iter(rows.values())))
        print('| file | ' + ' | '.join(keys) + ' |')
        print('|---|' + '---|' * len(keys))
        for name, ph in rows.items():
            print(f'| {name} | ' + ' | '.join(f'{ph[k]:.1f}' for k in keys) + ' |')
    print('\nAgreement of the outputs of the last timed runs (compare.py):\n')
    for c in checks:
        print(f'- {c}')
    print(f'\nuptime after: {subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}')


if __name__ == '__main__':
    main()
