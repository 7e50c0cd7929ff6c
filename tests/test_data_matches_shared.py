"""The figures in data/ are exactly the curated ones in ../shared/data-sources (when that folder is present)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from unionstate import paths
from unionstate.sources import all_sources

SHARED = paths.ROOT.parent / "shared" / "data-sources"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is not present (only on the curators' machines); data/ is the project's copy")


def curated_csvs() -> list[Path]:
    return sorted(SHARED.glob("*/*.csv"))


def test_every_curated_csv_is_in_data_unchanged():
    assert curated_csvs(), "no curated CSV found"
    for src in curated_csvs():
        copy = paths.ROOT / "data" / src.parent.name / src.name
        assert copy.exists(), f"{copy} is missing: run python tools/import_shared_data.py"
        assert copy.read_bytes() == src.read_bytes(), f"{copy} differs from {src}: run python tools/import_shared_data.py"


def kit_authored() -> set[str]:
    """Files the kit writes itself (datapackage.json marks them "unionstate": {"kit_authored": true}): not the curators'."""
    descriptor = json.loads((paths.ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return {r["path"] for r in descriptor["resources"] if r.get("unionstate", {}).get("kit_authored")}


def test_data_has_no_csv_the_curators_do_not_have():
    ours = {p.relative_to(paths.ROOT / "data").as_posix() for p in (paths.ROOT / "data").glob("*/*.csv")}
    theirs = {f"{p.parent.name}/{p.name}" for p in curated_csvs()}
    assert ours - kit_authored() == theirs


def test_kit_authored_files_are_not_curated_files():
    """tools/import_shared_data.py copies every curated CSV over data/: a kit file with a curated name would be lost."""
    authored = kit_authored()
    assert "union/article_quotations.csv" in authored
    assert not authored & {f"{p.parent.name}/{p.name}" for p in curated_csvs()}


def test_every_curated_source_id_is_registered_with_its_url():
    registered = all_sources()
    for md in SHARED.glob("*/SOURCES.md"):
        text = md.read_text(encoding="utf-8")
        ids = set(re.findall(r"^\| ([A-Z][A-Z0-9_]+[a-z]?) \| (?:https?://|`)", text, re.M))
        ids |= set(re.findall(r"^- \*\*([A-Z0-9_]+)\*\*", text, re.M))
        assert ids, md
        for sid in ids:
            assert sid in registered, f"{sid} from {md} is not in data/sources.csv"
            if sid.startswith(("IMF_", "WB_")):
                continue  # data files, described in prose: their URL is the repository copy
            assert registered[sid].url and registered[sid].url.split("/")[2] in text, sid
