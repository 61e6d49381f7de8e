"""Logging that stays readable when something fails on every request.

An outage of a shared service (the cache) raises the same error on every request; a log
line per request would bury everything else and fill the disk. ``OncePerInterval`` lets
the first record of a kind through, drops repeats for ``seconds``, and says how many it
dropped when it lets the next one through.
"""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    def __init__(self, seconds=60, clock=time.monotonic):
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.last = {}
        self.dropped = {}

    def filter(self, record):
        key = (record.name, record.msg)
        now = self.clock()
        with self.lock:
            last = self.last.get(key)
            if last is not None and now - last < self.seconds:
                self.dropped[key] = self.dropped.get(key, 0) + 1
                return False
            self.last[key] = now
            dropped = self.dropped.pop(key, 0)
        if dropped:
            record.msg = f"{record.msg} ({dropped} like it in the last {self.seconds} s not shown)"
        return True
