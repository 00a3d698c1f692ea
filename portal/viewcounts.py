"""Page views counted in Redis: one per visitor per object per day, never a staff member's, and
written to the database by a periodic task, so that a page served from the cache writes
nothing to the database and one client cannot inflate a count.

A visitor is known for the day only as a keyed hash of their address and the date, kept as a
Redis key that expires after a day: never stored anywhere else, and meaningless the next day.
Without a Redis cache (the embedded default) or while Redis is down, views are simply not
counted: no error, no database write.
"""

import logging
import time

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .cache import OUTAGE, RETRY_AFTER
from .proxies import client_ip

logger = logging.getLogger(__name__)

SEEN_FOR = 24 * 3600  # seconds a visitor's hash is kept
# The portal's own website quality check (egov.quality) requests pages with this user agent:
# its visits are not views.
INTERNAL_CHECK_AGENT = "PortalQualityCheck/1.0"

# One round trip: the visitor's key for the day, and the pending count if the key was new.
RECORD = """
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
  return redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
end
return 0
"""
# The pending counts, taken and removed at once: a view recorded meanwhile waits for the next.
TAKE = """
local counts = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return counts
"""


def _client():
    """The cache's Redis client, or None without a Redis cache or during an outage."""
    if getattr(cache, "is_down", False) or not hasattr(cache, "_cache"):
        return None
    get_client = getattr(cache._cache, "get_client", None)
    return get_client(write=True) if get_client else None


def _outage(error) -> None:
    # As the cache does: stop asking Redis for a while, so that pages never wait on it.
    cache.down_until = time.monotonic() + RETRY_AFTER
    logger.warning("Views not counted: the cache is unavailable: %s", error)


def _pending_key(namespace: str) -> str:
    return cache.make_key(f"views:pending:{namespace}")


def visitor_hash(request, day) -> str:
    """The visitor for one day: a keyed hash of the address and the date."""
    return salted_hmac("portal.viewcounts", f"{client_ip(request)}|{day.isoformat()}").hexdigest()


def record(request, namespace: str, object_id: int) -> bool:
    """Counts a view of `object_id` unless this visitor was counted for it today or is staff;
    True when it counted."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return False
    if request.META.get("HTTP_USER_AGENT", "") == INTERNAL_CHECK_AGENT:
        return False
    client = _client()
    if client is None:
        return False
    day = timezone.localdate()
    seen = cache.make_key(f"views:seen:{namespace}:{object_id}:{visitor_hash(request, day)}")
    try:
        counted = client.eval(
            RECORD, 2, seen, _pending_key(namespace), f"{object_id}:{day.isoformat()}", SEEN_FOR
        )
    except OUTAGE as error:
        _outage(error)
        return False
    return bool(counted)


def take_pending(namespace: str) -> dict[tuple[int, str], int]:
    """The views counted since the last call, as {(object id, ISO day): count}, removed from
    Redis. A caller that cannot store them gives them back with `give_back`."""
    client = _client()
    if client is None:
        return {}
    try:
        flat = client.eval(TAKE, 1, _pending_key(namespace))
    except OUTAGE as error:
        _outage(error)
        return {}
    counts = {}
    for field, count in zip(flat[::2], flat[1::2], strict=True):
        object_id, day = (field.decode() if isinstance(field, bytes) else field).split(":")
        counts[int(object_id), day] = int(count)
    return counts


def give_back(namespace: str, counts: dict[tuple[int, str], int]) -> None:
    client = _client()
    if client is None or not counts:
        return
    try:
        with client.pipeline() as pipe:
            for (object_id, day), count in counts.items():
                pipe.hincrby(_pending_key(namespace), f"{object_id}:{day}", count)
            pipe.execute()
    except OUTAGE as error:
        _outage(error)
