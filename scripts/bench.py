"""The benchmark (`make bench`): the site against a static file of the same size.

Builds the large data set (generate_data) on a PostgreSQL of its own, starts gunicorn with
the production settings and config/gunicorn.py on 127.0.0.1 (with a Redis of its own as
the cache), and drives each page with wrk at 16 and at 64 connections. Prints a table
(req/s, p50, p99, errors) and, last, the ratios of each page's req/s to the static file's
at 64 connections. Writes the table to artifacts/bench.md.

Not a test: its figures depend on the machine, and wrk shares its cores with the server;
compare ratios within one run. BENCH_SECONDS sets each run's length (default 10).
"""

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import BASE_DIR, Postgres, Redis, Site, manage  # noqa: E402
from tests.soak import errors_in  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = [16, 64]
COUNTRY = "/en/countries/lesotho/"
STATIC = "/static/bench/country-page.html"
# (name, site, path): "warm" serves from the page cache, "cold" with the cache off.
# The cold text search runs last: its queued requests keep the database busy for a while
# after wrk stops. Between targets the script waits until the servers are idle again.
TARGETS = [
    ("static", "warm", STATIC),
    ("country_warm", "warm", COUNTRY),
    ("country_cold", "cold", COUNTRY),
    # Connection handling: the same cold page with psycopg's pool instead of persistent
    # connections (CONN_MAX_AGE with health checks).
    ("country_cold_pool", "pool", COUNTRY),
    ("initiatives", "warm", "/en/initiatives/?year=2020"),
    ("initiatives_cold", "cold", "/en/initiatives/?year=2020"),
    ("initiatives_cold_pool", "pool", "/en/initiatives/?year=2020"),
    ("api", "warm", "/api/v1/countries/LS/"),
    ("api_cold", "cold", "/api/v1/countries/LS/"),
    ("search", "warm", "/en/initiatives/?q=border+management"),
    ("search_cold", "cold", "/en/initiatives/?q=border+management"),
]
RATIOS = ["country_warm", "country_cold", "initiatives", "search", "api"]
# The same pages with the cache off, each rendered afresh: what a request costs right after
# an edit, or for a search nobody made before.
UNCACHED = ["country_cold", "initiatives_cold", "search_cold", "api_cold"]


def wrk(port, path, connections):
    result = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(connections), "--duration",
         f"{SECONDS}s", "--timeout", "10s", "--latency",
         "--header", "X-Forwarded-Proto: https",  # as the HTTPS proxy in front says
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True, timeout=SECONDS + 60,
    )  # fmt: skip
    report = result.stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1)),
        "p50": percentile(report, 50),
        "p99": percentile(report, 99),
        "errors": errors_in(report),
    }


def settle(sites):
    """Wait (up to a minute) until every server answers its health check at once."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        started = time.monotonic()
        healthy = all(site.get("/healthz")[0] == 200 for site in sites)
        if healthy and time.monotonic() - started < 0.1:
            return
        time.sleep(0.5)


def percentile(report, number):
    """A line of wrk's latency distribution, e.g. "    99%   12.34ms", in milliseconds."""
    return milliseconds(re.search(rf"^\s+{number}%\s+([\d.]+[a-z]+)", report, re.M).group(1))


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory / 1024 / 1024:.1f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def table(results, workers):
    lines = [
        f"Machine: {machine()}; gunicorn with config/gunicorn.py ({workers} workers), "
        f"wrk on the same machine, {SECONDS} s per run.",
        "",
        "| target | connections | req/s | p50 ms | p99 ms | p99/p50 | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for (name, connections), figures in results.items():
        # No answer at all within a run leaves wrk no latency to report.
        spread = f"{figures['p99'] / figures['p50']:.1f}" if figures["p50"] else "-"
        lines.append(
            f"| {name} | {connections} | {figures['rps']:.1f} | {figures['p50']:.2f} | "
            f"{figures['p99']:.2f} | {spread} | {figures['errors']} |"
        )
    return "\n".join(lines)


def ratios(results, names=RATIOS, label="ratios"):
    static = results["static", CONNECTIONS[-1]]["rps"]
    return f"{label}: " + " ".join(
        f"{name}={results[name, CONNECTIONS[-1]]['rps'] / static:.3f}" for name in names
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it).")
    folder = Path(tempfile.mkdtemp(prefix="country-pages-bench-"))
    postgres, redis, sites = Postgres(), Redis(), {}
    try:
        postgres.create()
        redis.start()
        manage("migrate", "--noinput", DATABASE_URL=postgres.url)
        started = time.monotonic()
        manage(
            "generate_data", "--countries", "200", "--years", "30",
            "--initiatives-per-year", "10", DATABASE_URL=postgres.url,
        )  # fmt: skip
        print(f"generate_data: {time.monotonic() - started:.1f} s", flush=True)
        static_root = folder / "static"
        manage("collectstatic", "--noinput", STATIC_ROOT=str(static_root))

        common = {
            "DATABASE_URL": postgres.url,
            "STATIC_ROOT": str(static_root),
            "LOG_LEVEL": "WARNING",
            # The load comes from one address; the limit's list of recent requests must not
            # grow with the load either.
            "API_ANON_RATE": "100000/second",
        }
        settings = {
            "warm": {"CACHE_URL": redis.url},
            "cold": {"PAGE_CACHE": "false"},
            "pool": {"PAGE_CACHE": "false", "DATABASE_POOL": "true"},
        }
        # The ceiling: the country page's bytes as a static file, served by WhiteNoise.
        probe = Site(folder, config=BASE_DIR / "config" / "gunicorn.py", **common).start()
        page = probe.get(COUNTRY)
        probe.stop()
        if page[0] != 200:
            sys.exit(f"The country page answered {page[0]}.")
        (static_root / "bench").mkdir()
        (static_root / "bench" / "country-page.html").write_text(page[2])

        for name, environment in settings.items():
            (folder / name).mkdir()
            sites[name] = Site(
                folder / name,
                config=BASE_DIR / "config" / "gunicorn.py",
                **common,
                **environment,
            ).start()
        time.sleep(2)  # the workers boot after the master opens its port
        workers = len(sites["warm"].worker_pids())
        for name, site, path in TARGETS:
            status = sites[site].get(path)[0]
            if status != 200:
                sys.exit(f"{name}: {path} answered {status}.")

        results = {}
        for name, site, path in TARGETS:
            for connections in CONNECTIONS:
                settle(sites.values())
                print(f"{name} at {connections} connections …", flush=True)
                results[name, connections] = wrk(sites[site].port, path, connections)
        report = f"{table(results, workers)}\n\n{ratios(results, UNCACHED, 'uncached')}"
        print()
        print(report)
        print()
        print(ratios(results))  # the last line
        artifacts = BASE_DIR / "artifacts"
        artifacts.mkdir(exist_ok=True)
        (artifacts / "bench.md").write_text(f"{report}\n{ratios(results)}\n")
    finally:
        for site in sites.values():
            site.stop()
            problems = [line for line in site.log_text().splitlines() if "Traceback" in line]
            if problems:
                print("gunicorn logged errors; see", site.log)
        redis.stop()
        postgres.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
