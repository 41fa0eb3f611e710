"""A memoising decorator that computes each value once even when many threads ask at once.

``functools.lru_cache`` lets every thread that misses compute the value itself. Under a crowd
(fifty visitors opening country pages right after the server starts or the data change) that
means fifty threads reading the same Parquet file and summarising the same draws, holding the
GIL and the memory for seconds: the web load benchmark saw zero answered requests in 4 s. Here
the first caller computes while the others wait for its result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def single_flight_cache(maxsize: int | None = 128) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Like ``functools.lru_cache(maxsize)``, but concurrent misses compute the value once.

    The lock is per decorated function and re-entrant; a hit costs one uncontended lock.
    ``cache_clear`` is kept for tests.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cached = lru_cache(maxsize=maxsize)(function)
        compute: Callable[..., R] = cached
        lock = threading.RLock()

        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            with lock:
                return compute(*args, **kwargs)

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return wrapper

    return decorate
