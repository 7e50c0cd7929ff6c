"""Citations: every source id can be looked up, cited and put in a caption; SOURCES.md is generated from sources.csv."""

from __future__ import annotations

import pytest

from unionstate import paths
from unionstate.sources import UnknownSourceError, all_sources, caption_text, cite, source, split_ids, write_sources_markdown


def test_cite_formats_publisher_date_url_and_id():
    line = cite("LRT_2020_09_08")
    assert line.startswith("LRT (Lithuanian public broadcaster) (2020-09-08). https://www.lrt.lt/")
    assert line.endswith("[LRT_2020_09_08]")


def test_cite_accepts_cells_and_lists_without_duplicates():
    text = cite("S_BBC_2007;S_RIGZONE_2007")
    assert text.count("\n") == 1 and "S_BBC_2007" in text and "S_RIGZONE_2007" in text
    assert cite(["S_BBC_2007", "S_BBC_2007;S_RIGZONE_2007"]) == text


def test_unknown_id_suggests_close_ids():
    with pytest.raises(UnknownSourceError, match="Did you mean LRT_2020_09_08"):
        source("LRT_2020_09_09")


def test_caption_names_publishers_once():
    assert caption_text("IMF_DOTS_BLR") == "Source: IMF Direction of Trade Statistics, reporter Belarus, Rep. of (downloaded on or before 2022-02-02)."
    both = caption_text(["WB_GDP", "WB_POP"])
    assert both.startswith("Sources: World Bank WDI NY.GDP.MKTP.CD") and "SP.POP.TOTL" in both


def test_split_ids():
    assert split_ids(" A ; B;") == ["A", "B"]
    assert split_ids(None) == [] and split_ids(float("nan")) == []


def test_every_source_has_url_and_publisher():
    for sid, src in all_sources().items():
        assert src.url.startswith("http"), sid
        assert src.publisher, sid


def test_sources_markdown_is_generated_from_the_table(tmp_path):
    out = tmp_path / "SOURCES.md"
    write_sources_markdown(paths.ROOT / "data" / "sources.csv", out)
    committed = (paths.ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "data/SOURCES.md is out of date: run python tools/import_shared_data.py"
    for sid in all_sources():
        assert f"| {sid} |" in committed


def test_data_dictionary_in_readme_is_current(tmp_path):
    import shutil

    from unionstate.datasets import write_dictionary

    copy = tmp_path / "README.md"
    shutil.copy(paths.ROOT / "data" / "README.md", copy)
    write_dictionary(copy)
    assert copy.read_text(encoding="utf-8") == (paths.ROOT / "data" / "README.md").read_text(encoding="utf-8"), (
        "data/README.md's dictionary is out of date: run python tools/import_shared_data.py"
    )
