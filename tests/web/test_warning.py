"""Forecast pages over HTTP: fan chart and drivers, home risk layer, methods, downloads, API."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from detente.settings import REPO_ROOT, Settings
from detente.warning import CONTRACT_COLUMNS, run_forecast
from detente.warning.outlook import make_outlook
from detente.web.app import create_app
from detente.web.routes.warning import load_track_record


@pytest.fixture(scope="module")
def forecast_folder(analytics_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one lgbm forecast from 2023 (and its contributions), made once."""
    data_dir = tmp_path_factory.mktemp("forecasts")
    settings = Settings(
        data_dir=data_dir, duckdb_path=analytics_path, snapshot_dir=REPO_ROOT / "data"
    )
    run_forecast(settings, "cy", "2023", "lgbm", n=200)
    return data_dir / "forecasts"


@pytest.fixture
def with_forecast(client: TestClient, forecast_folder: Path) -> TestClient:
    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    shutil.copytree(forecast_folder, settings.data_dir / "forecasts")
    return client


def _json_script(html: str, element_id: str) -> dict[str, object]:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert match is not None, f"no {element_id} on the page"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_country_page_has_the_fan_chart_table_and_drivers(with_forecast: TestClient) -> None:
    page = with_forecast.get("/countries/SDN").text
    assert 'id="forecast-chart"' in page
    fan = _json_script(page, "forecast-data")
    labels = fan["labels"]
    assert isinstance(labels, list)
    assert labels[-3:] == ["2024", "2025", "2026"]
    q05, q95, median = fan["q05"], fan["q95"], fan["median"]
    assert isinstance(q05, list)
    assert isinstance(q95, list)
    assert isinstance(median, list)
    assert all(lo <= mid <= hi for lo, mid, hi in zip(q05[-3:], median[-3:], q95[-3:], strict=True))
    assert "<caption>Forecast of state-based deaths per year</caption>" in page
    assert "What drives the forecast for 2024" in page
    assert "/static/warning/fan-chart.js" in page


def test_country_page_in_french(with_forecast: TestClient) -> None:
    page = with_forecast.get("/countries/SDN?lang=fr").text
    assert "Prévision des morts dans les conflits impliquant un État" in page


def test_no_forecast_no_section(client: TestClient) -> None:
    page = client.get("/countries/SDN").text
    assert 'id="forecast-chart"' not in page
    assert client.get("/api/v1/forecasts/SDN").status_code == 404
    assert client.get("/data/forecast-cy.csv").status_code == 404


def test_home_map_shows_forecast_risk(with_forecast: TestClient) -> None:
    page = with_forecast.get("/").text
    data = _json_script(page, "map-data")
    assert str(data["title"]).startswith(
        "Forecast: chance of 25 or more state-based deaths in 2024"
    )
    assert "Countries most at risk" in page
    assert "Highest values" not in page  # the map's list would repeat the section's


def test_home_risk_legend_writes_percentages_as_the_page_language_does(
    with_forecast: TestClient,
) -> None:
    def legend(path: str) -> list[object]:
        data = _json_script(with_forecast.get(path).text, "map-data")
        entries = data["legend"]
        assert isinstance(entries, list)
        return [entry["label"] for entry in entries]

    assert legend("/?lang=en")[:3] == ["under 5%", "5–14%", "15–29%"]
    french = legend("/?lang=fr")
    assert french[1:3] == ["5–14\u00a0%", "15–29\u00a0%"]
    assert "50–79\u00a0%" in french


def test_methods_page_shows_the_committed_backtest(client: TestClient) -> None:
    page = client.get("/methods")
    assert page.status_code == 200
    assert "How forecasts are made" in page.text
    assert "Conflictology (benchmark)" in page.text
    assert "CRPS" in page.text
    # the committed backtest (data/backtest): lgbm 357.5, 96.6% interval, 89.6% PIT coverage
    for shown in (">357.5<", ">96.6%<", ">89.6%<"):
        assert shown in page.text
    assert "our 90% intervals cover 89.6% of outcomes" in page.text
    assert "more deaths in a country now never mean fewer deaths forecast" in page.text
    # calibration from the same file: 491 forecasts gave 90-100%, 96.9% of them came true
    calibration = page.text[page.text.index('id="calibration-heading"') :]
    assert '<th scope="row" class="nowrap">90–100%</th>' in calibration
    assert '<td class="num">491</td>' in calibration
    assert '<td class="num">95.1%</td>' in calibration
    assert '<td class="num">96.9%</td>' in calibration
    assert '<th scope="row">Conflictology (benchmark)</th>' in calibration


def test_methods_page_names_its_horizons_in_the_singular_and_plural(client: TestClient) -> None:
    english = client.get("/methods").text
    assert "CRPS, 1 year ahead</th>" in english
    assert "CRPS, 2 years ahead</th>" in english
    assert "1 years" not in english
    french = client.get("/methods?lang=fr").text
    assert "CRPS, à 1 an</th>" in french
    assert "à 1 ans" not in french


