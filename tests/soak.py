"""Soak test (`make soak`): the site under gunicorn with production settings, on a
PostgreSQL of its own, loaded by wrk with 50 connections for two minutes. Reports errors
and the workers' memory growth; exits non-zero unless there are no errors and every
worker grew by less than 10 %.

Not part of the test suite: it takes minutes and its figures depend on the machine. The
README keeps the latest figures. SOAK_SECONDS, SOAK_CONNECTIONS and SOAK_WORKERS change
its size.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.servers import Postgres, Site, manage

SECONDS = int(os.environ.get("SOAK_SECONDS", "120"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "50"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "4"))
WARM_UP_SECONDS = 15
MAX_GROWTH = 0.10

# What readers and scripts ask for, in turn; each answers 200.
PATHS = [
    "/en/",
    "/en/countries/lesotho/",
    "/fr/countries/lesotho/",
    "/en/countries/malawi/",
    "/en/offices/southern-africa/",
    "/en/initiatives/",
    "/es/initiatives/?year=2020",
    "/en/countries/lesotho/statistics.csv",
    "/en/countries/lesotho/statistics.json",
    "/en/?q=les",
]

WRK_SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"  -- as the HTTPS proxy in front says
local paths = {%s}
local turn = 0
request = function()
  turn = turn + 1
  return wrk.format("GET", paths[(turn %% #paths) + 1])
end
"""


def rss_kib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))


def wrk(port, seconds, script):
    result = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--duration",
         f"{seconds}s", "--timeout", "10s", "--latency", "--script", str(script),
         f"http://127.0.0.1:{port}"],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    )  # fmt: skip
    return result.stdout


def errors_in(report):
    """Responses other than 2xx/3xx, and connect, read, write and timeout errors."""
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    return (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(number) for number in sockets.groups()) if sockets else 0
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make soak installs it).")
    folder = Path(tempfile.mkdtemp(prefix="country-pages-soak-"))
    postgres = Postgres()
    site = None
    try:
        postgres.create()
        manage("migrate", "--noinput", DATABASE_URL=postgres.url)
        manage("load_demo", DATABASE_URL=postgres.url)
        manage("collectstatic", "--noinput", STATIC_ROOT=str(folder / "static"))
        site = Site(
            folder,
            workers=WORKERS,
            DATABASE_URL=postgres.url,
            STATIC_ROOT=str(folder / "static"),
            LOG_LEVEL="WARNING",
        ).start()
        for path in PATHS:
            status = site.get(path)[0]
            assert status == 200, f"{path} answered {status} before the soak"
        script = folder / "paths.lua"
        script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in PATHS))

        print(f"Warming up for {WARM_UP_SECONDS} s …", flush=True)
        warm_up = wrk(site.port, WARM_UP_SECONDS, script)
        workers = site.worker_pids()
        before = {pid: rss_kib(pid) for pid in workers}

        print(f"Soaking: {CONNECTIONS} connections for {SECONDS} s, {WORKERS} workers …")
        report = wrk(site.port, SECONDS, script)
        after = {pid: rss_kib(pid) for pid in workers if Path(f"/proc/{pid}").exists()}

        print(report)
        errors = errors_in(report) + errors_in(warm_up)
        restarted = set(workers) - set(after) or set(site.worker_pids()) - set(workers)
        growth = {pid: (after[pid] - before[pid]) / before[pid] for pid in after}
        for pid in workers:
            if pid in after:
                print(
                    f"worker {pid}: {before[pid] / 1024:.1f} MiB -> {after[pid] / 1024:.1f} MiB "
                    f"({growth[pid]:+.1%})"
                )
        worst = max(growth.values())
        print(f"errors: {errors}; workers restarted: {len(restarted)}; worst growth: {worst:+.1%}")
        if errors or restarted or worst >= MAX_GROWTH:
            sys.exit("Soak failed: the target is 0 errors and less than 10 % growth.")
        print("Soak passed.")
    finally:
        if site:
            site.stop()
            problems = [
                line
                for line in site.log_text().splitlines()
                if "ERROR" in line or "Traceback" in line
            ]
            if problems:
                print("gunicorn logged:", *problems[:20], sep="\n")
        postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
