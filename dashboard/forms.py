import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import EARLIEST, within_bounds
from projects.models import Project

from .models import ProgressReport


class ProgressReportForm(forms.ModelForm):
    class Meta:
        model = ProgressReport
        fields = ["period_start", "period_end"]
        labels = {"period_start": _("Van"), "period_end": _("Tot en met")}
        widgets = {
            # ISO dates: a date input ignores the Dutch "31-08-2026" and would show nothing.
            "period_start": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
            "period_end": forms.DateInput(
                attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
            ),
        }

    @classmethod
    def for_project(cls, project: Project, data=None) -> "ProgressReportForm":
        """The form, pre-filled with the last three months. The bounds of the period are the
        model's (ProgressReport.clean); the date pickers offer the same range."""
        today = timezone.localdate()
        start = max(project.start_date or today, today - datetime.timedelta(days=90))
        form = cls(
            data=data,
            initial={"period_start": min(start, today), "period_end": today},
            prefix="report",
            instance=ProgressReport(project=project),
        )
        for field in form.fields.values():
            field.widget.attrs["min"] = (project.start_date or EARLIEST).isoformat()
            field.widget.attrs["max"] = today.isoformat()
        return form

    def clean_period_start(self):
        return within_bounds(self.cleaned_data["period_start"])
