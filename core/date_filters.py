"""Short dates in templates (`{% load dates %}`, see TEMPLATES in the settings), in the one
style of core.dates: `{{ day|short_date }}` reads '6 mrt 2026', `{{ start|date_range:end }}`
'6 dec 2025 – 6 mrt 2026', and for a document `{{ start|long_date_range:end }}` '6 december
2025 – 6 maart 2026' (single dates there: `|date:"j F Y"`)."""

from django import template
from django.utils.timezone import template_localtime

from core import dates

register = template.Library()


@register.filter
def short_date(value):
    # A moment (created_at) reads as the day it was here, as with Django's |date.
    return dates.short_date(template_localtime(value)) if value else ""


@register.filter
def date_range(start, end):
    return dates.date_range(start or None, end or None)


@register.filter
def long_date_range(start, end):
    return dates.date_range(start or None, end or None, long=True)
