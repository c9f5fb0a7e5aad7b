"""Run locust headless on loopback and read its CSV statistics (shared by the HTTP benchmarks)."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks._server import ROOT

INSTALL_HINT = (
    "locust is missing: it is in the dev extras, so `make setup` (or "
    "`.venv/bin/pip install -r requirements-dev.txt`) installs it."
)


def run_locust(base: str, users: list[str], count: int, rate: int, seconds: int, workdir: Path,
               env: dict, steady: bool = False) -> list[dict]:  # fmt: skip
    """Drive `users` (locustfile classes) at base for `seconds`; return the stats rows. With
    `steady`, the statistics start once every user is spawned (locust --reset-stats): the
    burst of logins at the start (argon2, slow on purpose) is not in the figures."""
    locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or shutil.which("locust")
    if not locust:
        sys.exit(INSTALL_HINT)
    if not base.startswith("http://127.0.0.1:"):
        sys.exit(f"Refusing to load anything but loopback: {base}")
    workdir.mkdir(parents=True, exist_ok=True)
    prefix = workdir / "locust"
    command = [
        locust, "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
        "--host", base, "-u", str(count), "-r", str(rate), "-t", f"{seconds}s",
        "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10",
        *(["--reset-stats"] if steady else []), *users,
    ]  # fmt: skip
    times = workdir / "times.tsv"
    environment = {**os.environ, **env, "PYTHONPATH": str(ROOT), "BENCH_TIMES": str(times)}
    if steady:
        environment["BENCH_STEADY"] = "1"
    log = workdir / "locust.log"
    with open(log, "wb") as out:
        subprocess.run(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT,
                       check=False, timeout=seconds + 120)  # fmt: skip
    stats = prefix.with_name("locust_stats.csv")
    if not stats.exists():
        sys.exit("locust wrote no statistics:\n" + log.read_text()[-3000:])
    with open(stats) as f:
        return list(csv.DictReader(f))


def print_rows(rows: list[dict], seconds: int) -> None:
    print(f"{'request':34} {'count':>7} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
    for row in rows:
        if row["Name"].startswith("login") and not int(row["Failure Count"]):
            continue
        print(
            f"{row['Name'][:34]:34} {int(row['Request Count']):7d} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} "
            f"{int(row['Failure Count']):7d}"
        )


def p95_without_logins(workdir: Path, leave_out: str = "hostile") -> tuple[int, float]:
    """How many requests `run_locust` timed in `workdir` (logins and the kinds whose name
    starts with `leave_out` left out) and their 95th percentile in ms."""
    path = workdir / "times.tsv"
    rows = [line.split("\t") for line in path.read_text().splitlines()] if path.exists() else []
    times = sorted(float(ms) for name, ms in rows if not name.startswith(leave_out))
    if not times:
        return 0, float("nan")
    return len(times), times[min(len(times) - 1, int(len(times) * 0.95))]
