"""Without configurable-http-proxy (or JupyterHub) the hub test skips with one sentence saying how to get it;
in CI (KIT_REQUIRE_HUB=1) it fails instead. Checked by running it in a separate pytest with the proxy made
unfindable (KIT_CHP pointing nowhere)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hub_server import PROXY_INSTALL

HERE = Path(__file__).resolve().parent


def run_hub_test(tmp_path, **env) -> subprocess.CompletedProcess:
    settings = {k: v for k, v in os.environ.items() if k != "KIT_REQUIRE_HUB"}
    settings.update(KIT_CHP=str(tmp_path / "no-proxy-here"), **env)
    cmd = [sys.executable, "-m", "pytest", str(HERE / "test_on_jupyterhub.py"), "-q", "-rs", "-p", "no:cacheprovider"]
    return subprocess.run(cmd, capture_output=True, text=True, env=settings, cwd=HERE.parents[1], timeout=300)


def test_missing_proxy_skips_with_one_sentence(tmp_path):
    result = run_hub_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 skipped" in result.stdout
    assert f"configurable-http-proxy is not installed: run `{PROXY_INSTALL}`" in result.stdout


def test_missing_proxy_fails_in_ci(tmp_path):
    result = run_hub_test(tmp_path, KIT_REQUIRE_HUB="1")
    assert result.returncode != 0
    assert "KIT_REQUIRE_HUB=1 is set, so the hub tests must run, but: configurable-http-proxy is not installed" in result.stdout
