"""Order confirmations on the project page: the form with its defaults from the service
variant, and the read-side query for the list. Writes live in services.py, the task in tasks.py."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from projects.models import Project

from .models import OrderConfirmation


class OrderConfirmationForm(forms.Form):
    fee = forms.DecimalField(
        label=_("Honorarium (euro, excl. btw)"), min_value=0, max_digits=9, decimal_places=2
    )
    hours = forms.IntegerField(label=_("Aantal uren"), min_value=1)
    term = forms.IntegerField(label=_("Looptijd in weken"), min_value=1, max_value=520)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    @classmethod
    def for_project(cls, project: Project, data=None) -> "OrderConfirmationForm":
        """The form pre-filled from the project's service variant."""
        variant = project.variant
        initial = (
            {"fee": variant.fee, "hours": variant.typical_hours, "term": variant.typical_weeks}
            if variant
            else {}
        )
        return cls(data=data, initial=initial, prefix="confirmation")


def confirmations_of(project: Project) -> QuerySet[OrderConfirmation]:
    """The project's order confirmations, newest first."""
    return (
        OrderConfirmation.objects.filter(project=project)
        .select_related("version", "superseded_by", "generated_by", "project")
        .order_by("-year", "-sequence")
    )


def confirmation_of(project: Project, number: str) -> OrderConfirmation:
    """One confirmation of `project` by its number (DoesNotExist otherwise)."""
    return OrderConfirmation.objects.select_related("project").get(project=project, number=number)


def panel_context(user, project: Project, form: OrderConfirmationForm | None = None) -> dict:
    """What the order confirmations panel shows `user`: the list, and for an admin the form
    (only when there is an agreed version and nothing is being made)."""
    from . import selectors

    confirmations = list(confirmations_of(project)[:20])
    can_generate = user.has_perm("cocreation.generate_confirmation", project)
    active = selectors.active_version(project) if can_generate else None
    busy = any(c.in_progress for c in confirmations)
    return {
        "project": project,
        "visible": user.has_perm("cocreation.download_confirmation", project),
        "confirmations": confirmations,
        "polling": busy,
        "can_generate": can_generate,
        "active": active,
        "form": (form or OrderConfirmationForm.for_project(project))
        if can_generate and active and not busy
        else None,
    }
