"""Logging that says it once, not on every request."""

import logging
import time


class OncePerInterval(logging.Filter):
    """Let a message through once, then drop its repeats for `interval` seconds.

    With Redis down every request fails to read and write the cache; one line per
    outage (and a reminder every few minutes) tells the operator as much as thousands.
    """

    def __init__(self, interval=300):
        super().__init__()
        self.interval = interval
        self.last_seen = {}

    def filter(self, record):
        key = (record.name, record.msg)
        now = time.monotonic()
        last = self.last_seen.get(key)
        if last is not None and now - last < self.interval:
            return False
        self.last_seen[key] = now
        return True
