"""The lessons travel as a git branch (kit.py release --git) that nbgitpuller pulls; a pull never loses
a student's work: a lesson they changed is backed up before its new version arrives, with their answers.

nbgitpuller's own GitPuller (the code its /git-pull link runs on the student's server) does the pulls
here, without a hub; tests/hub/test_on_jupyterhub.py does the same through a real JupyterHub.
"""

from __future__ import annotations

import json
import subprocess

import nbformat
import pytest

from lessons import LESSON, answer_in, answered, copy_masters, has_update, the_answer, update_lesson
from unionstate.hub import HubError
from unionstate.hub.install import configure_git
from unionstate.hub.publish import pull_link, release_to_git

pytest.importorskip("nbgitpuller", reason="nbgitpuller is not installed: run `python3 kit.py setup --test` (the test tools include the hub extra).")
from nbgitpuller.pull import GitPuller  # noqa: E402


def git(repo, *args) -> str:
    return subprocess.run(["git", f"--git-dir={repo}", *args], capture_output=True, text=True, check=True).stdout.strip()


def pull(repo, folder) -> list[str]:
    return list(GitPuller(str(repo), str(folder), branch="student", depth=1).pull())


@pytest.fixture
def git_config(tmp_path, monkeypatch):
    """This machine's git configuration is left out; hub-setup's merge driver goes into a file of the test's."""
    config = tmp_path / "gitconfig"
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("HOME", str(tmp_path))
    return config


@pytest.fixture
def published(tmp_path):
    masters = copy_masters(tmp_path / "masters", [LESSON, "01-union-state.ipynb"])
    repo = tmp_path / "lessons.git"
    release_to_git(masters, repo)
    return masters, repo


def test_release_to_git_writes_the_student_notebooks_once(published, tmp_path):
    masters, repo = published
    names = git(repo, "ls-tree", "--name-only", "student").splitlines()
    assert names == [".gitattributes", ".gitignore", "00-start-here.ipynb", "01-union-state.ipynb", "README.md"]
    assert git(repo, "symbolic-ref", "HEAD") == "refs/heads/student"  # nbgitpuller without ?branch= finds it
    student = json.loads(git(repo, "show", f"student:{LESSON}"))
    assert student["metadata"]["unionstate"]["role"] == "student"
    assert "### BEGIN SOLUTION" not in git(repo, "show", f"student:{LESSON}")
    assert "merge=unionstate-notebook" in git(repo, "show", "student:.gitattributes")
    first = git(repo, "rev-parse", "student")

    again = release_to_git(masters, repo)  # nothing changed: no commit
    assert not again.created and git(repo, "rev-parse", "student") == first

    update_lesson(masters)
    report = release_to_git(masters, repo)
    assert report.created and report.changed == [LESSON] and not report.added
    assert git(repo, "rev-parse", "student^") == first  # on top of the last release: students' clones can merge it


def test_release_refuses_a_checked_out_branch_and_a_plain_folder(tmp_path):
    masters = copy_masters(tmp_path / "masters", [LESSON])
    clone = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", "-b", "student", str(clone)], check=True)
    with pytest.raises(HubError, match="checked out"):
        release_to_git(masters, clone)
    assert release_to_git(masters, clone, branch="lessons").created  # another branch of a clone is fine
    assert not (clone / LESSON).exists()  # and its working tree is not touched
    (tmp_path / "folder").mkdir()
    with pytest.raises(HubError, match="not a git repository"):
        release_to_git(masters, tmp_path / "folder")


def test_update_backs_up_the_students_lesson_and_keeps_the_answer(published, git_config, tmp_path):
    masters, repo = published
    configure_git(git_config)
    home = tmp_path / "home"
    home.mkdir()
    folder = home / "belarus-russia"
    pull(repo, folder)
    untouched = nbformat.read(folder / "01-union-state.ipynb", as_version=4)
    answer = the_answer(masters)
    nbformat.write(answered(nbformat.read(folder / LESSON, as_version=4), answer), folder / LESSON)
    mine = (folder / LESSON).read_bytes()

    update_lesson(masters)
    update_lesson(masters, "01-union-state.ipynb")
    release_to_git(masters, repo)
    log = "".join(pull(repo, folder))

    now = json.loads((folder / LESSON).read_text())
    assert answer_in(now) == answer, log  # the answer survived
    assert has_update(now), log  # and the new version arrived
    backups = sorted((folder / "backups").glob("00-start-here.*.ipynb"))
    assert len(backups) == 1 and backups[0].read_bytes() == mine  # the student's file, byte for byte
    assert "unionstate: 00-start-here.ipynb has a new version" in log
    # a lesson the student never changed is simply updated, without a backup
    assert has_update(json.loads((folder / "01-union-state.ipynb").read_text()))
    assert not list((folder / "backups").glob("01-*"))
    assert untouched.cells[0].source != nbformat.read(folder / "01-union-state.ipynb", as_version=4).cells[0].source

    # a second update: another backup, never replacing the first
    nb = nbformat.read(folder / LESSON, as_version=4)
    nb.cells[0].source += "\n\nMy own note."
    nbformat.write(nb, folder / LESSON)
    update_lesson(masters)
    release_to_git(masters, repo)
    pull(repo, folder)
    assert len(list((folder / "backups").glob("00-start-here.*.ipynb"))) == 2
    assert backups[0].read_bytes() == mine
    assert answer_in(json.loads((folder / LESSON).read_text())) == answer


def test_a_broken_student_file_is_backed_up_and_replaced_by_the_new_version(published, git_config, tmp_path):
    masters, repo = published
    configure_git(git_config)
    folder = tmp_path / "belarus-russia"
    pull(repo, folder)
    (folder / LESSON).write_text('{"cells": [ this is not JSON', encoding="utf-8")
    update_lesson(masters)
    release_to_git(masters, repo)
    log = "".join(pull(repo, folder))
    assert "could not be read as a notebook" in log
    [saved] = (folder / "backups").glob("00-start-here.*.ipynb")
    assert saved.read_text() == '{"cells": [ this is not JSON'
    assert has_update(nbformat.read(folder / LESSON, as_version=4))


def test_without_the_merge_driver_git_keeps_the_students_lines_but_makes_no_backup(published, git_config, tmp_path):
    """What a hub without `kit.py hub-setup` gets (the guide says so): nbgitpuller's own merge."""
    masters, repo = published
    folder = tmp_path / "belarus-russia"
    pull(repo, folder)
    answer = the_answer(masters)
    nbformat.write(answered(nbformat.read(folder / LESSON, as_version=4), answer), folder / LESSON)
    update_lesson(masters)
    release_to_git(masters, repo)
    pull(repo, folder)
    assert answer_in(json.loads((folder / LESSON).read_text())) == answer
    assert not (folder / "backups").exists()


def test_the_link_opens_the_lesson_in_the_pulled_folder():
    link = pull_link("https://hub.example.edu/", "https://git.example.edu/course/lessons.git", notebook="02-public-opinion.ipynb")
    assert link == (
        "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgit.example.edu%2Fcourse%2Flessons.git"
        "&branch=student&targetpath=belarus-russia&urlpath=lab%2Ftree%2Fbelarus-russia%2F02-public-opinion.ipynb"
    )
    with pytest.raises(HubError, match="must start with https://"):
        pull_link("hub.example.edu", "x")
    with pytest.raises(HubError, match="one plain folder name"):
        pull_link("https://hub.example.edu", "x", folder="../etc")
