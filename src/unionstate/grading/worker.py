"""Runs one plan in a new Python process, where the grader does not fork (Windows; macOS under sandbox-exec).

    python -m unionstate.grading.worker LIMITS-JSON WORKDIR SANDBOX   < plan (JSON)

Events go to the process's original standard output, one JSON line each (see runner.py).
"""

from __future__ import annotations

import json
import os
import sys

from .runner import Limits, plan_from_json, prepare_process, run_in_this_process


def main() -> int:
    limits_json, workdir, sandbox = sys.argv[1:4]
    plan = plan_from_json(sys.stdin.read())
    limits = Limits(**json.loads(limits_json))
    channel = os.dup(1)  # prepare_process points 0-2 at /dev/null; events keep the original stdout
    isolated = prepare_process(workdir, limits, channel, isolated=False)
    out = os.fdopen(channel, "w", buffering=1)

    def emit(event: dict) -> None:
        out.write(json.dumps(event) + "\n")

    emit({"event": "start", "network_isolated": isolated or sandbox != "none", "sandbox": sandbox})
    from ..exercises.model import registry

    run_in_this_process(plan, limits, emit, registry())
    out.flush()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # skip interpreter shutdown: IPython's history thread would keep the process alive