def test_methods_page_orders_monthly_horizons_as_numbers(
    web_settings: Settings, tmp_path: Path
) -> None:
    """A monthly backtest's horizons 1..12 come in numeric order, each with its own scores."""
    committed = json.loads((REPO_ROOT / "data" / "backtest" / "cy_2010_2023.json").read_text())
    zero = committed["models"]["zero"]
    months = {str(h): {**zero["overall"], "crps": float(h)} for h in range(1, 13)}
    backtest = {**committed, "models": {"zero": {**zero, "by_horizon": months}}}
    snapshot = tmp_path / "snapshot"
    (snapshot / "backtest").mkdir(parents=True)
    (snapshot / "backtest" / "cy_2010_2023.json").write_text(json.dumps(backtest))
    settings = web_settings.model_copy(update={"snapshot_dir": snapshot})
    with TestClient(create_app(settings)) as client:
        page = client.get("/methods").text
    headers = re.findall(r"CRPS, (\d+) years? ahead</th>", page)
    assert headers == [str(h) for h in range(1, 13)]
    row = page[page.index('<th scope="row">') :].split("</tr>")[0]
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells[-12:] == [f"{h}.0" for h in range(1, 13)]


def test_methods_page_writes_numbers_the_french_way(client: TestClient) -> None:
    page = client.get("/methods?lang=fr").text
    for shown in (">357,5<", ">96,6\u00a0%<", ">5\u202f189<"):
        assert shown in page
    assert "nos intervalles à 90 % couvrent 89,6\u00a0% des issues" in page
    assert "357.5" not in page
    assert "cutoffs, 1,000 draws</caption>" in client.get("/methods?lang=en").text
    assert "1\u202f000 tirages</caption>" in page
    assert "Les probabilités sont-elles justes\u00a0?" in page
    assert "Une règle lie le second modèle\u00a0:" in page
    assert '<td class="num">96,9\u00a0%</td>' in page


def test_downloads_are_listed_and_served(with_forecast: TestClient) -> None:
    assert "/data/forecast-cy.parquet" in with_forecast.get("/data").text
    csv = with_forecast.get("/data/forecast-cy.csv")
    assert csv.status_code == 200
    frame = pd.read_csv(io.StringIO(csv.text))
    assert tuple(frame.columns) == CONTRACT_COLUMNS
    parquet = with_forecast.get("/data/forecast-cy.parquet")
    assert len(pd.read_parquet(io.BytesIO(parquet.content))) == len(frame)
    assert with_forecast.get("/data/forecast-cy.xlsx").status_code == 404


def test_forecast_api(with_forecast: TestClient) -> None:
    body = with_forecast.get("/api/v1/forecasts/SDN").json()
    assert body["gwno"] == 625
    assert body["model"] == "lgbm"
    assert body["cutoff"] == "2023"
    assert [h["period"] for h in body["horizons"]] == ["2024", "2025", "2026"]
    assert 0 <= body["horizons"][0]["p_conflict"] <= body["horizons"][0]["p_any"] <= 1
    assert len(body["contributions"]) == 8
    # quantiles of whole deaths to one decimal, not interpolation noise like 8795.049999999987
    quantiles = [h[q] for h in body["horizons"] for q in ("q05", "q25", "median", "q75", "q95")]
    assert quantiles == [round(q, 1) for q in quantiles]
    assert any(q != round(q) for q in quantiles)  # a half death stays: kept, not truncated
    assert with_forecast.get("/api/v1/forecasts/625").json()["iso3"] == "SDN"
    assert with_forecast.get("/api/v1/forecasts/Atlantis").status_code == 404


def test_home_and_brief_give_the_outlook_of_the_stored_forecast(with_forecast: TestClient) -> None:
    settings: Settings = with_forecast.app.state.settings  # type: ignore[attr-defined]
    outlook = make_outlook(settings, 2023)
    assert outlook is not None
    assert outlook.new_risks, "no calm state with a 10% chance: the test would prove less"
    home = with_forecast.get("/").text
    assert f"Outlook for 2024: {outlook.likely} states have an even chance or more" in home
    risk = outlook.new_risks[0]
    assert f"Most likely new conflict: {risk.country} ({round(risk.chance * 100)}%)." in home
    french = with_forecast.get("/?lang=fr").text
    assert f"Perspectives pour 2024\u00a0: {outlook.likely} États ont au moins" in french
    brief = with_forecast.get("/brief/2024?lang=en").text
    assert "<h2>Outlook for 2024</h2>" in brief
    assert f'<a href="/countries/{outlook.largest[0].iso3}">' in brief


