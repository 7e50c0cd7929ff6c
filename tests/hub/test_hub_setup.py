"""kit.py hub-setup: the kit's JupyterLab settings and the notebook merge driver, for every user of an environment."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from unionstate.cli import main
from unionstate.hub import HubError
from unionstate.hub.install import check_install
from unionstate.lab import lab_overrides


def test_writes_the_lab_settings_and_the_merge_driver(tmp_path, capsys):
    prefix, config = tmp_path / "env", tmp_path / "gitconfig"
    assert main(["hub-setup", "--prefix", str(prefix), "--git-config", str(config)]) == 0
    overrides = json.loads((prefix / "share/jupyter/lab/settings/overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert overrides == lab_overrides(prefix)
    page = json.loads((prefix / "etc/jupyter/labconfig/page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyter/nbgrader"] is True
    driver = subprocess.run(["git", "config", "--file", str(config), "merge.unionstate-notebook.driver"], capture_output=True, text=True).stdout
    assert driver.strip() == f"{sys.executable} -m unionstate.hub.merge %O %A %B %P"
    assert "Merge driver" in capsys.readouterr().out
    assert main(["hub-setup", "--prefix", str(prefix), "--git-config", str(config)]) == 0  # again: the same, no duplicates
    listed = subprocess.run(["git", "config", "--file", str(config), "--get-all", "merge.unionstate-notebook.driver"], capture_output=True, text=True).stdout
    assert len(listed.splitlines()) == 1


def test_refuses_an_install_without_the_data_and_lessons(tmp_path):
    with pytest.raises(HubError, match="editable mode"):
        check_install(tmp_path)


def test_an_unwritable_git_config_gets_a_sentence(tmp_path, capsys):
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert main(["hub-setup", "--prefix", str(tmp_path / "env"), "--git-config", str(blocked / "gitconfig")]) == 2
    assert "Could not write the merge driver" in capsys.readouterr().err
