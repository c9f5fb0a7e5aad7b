"""The production cache backend (core.cache.ForgivingRedisCache) on the real Redis."""

import pytest
from django.core.cache import caches

from tests.conftest import _answers, need_service


@pytest.fixture
def redis_cache(settings):
    url = settings.CACHES["default"].get("LOCATION", "")
    need_service("Redis (CACHE_URL)", url.startswith("redis://") and _answers(url, 6379))
    return caches["default"]


def test_one_redis_client_serves_every_call(redis_cache):
    client = redis_cache._cache
    assert client.get_client(write=True) is client.get_client(write=False)
    redis_cache.set("core-cache-test", {"a": 1})
    assert redis_cache.get_many(["core-cache-test"]) == {"core-cache-test": {"a": 1}}
    assert redis_cache.add("core-cache-test", 2) is False
    redis_cache.delete("core-cache-counter")
    assert redis_cache.add("core-cache-counter", 0) is True
    assert redis_cache.incr("core-cache-counter") == 1
