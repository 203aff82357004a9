"""Budget import speed: parse a generated 1 000 000-line budget file (~100 MB).

Targets (design.md §8, issue): under 20 s and under 2 GB peak memory for a million lines.
The file imitates Sogndal's layout (nynorsk headers, 5-digit konto and tjeneste, three amount
columns with space-grouped amounts, a few quoted texts with ``;``) so every step of the
pipeline runs: decode, sniff, pandas read, number parsing, code checks, service mapping.

Run:  .venv/bin/python bench/import.py [--rows 1000000] [--repeat 3]
Prints the median wall and CPU seconds, rows per second, the ratio to the 20 s target and
the peak RSS of the process (resource.getrusage), which includes the file's bytes in memory.

Notes: the file is written in chunks to a temporary directory and removed afterwards.
Number parsing runs once per distinct cell, so files with many repeated amounts (zeros,
round budget figures) are faster than this one, whose amounts are mostly distinct.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coop.budget_import.parse import parse_budget  # noqa: E402

HEADER = "konto;konto_tekst;ansvar;ansvar_tekst;tjeneste;tjeneste_tekst;rekneskap_2011;budsjett_2012;budsjett_2013\n"  # noqa: E501
ARTS = ["010", "020", "090", "099", "100", "120", "270", "350", "429", "600", "729", "750"]
FUNCTIONS = ["120", "202", "244", "251", "252", "253", "254", "303", "329", "370", "385"]
TARGET_S = 20.0
TARGET_MB = 2048.0


def amount(rng: random.Random) -> str:
    """A Sogndal-style amount: space-grouped whole kroner, often 0."""
    if rng.random() < 0.3:
        return "0"
    value = rng.randint(-3_000_000, 3_000_000)
    return f"{value:,}".replace(",", " ")


def write_file(path: Path, rows: int, seed: int = 2013) -> int:
    """Write ``rows`` data lines; return the file size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        chunk: list[str] = []
        for i in range(rows):
            art, function = rng.choice(ARTS), rng.choice(FUNCTIONS)
            text = '"Løn; faste stillingar"' if i % 97 == 0 else "Løn faste stillingar"
            chunk.append(
                f"1{art}{i % 10};{text};{100 + i % 400};Ansvar {i % 400} tenesteområde;"
                f"{function}00;Tenesteområde {function} med ein lang tekst;"
                f"{amount(rng)};{amount(rng)};{amount(rng)}\n"
            )
            if len(chunk) == 50_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "budsjett_bench.csv"
        size = write_file(path, args.rows)
        raw = path.read_bytes()
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = parse_budget(raw, path.name, municipality="4640", year=2013)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if result.report.has_errors:
            raise SystemExit("\n".join(i.message for i in result.report.errors[:5]))
        del result
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"rows: {args.rows:,}  file: {size / 1e6:.1f} MB  runs: {args.repeat}")
    print(f"median: {median:.2f} s  ({', '.join(f'{t:.2f}' for t in times)})")
    print(f"median CPU time: {statistics.median(cpu):.2f} s  (wall time grows on a busy machine)")
    print(f"rows/s: {args.rows / median:,.0f}")
    print(f"ratio to {TARGET_S:.0f} s target: {median / TARGET_S:.2f}")
    print(f"peak RSS: {peak_mb:,.0f} MB  ratio to {TARGET_MB:.0f} MB: {peak_mb / TARGET_MB:.2f}")


if __name__ == "__main__":
    main()
