"""kit.py collect: one lesson's notebooks from the users' home folders into a submissions folder for grading."""

from __future__ import annotations

import csv
import os
import stat

import pytest

from unionstate.cli import main
from unionstate.hub import HubError
from unionstate.hub.collect import collect_homes, split_pattern

NB = "02-public-opinion.ipynb"


def homes(tmp_path, **files):
    """home/<folder>/belarus-russia/<NB> with the given bytes (None: the folder without the notebook)."""
    root = tmp_path / "home"
    for folder, data in files.items():
        lessons = root / folder / "belarus-russia"
        lessons.mkdir(parents=True)
        if data is not None:
            (lessons / NB).write_bytes(data)
    return root


def rows(out):
    with open(out / "collected.csv", newline="", encoding="utf-8") as fh:
        return {r["user"]: r for r in csv.DictReader(fh)}


def test_collects_every_users_notebook_read_only_and_lists_who_has_none(tmp_path):
    root = homes(tmp_path, ana=b'{"ana": 1}', boris=b'{"boris": 2}', chen=None)
    out = tmp_path / "subs"
    report = collect_homes(f"{root}/{{user}}/belarus-russia", NB, out)
    assert report.collected == ["ana", "boris"]
    assert [(r.user, r.status) for r in report.without] == [("chen", "no notebook")]
    assert (out / "ana" / NB).read_bytes() == b'{"ana": 1}'
    assert (out / "boris" / NB).read_bytes() == b'{"boris": 2}'
    assert stat.S_IMODE(os.stat(out / "ana" / NB).st_mode) == 0o444
    assert not (out / "chen").exists()
    table = rows(out)
    assert table["chen"]["status"] == "no notebook" and table["ana"]["status"] == "collected"
    assert "chen: no notebook" in "\n".join(report.messages())
    assert (root / "ana" / "belarus-russia" / NB).read_bytes() == b'{"ana": 1}'  # the home folder is untouched


def test_a_prefix_in_the_folder_name_is_not_part_of_the_student_id(tmp_path):
    root = tmp_path / "home"
    for user in ("jupyter-ana", "jupyter-boris", "admin-stuff"):
        (root / user / "belarus-russia").mkdir(parents=True)
        (root / user / "belarus-russia" / NB).write_text("{}")
    report = collect_homes(f"{root}/jupyter-{{user}}/belarus-russia/{NB}", NB, tmp_path / "subs")  # the file itself named
    assert report.collected == ["ana", "boris"]


def test_a_roster_lists_students_without_a_home_folder_and_leaves_others_out(tmp_path):
    root = homes(tmp_path, ana=b"{}", visitor=b"{}")
    roster = tmp_path / "class.txt"
    roster.write_text("ana\ndora\n")
    report = collect_homes(f"{root}/{{user}}/belarus-russia", NB, tmp_path / "subs", users=str(roster))
    assert report.collected == ["ana"]
    assert [(r.user, r.status) for r in report.without] == [("dora", "no home folder")]
    assert report.not_on_roster == ["visitor"]
    assert not (tmp_path / "subs" / "visitor").exists()
    with pytest.raises(HubError, match="not user names"):
        collect_homes(f"{root}/{{user}}/belarus-russia", NB, tmp_path / "subs2", users="ana,../etc")


def test_links_and_odd_files_are_not_collected(tmp_path):
    secret = tmp_path / "instructor-only.txt"
    secret.write_text("the answer key")
    root = homes(tmp_path, ana=None, boris=None)
    (root / "ana" / "belarus-russia" / NB).symlink_to(secret)
    (root / "boris" / "belarus-russia" / NB).mkdir()
    report = collect_homes(f"{root}/{{user}}/belarus-russia", NB, tmp_path / "subs")
    assert report.collected == []
    reasons = {r.user: r.detail for r in report.without}
    assert "symbolic link" in reasons["ana"] and "not a regular file" in reasons["boris"]
    assert not list((tmp_path / "subs").rglob("*.ipynb"))


def test_never_overwrites_an_earlier_collection(tmp_path):
    root = homes(tmp_path, ana=b"{}")
    out = tmp_path / "subs"
    collect_homes(f"{root}/{{user}}/belarus-russia", NB, out)
    (root / "ana" / "belarus-russia" / NB).write_bytes(b'{"later": true}')
    with pytest.raises(HubError, match="already holds files"):
        collect_homes(f"{root}/{{user}}/belarus-russia", NB, out)
    assert (out / "ana" / NB).read_bytes() == b"{}"


@pytest.mark.parametrize("pattern, message", [("/home/belarus-russia", "exactly once"), ("/home/*/{user}", "only {user}")])
def test_a_bad_pattern_gets_a_sentence(pattern, message):
    with pytest.raises(HubError, match=message):
        split_pattern(pattern)


def test_the_command_names_the_lessons_file_and_reports(tmp_path, capsys):
    root = homes(tmp_path, ana=b"{}", chen=None)
    code = main(["collect", "--lesson", "2", "--homes", f"{root}/{{user}}/belarus-russia", "--out", str(tmp_path / "subs")])
    printed = capsys.readouterr().out
    assert code == 0 and (tmp_path / "subs" / "ana" / NB).exists()
    assert "from 1 of 2 user(s)" in printed and "chen: no notebook" in printed
    assert main(["collect", "--lesson", "2", "--homes", f"{root}/belarus-russia", "--out", str(tmp_path / "x")]) == 2
    assert "{user} exactly once" in capsys.readouterr().err
