"""A deadline for PostgreSQL's answer, kept by a watchdog thread.

A hung server (a frozen machine, a stopped process) leaves its kernel accepting
connections and acknowledging what is sent, so nothing on the client's side notices:
TCP keepalives and libpq's tcp_user_timeout are answered by that kernel, and the
server's own statement_timeout needs a server that runs. libpq's connect_timeout bounds
only a new connection's handshake. So the wait for an answer on an open connection gets a
deadline here: when it passes, the watchdog shuts the connection's socket down, libpq
(waiting in poll() for the answer) sees the connection end at once, and the waiting code
gets DatabaseAway. The connection is then broken for good, so Django and the pool drop it
and the next request connects anew.

A thread rather than SIGALRM: signals reach only the main thread, and runserver and
the pool work in other threads.
"""

import os
import socket
import threading
import time
from contextlib import contextmanager

import psycopg
from django.db import OperationalError

# How often the watchdog looks: a deadline is kept to within this much.
TICK = 0.1


class DatabaseAway(OperationalError):
    """PostgreSQL did not answer in time; the connection was hung up."""


class _Watch:
    def __init__(self, fileno, seconds):
        self.fileno = fileno
        self.at = time.monotonic() + seconds
        self.expired = False


_lock = threading.Lock()
_watches = set()
_watchdog = None


def _forget():
    # A forked child (a gunicorn worker of a preloaded app) has none of its parent's
    # threads, and a lock the watchdog held at the fork would stay held.
    global _lock, _watchdog
    _lock, _watchdog = threading.Lock(), None
    _watches.clear()


os.register_at_fork(after_in_child=_forget)


@contextmanager
def answer_within(connection, seconds):
    """Run the block; if `connection` (psycopg's) still waits for the server after
    `seconds`, hang it up and raise DatabaseAway. No deadline when `seconds` is 0."""
    fileno = _fileno(connection)
    if not seconds or fileno is None:
        yield
        return
    watch = _Watch(fileno, seconds)
    with _lock:
        _start_watchdog()
        _watches.add(watch)
    try:
        yield
    finally:
        with _lock:
            _watches.discard(watch)
        # Raised even if the answer came as the socket was shut: the connection is broken.
        if watch.expired:
            raise DatabaseAway(f"PostgreSQL did not answer within {seconds} s")


def _fileno(connection):
    try:
        return connection.fileno() if connection is not None else None
    except psycopg.Error:  # closed or broken: nothing to wait for
        return None


def _start_watchdog():
    global _watchdog
    if _watchdog is None:
        _watchdog = threading.Thread(target=_watch, name="database-deadline", daemon=True)
        _watchdog.start()


def _watch():
    while True:
        time.sleep(TICK)
        now = time.monotonic()
        with _lock:
            for watch in [watch for watch in _watches if watch.at <= now]:
                _watches.discard(watch)
                watch.expired = True
                _hang_up(watch.fileno)


def _hang_up(fileno):
    # On a duplicate of libpq's descriptor: shutdown() acts on the socket itself, and
    # closing the duplicate leaves libpq's own descriptor for psycopg to close.
    try:
        with socket.socket(fileno=os.dup(fileno)) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed by the server
