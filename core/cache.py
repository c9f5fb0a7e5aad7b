"""Django's Redis cache, forgiving: when Redis does not answer, reading finds nothing and writing
stores nothing, so a page is computed as if it had never been cached instead of failing. (A
cache is an optimisation; an outage of it must cost speed, not pages.)"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClient(RedisCacheClient):
    """Django's Redis cache client, keeping one redis.Redis per connection pool: Django makes a
    new one for every cache call, and each copies its ~170 response callbacks (about 0.2 ms a
    call, a millisecond of a dashboard that reads five fragments). A redis.Redis is safe to
    share between threads; its connections come from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE:
            logger.warning("cache unreachable: reading %s found nothing", key, exc_info=True)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE:
            logger.warning("cache unreachable: reading %d keys found nothing", len(keys))
            return {}

    def set_many(self, data, timeout=..., version=None):
        kwargs = {} if timeout is ... else {"timeout": timeout}
        try:
            return super().set_many(data, version=version, **kwargs)
        except UNREACHABLE:
            logger.warning("cache unreachable: %d keys not stored", len(data))
            return list(data)

    def set(self, key, value, timeout=..., version=None):
        kwargs = {} if timeout is ... else {"timeout": timeout}
        try:
            super().set(key, value, version=version, **kwargs)
        except UNREACHABLE:
            logger.warning("cache unreachable: %s not stored", key, exc_info=True)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE:
            logger.warning("cache unreachable: %s not deleted", key, exc_info=True)
            return False

    def add(self, key, value, timeout=..., version=None):
        # Unreachable: as if the key was new, so a throttle lets the request through.
        kwargs = {} if timeout is ... else {"timeout": timeout}
        try:
            return super().add(key, value, version=version, **kwargs)
        except UNREACHABLE:
            logger.warning("cache unreachable: %s not added", key, exc_info=True)
            return True

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            logger.warning("cache unreachable: %s not counted", key, exc_info=True)
            return delta
