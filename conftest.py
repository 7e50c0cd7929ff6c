"""Test-wide settings. Checks run in strict mode everywhere in the test suite:
a wrong or missing answer in a master notebook is a failure."""

import os

os.environ["UNIONSTATE_STRICT"] = "1"
os.environ.setdefault("MPLBACKEND", "Agg")

# The grading corpus holds deliberately broken submissions: not tests to collect.
collect_ignore_glob = ["tests/corpus/*", "tests/corpus/**/*"]
