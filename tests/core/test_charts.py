"""The bars of a PDF chart: a round scale up to the highest value, each chart its own."""

import pytest

from core.charts import bar_chart, scale_step


@pytest.mark.parametrize(
    ("highest", "step"), [(0, 1), (4, 1), (7, 2), (16, 5), (21, 10), (325, 100), (2242, 1000)]
)
def test_the_scale_steps_by_one_two_or_five_times_a_power_of_ten(highest, step):
    assert scale_step(highest) == step


def test_the_scale_ends_at_the_first_round_line_above_the_highest_value():
    chart = {"labels": ["jan", "feb"], "datasets": [{"label": "a", "data": [7, 325]}]}
    svg = bar_chart(chart, width=200, height=116)
    assert svg["top"] == 400
    assert [line["label"] for line in svg["gridlines"]] == [100, 200, 300, 400]
    tallest = max(svg["bars"], key=lambda bar: bar["height"])
    assert tallest["y"] + tallest["height"] == svg["baseline"]


def test_a_chart_of_only_zeros_draws_flat_bars_on_a_scale_of_one():
    chart = {"labels": ["jan"], "datasets": [{"label": "a", "data": [0]}]}
    svg = bar_chart(chart)
    assert svg["top"] == 1 and [bar["height"] for bar in svg["bars"]] == [0.0]