def test_country_page_shows_the_track_record_of_past_forecasts(with_forecast: TestClient) -> None:
    page = with_forecast.get("/countries/SDN").text
    assert "Track record: how past forecasts did here" in page
    assert 'id="track-chart" data-fan="track-data"' in page
    track = _json_script(page, "track-data")
    assert track["labels"] == [str(year) for year in range(2010, 2024)]
    record = load_track_record(with_forecast.app.state.settings, 625)  # type: ignore[attr-defined]
    assert record is not None
    assert track["observed"] == [f.observed for f in record.forecasts]
    assert f"in {record.inside} of 14 years" in page
    assert "<caption>Forecasts made a year ahead and what happened</caption>" in page
    assert '<a href="?ahead=1#track-heading" aria-current="true">1 year ahead</a>' in page
    french = with_forecast.get("/countries/SDN?lang=fr").text
    assert "Bilan des prévisions passées pour ce pays" in french
    assert "Prévisions faites un an plus tôt et ce qui s'est produit" in french


def test_the_track_record_switches_to_two_or_three_years_ahead(with_forecast: TestClient) -> None:
    page = with_forecast.get("/countries/SDN?ahead=3").text
    assert '<a href="?ahead=3#track-heading" aria-current="true">3 years ahead</a>' in page
    assert '<a href="?ahead=1#track-heading">1 year ahead</a>' in page
    assert "<caption>Forecasts made 3 years ahead and what happened</caption>" in page
    track = _json_script(page, "track-data")
    record = load_track_record(with_forecast.app.state.settings, 625, 3)  # type: ignore[attr-defined]
    assert record is not None
    assert record.horizon == 3
    assert track["median"] == [f.median for f in record.forecasts]
    assert track["text"]["median"] == "Median forecast made 3 years ahead"
    one_year = load_track_record(with_forecast.app.state.settings, 625, 1)  # type: ignore[attr-defined]
    assert one_year is not None
    # the same target years, forecast from three years earlier: other numbers
    assert [f.year for f in record.forecasts] == [f.year for f in one_year.forecasts]
    assert track["median"] != [f.median for f in one_year.forecasts]
    french = with_forecast.get("/countries/SDN?ahead=2&lang=fr").text
    assert "Prévisions faites 2 ans plus tôt et ce qui s'est produit" in french
    assert '<a href="?ahead=2#track-heading" aria-current="true">à 2 ans</a>' in french


@pytest.mark.parametrize("ahead", ["4", "0", "two", "-1"])
def test_a_track_record_horizon_outside_the_backtest_is_refused(
    with_forecast: TestClient, ahead: str
) -> None:
    answer = with_forecast.get(f"/countries/SDN?ahead={ahead}")
    assert answer.status_code == 422
    assert f"field &#39;ahead&#39;: &#39;{ahead}&#39; is not one of 1, 2, 3" in answer.text


def test_no_committed_backtest_no_track_record(tmp_path: Path) -> None:
    assert load_track_record(Settings(data_dir=tmp_path, snapshot_dir=tmp_path), 625) is None


def test_track_record_api(client: TestClient) -> None:
    answer = client.get("/api/v1/forecasts/SDN/track-record")
    assert answer.status_code == 200
    data = answer.json()
    assert (data["gwno"], data["model"], data["horizon"], data["years"]) == (625, "lgbm", 1, 14)
    assert [f["year"] for f in data["forecasts"]] == list(range(2010, 2024))
    assert data["inside_90"] == sum(f["inside_90"] for f in data["forecasts"])
    assert data["benchmark_mean_crps"] is not None
    quantiles = [f[q] for f in data["forecasts"] for q in ("q05", "median", "q95")]
    assert quantiles == [round(q, 1) for q in quantiles]  # 1047.9499999999955 is stored
    assert 1047.9 in quantiles
    assert client.get("/api/v1/forecasts/XYZ/track-record").status_code == 404
    # South Sudan exists from 2011: one-year-ahead forecasts from 2012 on
    south_sudan = client.get("/api/v1/forecasts/SSD/track-record").json()
    assert south_sudan["forecasts"][0]["year"] == 2012
    # three years ahead: the forecasts made from 2007 for 2010 onwards, the same target years
    three = client.get("/api/v1/forecasts/SDN/track-record?horizon=3").json()
    assert three["horizon"] == 3
    assert [(f["year"], f["cutoff"]) for f in three["forecasts"]][:2] == [
        (2010, 2007),
        (2011, 2008),
    ]
    assert client.get("/api/v1/forecasts/SDN/track-record?horizon=4").status_code == 422


def test_methods_page_lists_where_the_model_missed_most(client: TestClient) -> None:
    page = client.get("/methods").text
    assert "Where our model missed most" in page
    table = page[page.index('id="misses-heading"') :]
    assert table.count('<th scope="row"><a href="/countries/') == 10
    assert '<a href="/countries/ethiopia">' in table or '<a href="/countries/ETH">' in table
    french = client.get("/methods?lang=fr").text
    assert "Là où notre modèle s'est le plus trompé" in french


def test_a_damaged_track_record_file_leaves_the_section_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "backtest").mkdir()
    (tmp_path / "backtest" / "cy_2010_2023_forecasts.parquet").write_text("not parquet")
    with caplog.at_level("WARNING"):
        assert load_track_record(Settings(data_dir=tmp_path, snapshot_dir=tmp_path), 625) is None
    assert "track records left out" in caplog.text
    assert "not a readable Parquet file" in caplog.text
