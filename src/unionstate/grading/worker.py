"""Runs one plan in a new Python process, for platforms without fork (see runner.py).

    python -m unionstate.grading.worker WORKDIR   < {"plan": ..., "limits": ...}

Events go to the process's original standard output, one JSON line each.
"""

from __future__ import annotations

import json
import os
import sys

from .compose import Plan, PlanCell
from .runner import Limits, _sandbox, run_in_this_process


def main() -> int:
    workdir = sys.argv[1]
    payload = json.loads(sys.stdin.read())
    raw = payload["plan"]
    plan = Plan(**{**raw, "cells": [PlanCell(**c) for c in raw["cells"]], "collect_after": {int(k): v for k, v in raw["collect_after"].items()}})
    limits = Limits(**payload["limits"])
    channel = os.dup(1)  # the sandbox points 0-2 at /dev/null; events keep the original stdout
    isolated = _sandbox(workdir, limits, channel)
    out = os.fdopen(channel, "w", buffering=1)

    def emit(event: dict) -> None:
        out.write(json.dumps(event) + "\n")

    emit({"event": "start", "network_isolated": isolated})
    os.environ.setdefault("MPLBACKEND", "Agg")
    from ..exercises.model import registry

    run_in_this_process(plan, limits, emit, registry())
    out.flush()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # skip interpreter shutdown: IPython's history thread would keep the process alive
