"""The cache backend: Redis, where an outage is a cache miss rather than an error.

Every page reads the cache (the department profile, the page cache, rate limits, content
versions). With plain RedisCache a Redis outage would turn each of those reads into a 500; here a
failed call answers as if the key were missing (reads) or did nothing (writes), and the process
stops asking Redis for `RETRY_AFTER` seconds, so pages render from the database at the speed of
the database instead of waiting on a dead server. Rate limits fail open meanwhile.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0  # seconds without asking Redis after it failed


class _KeyMissing(ValueError):
    """What `incr` raises for a missing key; callers already handle it."""


def _degrades(fallback):
    """Runs the method; during an outage returns `fallback(*args, **kwargs)` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except OUTAGE as error:
                self.down_until = time.monotonic() + RETRY_AFTER
                logger.warning("Cache unavailable, serving without it: %s", error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _missing_counter(*args, **kwargs):
    raise _KeyMissing("the cache is unavailable")


class _KeptClients(RedisCacheClient):
    """Django wraps the pooled connections in a new `redis.Redis` at every call, and building
    one (its table of response callbacks) costs more than a GET on a local Redis: one client is
    kept per pool instead. Clients are thread-safe, and the pools reconnect after a fork."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    down_until = 0.0  # per process: each web process finds the outage (and its end) itself

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClients

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    get = _degrades(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _degrades(lambda keys, version=None: {})(RedisCache.get_many)
    has_key = _degrades(lambda key, version=None: False)(RedisCache.has_key)
    # As if the key was free: allauth takes its rate-limit lock with add(), and a lock that can
    # never be taken would refuse every sign-in while the cache is down.
    add = _degrades(lambda *args, **kwargs: True)(RedisCache.add)
    set = _degrades(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = _degrades(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = _degrades(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _degrades(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = _degrades(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = _degrades(_missing_counter)(RedisCache.incr)
    decr = _degrades(_missing_counter)(RedisCache.decr)
    clear = _degrades(lambda: False)(RedisCache.clear)
