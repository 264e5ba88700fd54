"""`python -m bench [NAME ...]`: run the benchmarks (each in its own process) and print one table.

The table (Markdown, as pasted into the README) also goes to data/bench/results-<time>.md with the rows as
JSON next to it. Names: crawl_throughput, incremental, extraction, scale, daemon_soak, steady_state (the default:
all six), web_console.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.common import REPO_ROOT, Row, log, markdown_table, notes_of, text_table

BENCHMARKS = ("crawl_throughput", "incremental", "extraction", "scale", "daemon_soak", "steady_state", "web_console")
# Run when named (`python -m bench web_console`, `make bench-web`): loading a million synthetic items into both
# databases with their search indexes takes about half an hour on a small machine, beyond the default run's 20 minutes.
DEFAULT_RUN = tuple(name for name in BENCHMARKS if name != "web_console")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def _postgres_version() -> str:
    from sqlalchemy import create_engine, text

    from bench.crawling import POSTGRES_URL, postgres_available
    from db.engine import normalize_url

    if postgres_available():
        return "PostgreSQL unavailable"
    engine = create_engine(normalize_url(POSTGRES_URL))
    with engine.connect() as conn:
        version = str(conn.scalar(text("SHOW server_version")))
    engine.dispose()
    return f"PostgreSQL {version.split()[0]}"


def machine() -> str:
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {_memory_gb():.0f} GB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
            f"{_postgres_version()}")


def run_one(name: str, folder: Path) -> tuple[list[Row], float]:
    out = folder / f"{name}.json"
    started = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    code = subprocess.run([sys.executable, "-m", f"bench.{name}", "--json", str(out)], cwd=REPO_ROOT, env=env,
                          stdout=subprocess.DEVNULL).returncode
    seconds = time.perf_counter() - started
    if code != 0 or not out.exists():
        return [Row(name, "did not complete", None, passed=False, note=f"exit code {code}; see the output above")], seconds
    return [Row.from_json(r) for r in json.loads(out.read_text(encoding="utf-8"))], seconds


def main() -> None:
    names = sys.argv[1:] or list(DEFAULT_RUN)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    host = machine()
    load_before = os.getloadavg()
    rows: list[Row] = []
    durations = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            log(f"=== {name}")
            found, seconds = run_one(name, Path(tmp))
            rows += found
            durations.append(f"{name} {seconds / 60:.1f} min")
            log(f"=== {name} done in {seconds:.0f}s")
    load_after = os.getloadavg()
    stamp = datetime.now().astimezone()
    header = (f"newswatch benchmarks, {stamp:%Y-%m-%d %H:%M %Z}\nMachine: {host}\n"
              f"Load average (1 min) before/after: {load_before[0]:.2f}/{load_after[0]:.2f}; "
              f"durations: {', '.join(durations)}")
    failed = [r for r in rows if r.passed is False]
    verdict = "all targets met" if not failed else f"{len(failed)} target(s) missed"
    print(f"{header}\n\n{text_table(rows)}\n\n{verdict}\n\nNotes\n{notes_of(rows)}")
    results = REPO_ROOT / "data" / "bench"
    results.mkdir(parents=True, exist_ok=True)
    name = f"results-{stamp:%Y%m%d-%H%M}"
    (results / f"{name}.md").write_text(f"{header}\n\n{markdown_table(rows)}\n\nNotes\n\n{notes_of(rows)}\n",
                                        encoding="utf-8")
    (results / f"{name}.json").write_text(json.dumps({"machine": host, "rows": [r.to_json() for r in rows]},
                                                     ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n(saved as {results / name}.md and .json)")


if __name__ == "__main__":
    main()
