#!/usr/bin/env python3
"""Times commands round-robin (A, B, C, A, B, C, ...) so that a busy machine slows each about equally, and
prints per command the median, minimum and mean wall time, plus each command's median paired difference and
ratio to the first (the baseline):

  interleave.py --runs N --warmup W --json OUT LABEL=COMMAND [LABEL=COMMAND ...]

COMMAND is split like a shell would split it (no shell runs it). Every run must exit 0.
"""
import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time


def run(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("command failed (exit %d): %s\n%s" % (done.returncode, shlex.join(cmd), done.stderr.decode()[-2000:]))
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--json", required=True)
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    commands = []
    for spec in args.commands:
        label, command = spec.split("=", 1)
        commands.append((label, shlex.split(command)))
    for _ in range(args.warmup):
        for _, cmd in commands:
            run(cmd)
    times = {label: [] for label, _ in commands}
    for _ in range(args.runs):
        for label, cmd in commands:
            times[label].append(run(cmd))
    base = commands[0][0]
    results = {}
    for label, _ in commands:
        t = times[label]
        diffs = [x - b for x, b in zip(t, times[base])]
        results[label] = {
            "median": statistics.median(t), "min": min(t), "mean": statistics.mean(t),
            "median_diff": statistics.median(diffs),
            "median_ratio": statistics.median(x / b for x, b in zip(t, times[base])),
            "times": t,
        }
        print("%-18s median %.3f s  min %.3f s  mean %.3f s  vs %s: %+.3f s (x%.2f)" % (
            label, results[label]["median"], results[label]["min"], results[label]["mean"], base,
            results[label]["median_diff"], results[label]["median_ratio"]), file=sys.stderr)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
