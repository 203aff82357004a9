"""The region map: one path per municipality, coloured by group, hosts numbered in order."""

from coop.domain.travel.region_svg import group_colour, render_region_svg

SQUARE = ((0.0, 60.0), (1.0, 60.0), (1.0, 61.0), (0.0, 61.0), (0.0, 60.0))


def shifted(dx: float) -> tuple[tuple[tuple[float, float], ...], ...]:
    return (tuple((x + dx, y) for x, y in SQUARE),)


def test_three_municipalities_in_two_groups() -> None:
    rings = {"a": shifted(0), "b": shifted(1), "c": shifted(2)}
    svg = render_region_svg(rings, {"a": 0, "b": 0, "c": 1}, ["a", "c"], {"a": "Å<", "c": "C"})
    assert svg.count("<path") == 3
    assert svg.count(f'fill="{group_colour(0)}"') == 2
    assert svg.count(f'fill="{group_colour(1)}"') == 1
    assert ">1</text>" in svg
    assert ">2</text>" in svg
    assert "Å&lt;" in svg  # names are escaped
    assert 'role="img"' in svg


def test_nothing_to_draw_gives_an_empty_string() -> None:
    assert render_region_svg({}, {"a": 0}, ["a"], {}) == ""
