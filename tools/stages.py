"""Run the stages of `make test` in order, print the time of each, stop at the first failure.

Usage: python tools/stages.py "name:command" ["name:command" ...]
"""
import subprocess
import sys
import time


def main(stages: list[str]) -> int:
    timings = []
    status = 0
    for stage in stages:
        name, _, command = stage.partition(":")
        print(f"\n===== {name} =====", flush=True)
        start = time.perf_counter()
        status = subprocess.call(command, shell=True)
        timings.append((name, time.perf_counter() - start, status))
        if status:
            break
    print("\n===== make test: time per stage =====")
    for name, seconds, code in timings:
        print(f"{name:<22} {seconds:7.1f} s  {'ok' if code == 0 else f'FAILED (exit {code})'}")
    print(f"{'total':<22} {sum(t for _, t, _ in timings):7.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
