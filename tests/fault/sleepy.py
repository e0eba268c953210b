"""A parse task for the worker test: says where it runs, then hangs (as a slow report would)."""

from __future__ import annotations

import os
import time
from pathlib import Path


def sleepy_task(task):
    Path(f"{task.source}.pid").write_text(str(os.getpid()))
    time.sleep(120)
    return "ok", None
