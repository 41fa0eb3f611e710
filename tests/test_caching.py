"""Concurrent misses of a single-flight cache compute the value once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from detente.caching import single_flight_cache


def test_many_threads_missing_at_once_compute_once() -> None:
    calls: list[int] = []
    start = threading.Barrier(8)

    @single_flight_cache(maxsize=4)
    def expensive(key: int) -> int:
        calls.append(key)
        time.sleep(0.05)  # widens the window in which the other threads miss too
        return key * 2

    def ask(_: int) -> int:
        start.wait()
        return expensive(21)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(8)))
    assert answers == [42] * 8
    assert calls == [21]


def test_keys_are_cached_separately_and_can_be_cleared() -> None:
    calls: list[str] = []

    @single_flight_cache(maxsize=2)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert (upper("a"), upper("b"), upper("a")) == ("A", "B", "A")
    assert calls == ["a", "b"]
    upper.cache_clear()  # type: ignore[attr-defined]
    upper("a")
    assert calls == ["a", "b", "a"]


def test_a_cached_function_may_call_itself() -> None:
    @single_flight_cache(maxsize=None)
    def fibonacci(n: int) -> int:
        return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)

    assert fibonacci(60) == 1548008755920
