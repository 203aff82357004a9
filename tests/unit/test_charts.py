import xml.etree.ElementTree as ET  # noqa: S405 - parses our own output only
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from web.charts import Series, bar_chart, grouped_bar_chart
from web.filters import fte, nok

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{NS}rect") if r.get("class") == "bar"]


def axis_x(root: ET.Element) -> float:
    (line,) = [e for e in root.iter(f"{NS}line") if e.get("class") == "axis"]
    assert line.get("x1") == line.get("x2")
    return float(line.get("x1", "nan"))


def jobs_chart() -> str:
    return grouped_bar_chart(
        "aarsverk",
        "Netto årsverk per kommune",
        "Positive tall: kommunen får arbeidsplasser.",
        ["Ibestad", "Gratangen", "Salangen"],
        [
            Series(
                "Ordførergruppas forslag 2007", (Decimal("-1.2"), Decimal("1.3"), Decimal("-1.6"))
            ),
            Series("Alt i Salangen", (Decimal("-1.2"), Decimal("-5.2"), Decimal("11.1"))),
        ],
        fte,
    )


def test_a_chart_is_valid_xml_with_role_img_title_and_desc_first() -> None:
    root = parse(jobs_chart())
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title, desc = list(root)[:2]
    assert (title.tag, title.text) == (f"{NS}title", "Netto årsverk per kommune")
    assert desc.tag == f"{NS}desc"
    assert root.get("aria-labelledby") == "aarsverk-title aarsverk-desc"
    assert (title.get("id"), desc.get("id")) == ("aarsverk-title", "aarsverk-desc")


def test_the_description_repeats_every_value_in_norwegian_format() -> None:
    desc = parse(jobs_chart()).find(f"{NS}desc")
    assert desc is not None
    assert desc.text is not None
    assert desc.text.startswith("Positive tall: kommunen får arbeidsplasser. ")
    assert "Gratangen, Alt i Salangen: \u22125,2\u00a0årsverk" in desc.text
    assert "Salangen, Alt i Salangen: 11,1\u00a0årsverk" in desc.text
    assert desc.text.count(";") == 5  # six values


def test_a_grouped_chart_draws_one_bar_per_value_with_the_series_name_beside_it() -> None:
    root = parse(jobs_chart())
    assert len(bars(root)) == 3 * 2
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts.count("Ordførergruppas forslag 2007") == 3
    assert texts.count("Alt i Salangen") == 3
    assert texts.count("Ibestad") == 1  # the group heading
    assert "11,1\u00a0årsverk" in texts


def test_negative_values_are_drawn_left_of_the_axis_and_positive_ones_right() -> None:
    root = parse(jobs_chart())
    zero = axis_x(root)
    for rect in bars(root):
        x, width = float(rect.get("x", "nan")), float(rect.get("width", "nan"))
        if Decimal(rect.get("data-value", "0")) < 0:
            assert x + width == pytest.approx(zero, abs=0.1)
            assert x < zero
        else:
            assert x == pytest.approx(zero, abs=0.1)


def test_bar_lengths_are_proportional_to_the_values() -> None:
    root = parse(bar_chart("b", "Engangskostnader", "", ["A", "B"], [908_000, 454_000], nok))
    first, second = (float(r.get("width", "nan")) for r in bars(root))
    assert first == pytest.approx(2 * second, rel=0.01)


def test_a_single_series_chart_labels_each_bar_and_formats_values_in_kroner() -> None:
    root = parse(
        bar_chart(
            "b",
            "Engangskostnader",
            "Sum.",
            ["Ordførergruppas forslag 2007", "Alt"],
            [908_000, 0],
            nok,
        )
    )
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Ordførergruppas forslag 2007" in texts
    assert "908\u00a0000\u00a0kr" in texts
    assert "0\u00a0kr" in texts
    assert len(bars(root)) == 2


def test_text_is_escaped_so_names_with_markup_characters_survive() -> None:
    name = 'Bø & <Hå> "nord"'
    root = parse(bar_chart("x", "A < B & C", name, [name], [1], nok))
    assert root.find(f"{NS}title").text == "A < B & C"  # type: ignore[union-attr]
    assert name in [t.text for t in root.iter(f"{NS}text")]


def test_long_labels_are_shortened_in_the_picture_but_kept_whole_in_the_description() -> None:
    label = "Samarbeidet Os, Røros og Holtålen med et svært langt navn på diagrammet"
    root = parse(bar_chart("x", "T", "", [label], [5], nok))
    texts = [t.text or "" for t in root.iter(f"{NS}text")]
    assert label not in texts
    assert any(t.endswith("…") and label.startswith(t[:-1]) for t in texts)
    assert label in (root.find(f"{NS}desc").text or "")  # type: ignore[union-attr]


def test_all_zero_values_draw_empty_bars_on_the_axis() -> None:
    root = parse(bar_chart("z", "T", "", ["A", "B"], [0, 0], nok))
    assert [float(r.get("width", "nan")) for r in bars(root)] == [0.0, 0.0]


def test_a_series_with_the_wrong_number_of_values_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="2 values for 3"):
        grouped_bar_chart("e", "T", "", ["A", "B", "C"], [Series("S", (1, 2))], nok)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(-10_000_000, 10_000_000), min_size=3, max_size=3),
        min_size=1,
        max_size=4,
    )
)
def test_every_bar_stays_inside_the_picture_on_the_side_its_sign_says(
    values: list[list[int]],
) -> None:
    series = [Series(f"Alternativ {i}", tuple(v)) for i, v in enumerate(values)]
    root = parse(grouped_bar_chart("p", "T", "", ["A", "B", "C"], series, nok))
    _, _, width, height = (float(n) for n in root.get("viewBox", "").split())
    zero = axis_x(root)
    drawn = bars(root)
    assert len(drawn) == 3 * len(values)
    for rect in drawn:
        x, w = float(rect.get("x", "nan")), float(rect.get("width", "nan"))
        y, h = float(rect.get("y", "nan")), float(rect.get("height", "nan"))
        assert x >= 0
        assert x + w <= width + 0.1
        assert y >= 0
        assert y + h <= height
        value = int(rect.get("data-value", "0"))
        assert (x + w <= zero + 0.2) if value < 0 else (x >= zero - 0.2)  # 0.1 px rounding
