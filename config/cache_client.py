"""django-redis's client, for a Redis that is away when a worker starts.

With `single_connection_client` (config/settings.py) redis-py connects as the client is
made, and django-redis makes it outside the `try` that turns Redis's errors into the ones
IGNORE_EXCEPTIONS ignores: a worker that started while Redis was away raised on every cache
call, and every page was a 500 until Redis came back. Here that first connection's failure
is reported like any later one: ignored and logged, pages served from the database. The
next cache call tries to connect again.
"""

from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class Client(DefaultClient):
    def connect(self, index=0):
        try:
            return super().connect(index)
        except (RedisConnectionError, RedisTimeoutError) as error:
            raise ConnectionInterrupted(connection=None) from error
