"""The data layer: every dataset loads typed; bad data gives one clear error naming file, line and column."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from unionstate import paths
from unionstate.datasets import DataError, describe_dataset, list_datasets, load_dataset, validate_all


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may break; the loader reads it through UNIONSTATE_DATA."""
    copy = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", copy)
    monkeypatch.setenv("UNIONSTATE_DATA", str(copy))
    return copy


def rewrite(path, transform):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(transform(lines)), encoding="utf-8")


def test_every_dataset_loads_and_validates():
    counts = validate_all()
    assert set(counts) == set(list_datasets())
    assert all(n > 0 for n in counts.values())


def test_types_dates_and_categories_are_set():
    timeline = load_dataset("union_timeline")
    assert pd.api.types.is_datetime64_any_dtype(timeline["date"])
    assert isinstance(timeline["category"].dtype, pd.CategoricalDtype)
    assert set(timeline["category"].cat.categories) >= {"treaty", "energy", "protest"}
    trade = load_dataset("trade_partners")
    assert pd.api.types.is_integer_dtype(trade["year"])
    assert pd.api.types.is_float_dtype(trade["exports_usd_m"])


def test_partial_dates_get_a_precision_column():
    surveys = load_dataset("surveys").set_index("survey_id")
    assert surveys.loc["BAW_2019_12", "field_start"] == pd.Timestamp("2019-12-18")
    assert surveys.loc["BAW_2019_12", "field_start_precision"] == "day"
    assert surveys.loc["IISEPS_2009_12", "field_start"] == pd.Timestamp("2009-12-01")
    assert surveys.loc["IISEPS_2009_12", "field_start_precision"] == "month"
    assert pd.isna(surveys.loc["MGIMO_2019", "field_start"])


def test_values_kept_as_sourced_get_numeric_companions():
    energy = load_dataset("energy_prices")
    ranged = energy[energy["year"] == "2008-2010"].iloc[0]
    assert ranged["value"] == "0.67 / 0.7 / 0.9"  # exactly as the source printed it
    assert pd.isna(ranged["value_num"]) and pd.isna(ranged["year_num"])
    single = energy[(energy["year"] == "2007") & (energy["indicator"] == "gas_price_Belarus")].iloc[0]
    assert single["value_num"] == 100.0 and single["year_num"] == 2007


def test_loaded_frames_are_copies():
    first = load_dataset("eaeu_members")
    first.loc[0, "country"] = "changed"
    assert load_dataset("eaeu_members").loc[0, "country"] != "changed"


def test_file_name_works_as_dataset_name():
    assert len(load_dataset("belarus_trade_partners")) == len(load_dataset("trade_partners"))


def test_unknown_dataset_name_suggests_close_names():
    with pytest.raises(DataError, match="Did you mean 'trade_partners'"):
        load_dataset("trade_partner")


def test_describe_dataset_lists_columns_and_meanings():
    table = describe_dataset("opinion")
    assert "value_qualifier" in table.index
    assert table.loc["share_pct", "type"] == "number"


def test_missing_file(data_copy):
    (data_copy / "trade" / "belarus_trade_partners.csv").unlink()
    with pytest.raises(DataError) as err:
        load_dataset("trade_partners")
    msg = str(err.value)
    assert "data/trade/belarus_trade_partners.csv is missing" in msg
    assert "git checkout -- data/trade/belarus_trade_partners.csv" in msg


def test_missing_column(data_copy):
    path = data_copy / "opinion" / "surveys.csv"
    rewrite(path, lambda lines: [lines[0].replace(",moe_pct", ",margin")] + lines[1:])
    with pytest.raises(DataError) as err:
        load_dataset("surveys")
    assert err.value.column == "moe_pct" and err.value.line == 1
    assert "column 'moe_pct': this column is missing" in str(err.value)


def test_wrong_type_names_file_line_and_column(data_copy):
    path = data_copy / "trade" / "eaeu_gdp_population.csv"
    rewrite(path, lambda lines: lines[:3] + [lines[3].replace(",2007,", ",2007x,", 1)] + lines[4:])
    with pytest.raises(DataError) as err:
        load_dataset("eaeu_gdp_population")
    e = err.value
    assert (e.line, e.column) == (4, "year")
    assert "data/trade/eaeu_gdp_population.csv, line 4, column 'year': '2007x' is not a whole number" in str(e)


def test_wrong_number(data_copy):
    path = data_copy / "trade" / "belarus_trade_partners.csv"
    def spoil(lines):
        cells = lines[5].split(",")
        cells[2] = "12.8 bn"
        return lines[:5] + [",".join(cells)] + lines[6:]

    rewrite(path, spoil)
    with pytest.raises(DataError, match=r"line 6, column 'exports_usd_m': '12.8 bn' is not a number"):
        load_dataset("trade_partners")


