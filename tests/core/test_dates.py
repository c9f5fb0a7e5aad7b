"""How a date reads (one short style: lower-case Dutch months, each year named once in a
range) and the planning arithmetic of core.dates (issue 14, §6)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from core.charts import month_label
from core.dates import date_range, next_working_day, on_working_day, short_date, spread

D = datetime.date


def test_dutch_month_abbreviations_are_lower_case():
    assert short_date(D(2026, 3, 6)) == "6 mrt 2026"
    assert month_label(D(2026, 3, 1)) == "mrt 2026"


def test_english_month_abbreviations_are_capitalised():
    with translation.override("en"):
        assert short_date(D(2026, 3, 6)) == "6 Mar 2026"
        assert month_label(D(2026, 3, 1)) == "Mar 2026"
        assert date_range(D(2025, 12, 6), D(2026, 3, 6)) == "6 Dec 2025 – 6 Mar 2026"


def test_a_range_across_a_year_names_both_years():
    assert date_range(D(2025, 12, 6), D(2026, 3, 6)) == "6 dec 2025 – 6 mrt 2026"


def test_a_range_within_a_year_names_the_year_once():
    assert date_range(D(2026, 3, 7), D(2026, 6, 19)) == "7 mrt – 19 jun 2026"
    assert date_range(D(2026, 3, 6), D(2026, 3, 20)) == "6 – 20 mrt 2026"


def test_a_range_of_one_day_or_with_an_open_end_is_one_date():
    assert date_range(D(2026, 3, 6), D(2026, 3, 6)) == "6 mrt 2026"
    assert date_range(D(2026, 3, 6), None) == "6 mrt 2026"
    assert date_range(None, D(2026, 3, 6)) == "tot en met 6 mrt 2026"
    assert date_range(None, None) == ""


def test_a_long_range_for_documents_writes_the_months_in_full():
    assert date_range(D(2025, 12, 6), D(2026, 3, 6), long=True) == "6 december 2025 – 6 maart 2026"
    assert date_range(D(2026, 3, 7), D(2026, 6, 19), long=True) == "7 maart – 19 juni 2026"


def test_the_template_filters_read_the_same():
    html = Template(
        "{% load dates %}{{ a|short_date }} | {{ a|date_range:b }} | {{ a|long_date_range:b }}"
        " | {{ moment|short_date }}"
    ).render(
        Context(
            {
                "a": D(2025, 12, 6),
                "b": D(2026, 3, 6),
                # 23:30 UTC on 31 December is New Year's Day in Amsterdam.
                "moment": datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC),
            }
        )
    )
    assert html == (
        "6 dec 2025 | 6 dec 2025 – 6 mrt 2026 | 6 december 2025 – 6 maart 2026 | 1 jan 2026"
    )


def test_a_weekend_day_moves_to_the_monday_after():
    friday, saturday, sunday, monday = (D(2026, 12, day) for day in (4, 5, 6, 7))
    assert next_working_day(friday) == friday
    assert next_working_day(saturday) == monday
    assert next_working_day(sunday) == monday
    assert next_working_day(monday) == monday


def test_a_weekend_date_is_refused_with_the_monday_after_suggested():
    assert on_working_day(D(2026, 12, 4)) == D(2026, 12, 4)
    assert on_working_day(None) is None
    with pytest.raises(ValidationError) as refused:
        on_working_day(D(2026, 12, 5))
    assert refused.value.messages == [
        "zaterdag 5 december 2026 valt in het weekend. Kies een werkdag, bijvoorbeeld maandag "
        "7 december 2026."
    ]


def test_spread_gives_consecutive_spans_of_whole_weeks_that_cover_the_term():
    start = D(2026, 1, 5)
    spans = spread(start, start + datetime.timedelta(weeks=12, days=-1), 4)
    assert spans == [
        (D(2026, 1, 5), D(2026, 1, 25)),
        (D(2026, 1, 26), D(2026, 2, 15)),
        (D(2026, 2, 16), D(2026, 3, 8)),
        (D(2026, 3, 9), D(2026, 3, 29)),
    ]


def test_spread_gives_the_odd_weeks_to_the_first_spans_and_odd_days_to_the_last():
    start = D(2026, 1, 5)
    spans = spread(start, start + datetime.timedelta(weeks=10, days=2), 4)
    weeks = [((end - begin).days + 1) / 7 for begin, end in spans]
    assert weeks[:3] == [3, 3, 2] and spans[3][1] == start + datetime.timedelta(weeks=10, days=2)
    assert all(spans[i][1] + datetime.timedelta(days=1) == spans[i + 1][0] for i in range(3))


def test_spread_of_a_short_term_counts_in_days():
    spans = spread(D(2026, 1, 5), D(2026, 1, 10), 4)  # six days
    assert spans == [
        (D(2026, 1, 5), D(2026, 1, 6)),
        (D(2026, 1, 7), D(2026, 1, 8)),
        (D(2026, 1, 9), D(2026, 1, 9)),
        (D(2026, 1, 10), D(2026, 1, 10)),
    ]


def test_spread_with_weights_gives_each_span_its_weeks_when_the_term_is_their_sum():
    start = D(2026, 1, 5)
    spans = spread(start, start + datetime.timedelta(weeks=26, days=-1), 4, weights=[6, 6, 10, 4])
    weeks = [((end - begin).days + 1) / 7 for begin, end in spans]
    assert weeks == [6, 6, 10, 4]
    assert all(spans[i][1] + datetime.timedelta(days=1) == spans[i + 1][0] for i in range(3))


def test_spread_with_weights_fits_a_longer_term_in_proportion():
    start = D(2026, 1, 5)
    spans = spread(start, start + datetime.timedelta(weeks=16, days=-1), 3, weights=[1, 6, 1])
    assert [((end - begin).days + 1) / 7 for begin, end in spans] == [2, 12, 2]
    assert spans[-1][1] == D(2026, 4, 26)
