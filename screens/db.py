"""Database work off the UI thread: a small pool of threads, each with its own connection.

Every call from a screen to a service goes through ``run_db`` so the UI never waits on the
database and the number of connections stays bounded (SQLite wants one per thread).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from ectui.db import database

T = TypeVar("T")

_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ectui-db")


def _in_connection(work: Callable[[], T]) -> T:
    # Each pool thread keeps its connection open between calls: reconnecting per keystroke
    # would cost more than the query on PostgreSQL.
    database.connect(reuse_if_open=True)
    return work()


def run_db_sync(work: Callable[[], T]) -> T:
    """Run ``work`` on a pool thread and wait; for code already off the UI thread."""
    return _pool.submit(_in_connection, work).result()


async def run_db(fn: Callable[..., T], *args, **kwargs) -> T:
    """Await ``fn(*args, **kwargs)`` run on a pool thread with a database connection."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_pool, _in_connection, partial(fn, *args, **kwargs))