def test_unknown_source_id(data_copy):
    path = data_copy / "union" / "belarus_debt.csv"
    rewrite(path, lambda lines: lines[:2] + [lines[2].replace("S_DOSAAF_2009", "S_NOT_A_SOURCE")] + lines[3:])
    with pytest.raises(DataError) as err:
        load_dataset("debt")
    assert err.value.column == "source_id" and err.value.line == 3
    assert "unknown source id 'S_NOT_A_SOURCE'" in str(err.value)


def test_duplicate_key(data_copy):
    path = data_copy / "trade" / "eaeu_members.csv"
    rewrite(path, lambda lines: lines + [lines[1]])
    with pytest.raises(DataError) as err:
        load_dataset("eaeu_members")
    assert "duplicate key (iso3=RUS)" in str(err.value)
    assert "same key is on line 2" in str(err.value)


def test_value_not_allowed(data_copy):
    path = data_copy / "union" / "union_state_timeline.csv"
    rewrite(path, lambda lines: lines[:1] + [lines[1].replace(",treaty,", ",treatyy,")] + lines[2:])
    with pytest.raises(DataError, match=r"line 2, column 'category': 'treatyy' is not one of the allowed values"):
        load_dataset("union_timeline")


def test_required_cell_empty(data_copy):
    path = data_copy / "union" / "article_claims.csv"
    rewrite(path, lambda lines: lines[:1] + ["," + lines[1].split(",", 1)[1]] + lines[2:])
    with pytest.raises(DataError, match=r"line 2, column 'claim_id': this cell is empty but a value is required"):
        load_dataset("article_claims")


def test_row_with_wrong_number_of_cells(data_copy):
    path = data_copy / "trade" / "klaipeda_events.csv"
    rewrite(path, lambda lines: lines[:2] + ["only,three,cells\n"] + lines[2:])
    with pytest.raises(DataError, match=r"line 3: the row has 3 cells but the header has 5 columns"):
        load_dataset("klaipeda_events")


def test_extra_column(data_copy):
    path = data_copy / "trade" / "klaipeda_events.csv"
    rewrite(path, lambda lines: [lines[0].rstrip("\n") + ",extra\n"] + [l.rstrip("\n") + ",x\n" for l in lines[1:]])
    with pytest.raises(DataError, match=r"column 'extra': this column is not described in data/datapackage.json"):
        load_dataset("klaipeda_events")


def test_empty_and_binary_files(data_copy):
    path = data_copy / "trade" / "klaipeda_events.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="is empty"):
        load_dataset("klaipeda_events")
    path.write_bytes(b"\xff\xfe\x00garbage\x00")
    with pytest.raises(DataError, match="is not a UTF-8 text file"):
        load_dataset("klaipeda_events")


def test_malformed_csv_quotes(data_copy):
    path = data_copy / "trade" / "klaipeda_events.csv"
    rewrite(path, lambda lines: lines[:2] + ['a,"b"x",c,d,e\n'] + lines[2:])
    with pytest.raises(DataError, match=r"line 3: the CSV is malformed"):
        load_dataset("klaipeda_events")


def test_foreign_key_survey_must_exist(data_copy):
    path = data_copy / "opinion" / "opinion_integration.csv"
    rewrite(path, lambda lines: lines[:1] + [lines[1].replace("BAW_2019_12", "BAW_1999_01", 1)] + lines[2:])
    with pytest.raises(DataError, match=r"line 2, column 'survey_id': 'BAW_1999_01' is not a survey_id in the 'surveys' dataset"):
        load_dataset("opinion")


def test_broken_descriptor(data_copy):
    (data_copy / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError, match="datapackage.json is not valid JSON"):
        load_dataset("surveys")


def test_several_problems_are_counted(data_copy):
    path = data_copy / "trade" / "eaeu_gdp_population.csv"
    rewrite(path, lambda lines: lines[:1] + [l.replace(",20", ",x20", 1) for l in lines[1:4]] + lines[4:])
    with pytest.raises(DataError, match=r"more problems in this file"):
        load_dataset("eaeu_gdp_population")


def test_descriptor_is_a_frictionless_tabular_package():
    desc = json.loads((paths.ROOT / "data" / "datapackage.json").read_text())
    assert desc["profile"] == "tabular-data-package" and desc["licenses"]
    for res in desc["resources"]:
        assert res["profile"] == "tabular-data-resource"
        assert (paths.ROOT / "data" / res["path"]).exists(), res["path"]
        assert res["licenses"] and res["schema"]["fields"]
        names = [f["name"] for f in res["schema"]["fields"]]
        assert set(res["schema"].get("primaryKey", [])) <= set(names)
        for f in res["schema"]["fields"]:
            assert f["type"] in {"string", "number", "integer", "date"}, (res["name"], f)
            assert f.get("description"), (res["name"], f["name"])
