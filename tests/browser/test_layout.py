"""Layout of the public pages at a phone's width (390 px) and on a desktop (1200 px), in English
and French: nothing pushes the page sideways, text in tables keeps a readable width, form fields
look alike, charts keep room for their plot."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


def _open_details(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", ["/data", "/initiatives/paris-call"])
def test_long_unbroken_strings_wrap_on_a_phone(page: Page, path: str, language: str) -> None:
    """A commit hash in a source's release (open data page) and an organisation name joined by
    no-break spaces (Paris Call endorsers) wrap instead of pushing the page sideways."""
    page.set_viewport_size(PHONE)
    page.goto(f"{path}?lang={language}")
    _open_details(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", ["/countries/SYR", "/pacts/osce"])
def test_lists_in_table_cells_keep_a_readable_width_on_a_phone(
    page: Page, path: str, language: str
) -> None:
    """The peace agreements of past situations and the reasons a process is frozen are lists in
    a table that scrolls sideways on a phone; each item keeps a readable line (squeezed to its
    longest word behind a 40 px indent, an agreement took 25 lines of two words), and a list
    starts level with the other cells of its row."""
    page.set_viewport_size(PHONE)
    page.goto(f"{path}?lang={language}")
    _open_details(page)
    items = page.evaluate(
        """() => [...document.querySelectorAll('td > ul')].map(ul => {
            const cell = ul.parentElement.getBoundingClientRect();
            const top = parseFloat(getComputedStyle(ul.parentElement).paddingTop);
            const first = ul.parentElement.firstChild === ul;
            return [ul.querySelector('li').getBoundingClientRect().width,
                    first ? ul.getBoundingClientRect().top - cell.top - top : 0];
        })"""
    )
    assert items, f"no list in a table cell on {path}"
    assert all(width >= 200 and abs(gap) <= 1 for width, gap in items), items


@pytest.mark.parametrize("path", ["/formats?country=SYR", "/alignment?state=SYR"])
def test_text_fields_without_a_type_look_like_the_others(page: Page, path: str) -> None:
    """A field written without ``type`` (a text field) has the site's padding, border and
    height, like the number field and the select beside it (it had the browser's thin default)."""
    page.set_viewport_size(DESKTOP)
    page.goto(path)
    fields = page.evaluate(
        """() => [...document.querySelectorAll('main form input, main form select')]
            .filter(f => !['hidden', 'checkbox', 'radio', 'submit'].includes(f.type))
            .map(f => { const s = getComputedStyle(f);
                return [f.id, s.paddingLeft, s.borderTopLeftRadius, s.borderTopColor,
                        Math.round(f.getBoundingClientRect().height)]; })"""
    )
    assert len(fields) >= 3
    untyped = page.evaluate(
        "() => [...document.querySelectorAll('main form input:not([type])')].map(f => f.id)"
    )
    assert untyped, f"no field without a type on {path}"
    looks = {tuple(field[1:4]) for field in fields}
    assert len(looks) == 1, fields
    heights = [field[4] for field in fields if field[0] in untyped or field[0] == "k"]
    assert max(heights) - min(heights) <= 1, fields


@pytest.mark.parametrize("language", ["en", "fr"])
def test_initiatives_chart_keeps_room_for_its_plot_and_legend_on_a_phone(
    page: Page, language: str
) -> None:
    """On a phone the legend of the seven initiatives takes a line each: the chart is tall
    enough that every entry is drawn and the plot keeps a readable height (it was 48 px high and
    the last entry was cut off)."""
    page.set_viewport_size(PHONE)
    page.goto(f"/initiatives?lang={language}")
    expect(page.locator("#initiatives-chart")).to_have_attribute("data-ready", "true")
    chart = page.evaluate(
        """() => { const c = Chart.getChart(document.getElementById('initiatives-chart'));
            return {height: c.height, plot: c.chartArea.bottom - c.chartArea.top,
                    series: c.data.datasets.length,
                    legend: c.legend.legendHitBoxes.map(b => b.top + b.height)}; }"""
    )
    assert chart["series"] >= 6
    assert len(chart["legend"]) == chart["series"]
    assert max(chart["legend"]) <= chart["height"], chart
    assert chart["plot"] >= 150, chart


ISO_DATES_SPLIT = r"""() => {
    const split = [];
    for (const cell of document.querySelectorAll('main td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + 10);
                const tops = [...range.getClientRects()].filter(r => r.width > 0)
                    .map(r => Math.round(r.top));
                if (new Set(tops).size > 1) split.push(match[0]);
            }
        }
    }
    return split;
}"""


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        ("/initiatives?lang=fr", PHONE),
        ("/initiatives", PHONE),
        ("/initiatives?lang=fr", DESKTOP),
        ("/pacts?lang=fr", PHONE),
        ("/initiatives/paris-call", PHONE),
    ],
)
def test_dates_in_tables_stay_on_one_line(page: Page, path: str, viewport: dict) -> None:
    """An ISO date in a table cell is never broken at its hyphens ('2019-' above '11-18': the
    initiatives table on a phone split all of its 100 dates)."""
    page.set_viewport_size(viewport)
    page.goto(path)
    _open_details(page)
    split = page.evaluate(ISO_DATES_SPLIT)
    assert split == [], f"{len(split)} dates split on {path}: {split[:5]}"


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("path", ["/methods", "/countries/SYR"])
def test_captions_of_wide_tables_stay_on_screen_on_a_phone(
    page: Page, path: str, language: str
) -> None:
    """A table wider than a phone scrolls inside its wrapper; its caption used to be as wide as
    the table and was cut at the screen's edge ('Probabilité de 25 morts ou plus dans un c').
    Every caption now wraps within the screen and stays there when the table is scrolled."""
    page.set_viewport_size(PHONE)
    page.goto(f"{path}?lang={language}")
    _open_details(page)
    script = """() => [...document.querySelectorAll('.table-wrap caption')].map(c => {
        const r = c.getBoundingClientRect();
        return [c.textContent.trim().slice(0, 40), r.left, r.right];
    })"""
    captions = page.evaluate(script)
    assert captions, f"no table caption on {path}"
    wide = page.evaluate(
        "() => [...document.querySelectorAll('.table-wrap')]"
        ".filter(w => w.scrollWidth > w.clientWidth + 1).length"
    )
    assert wide, f"no table wider than a phone on {path}: the test would prove nothing"
    assert all(left >= 0 and right <= PHONE["width"] for _, left, right in captions), captions
    page.evaluate(
        "() => document.querySelectorAll('.table-wrap').forEach(w => { w.scrollLeft = 200; })"
    )
    assert all(left >= 0 for _, left, _ in page.evaluate(script)), page.evaluate(script)
