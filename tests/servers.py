"""Throwaway servers for the fault tests and the soak: a PostgreSQL cluster and a Redis of
their own, on free ports, in a temporary folder, and the site under gunicorn in front.

Never the shared servers: each is started here, on its own port, and stopped (and its
files removed) by `stop()`, which the fixtures call even when a test fails.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis as redis_client

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "a-throwaway-key-for-servers-started-by-the-tests-0123456789abcdef"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout=30, what="server"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up in {timeout} s")


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def children(pid):
    """The processes whose parent is `pid`, from Linux's /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def postgres_bin():
    """Debian's PostgreSQL programs (initdb, pg_ctl), newest version first; None if absent."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(found[0]).parent if found else None


class Postgres:
    """A PostgreSQL cluster of its own. PostgreSQL refuses to run as root, so under root it
    runs as the `postgres` user, in a folder that user owns."""

    def __init__(self):
        self.bin = postgres_bin()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="country-pages-pg-"))
        self.data = self.folder / "data"
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, program, *arguments):
        subprocess.run(
            [*self.as_user, str(self.bin / program), *arguments],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def create(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        self.start()
        return self

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                 "-w", "start")  # fmt: skip

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def signal(self, number):
        """Signal every process of the cluster: SIGSTOP hangs it as a frozen machine
        would (its kernel still accepts connections and acknowledges what is sent),
        SIGCONT lets it go on, SIGKILL crashes it."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        listed = children(postmaster)  # a killed postmaster's children are no longer its own
        # Stopped first, the postmaster starts no process the lists would miss; woken last,
        # it finds its children running.
        if number != signal.SIGCONT:
            os.kill(postmaster, number)
        for pid in sorted({*listed, *children(postmaster)}):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, number)
        if number == signal.SIGCONT:
            os.kill(postmaster, number)

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(OSError, ValueError):
                self.signal(signal.SIGCONT)  # a stopped cluster would not stop
            with contextlib.suppress(subprocess.CalledProcessError):
                self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis:
    """A Redis of its own. It keeps nothing on disk unless told to: with a `folder`,
    `snapshot()` writes the data set there, and every later `start()` loads it, as a Redis
    restarting from an old snapshot does."""

    def __init__(self, folder=None):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = Path(folder) / f"redis-{self.port}" if folder else None
        self.process = None

    def start(self):
        where = []
        if self.folder:
            self.folder.mkdir(exist_ok=True)
            where = ["--dir", str(self.folder), "--dbfilename", "snapshot.rdb"]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", *where],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: port_open(self.port), what="redis-server")
        return self

    def client(self):
        return redis_client.Redis.from_url(self.url, socket_timeout=5)

    def snapshot(self):
        """Write the data set to the folder now (SAVE): the next start() begins from it."""
        assert self.folder, "a Redis without a folder keeps nothing on disk"
        self.client().save()

    def pause(self):
        """Stalled: the port still takes connections, nothing answers (SIGSTOP)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def kill(self):
        """Gone at once, as in a crash: nothing saved on the way out (SIGKILL)."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)  # a paused Redis can't act on SIGTERM
            self.process.terminate()
            self.process.wait(timeout=10)


def production_environment(**environment):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        **environment,
    }


def manage(*arguments, **environment):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=production_environment(**environment),
        check=True,
        capture_output=True,
        timeout=300,
    )


class Site:
    """The site under gunicorn with production settings; its log is kept in a file."""

    def __init__(self, folder, workers=None, config=None, arguments=(), **environment):
        # A config file names its own number of workers; otherwise one.
        self.config = ["--config", str(config)] if config else []
        if workers or not config:
            self.config += ["--workers", str(workers or 1)]
        self.config += list(arguments)
        self.workers = workers
        self.port = free_port()
        self.folder = Path(folder)
        self.log = self.folder / "gunicorn.log"
        self.environment = production_environment(**environment)
        self.process = None

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", *self.config, "config.wsgi",
                 "--bind", f"127.0.0.1:{self.port}",
                 "--no-control-socket", "--graceful-timeout", "5"],
                cwd=BASE_DIR,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its workers are stopped with it
            )  # fmt: skip
        wait_for(lambda: port_open(self.port), what="gunicorn")
        return self

    def get(self, path):
        """(status, headers, body) of a request as the HTTPS proxy passes it on."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"X-Forwarded-Proto": "https"}
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def worker_pids(self):
        """gunicorn's workers: the processes whose parent is the master."""
        return children(self.process.pid)

    def log_text(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
