"""gunicorn's settings in production: `gunicorn -c config/gunicorn.py config.wsgi`.

Each setting can be overridden on the command line. The app servers are stateless:
sessions live in the database, pages in the shared cache, nothing on local disk.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The classic rule: two workers per core plus one, so a worker waiting on the database
# leaves the cores busy with others. WEB_CONCURRENCY overrides it (as on most PaaS hosts).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request still running after 30 s is stuck: its worker is replaced.
timeout = 30
graceful_timeout = 20
# Behind a load balancer that keeps connections open to the app servers.
keepalive = 5
# Workers are not replaced after a number of requests (max_requests): `make soak` shows
# their memory flat under load, and each replacement held up the requests queued behind it
# (the static file's p99 at 64 connections: 420-860 ms with replacements, 32 ms without).
# A shared /initiatives/ address with many filters ticked runs to 8 KB. gunicorn's longest
# request line (its default is 4094, a 414 past about 4 KB of address) leaves 8,177 bytes
# for the address; the browser then sends it whole as the Referer of the next request.
limit_request_line = 8190
limit_request_field_size = 12 * 1024
# Access log and errors to stdout/stderr, for the process manager to collect.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Workers' heartbeat files in memory, not on disk; no control socket in the home folder.
worker_tmp_dir = "/dev/shm"  # noqa: S108 -- memory, as gunicorn advises in containers
control_socket_disable = True
