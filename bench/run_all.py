"""Run every benchmark in this folder (`bench_*.py`) one after another and print their figures.

Each benchmark is a standalone script run with the project's interpreter and no arguments; it prints its own
table and the goals it is measured against. A failing benchmark does not stop the others; the exit code says
whether all of them ran.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"--- {script.stem}: {time.perf_counter() - started:.1f} s, exit code {result.returncode}", flush=True)
        if result.returncode:
            failed.append(script.stem)
    if failed:
        print("Не выполнены: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
