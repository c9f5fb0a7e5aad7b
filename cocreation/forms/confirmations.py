"""The form to generate an order confirmation, with its defaults from the service variant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class OrderConfirmationForm(forms.Form):
    fee = forms.DecimalField(
        label=_("Honorarium (euro, excl. btw)"), min_value=0, max_digits=9, decimal_places=2
    )
    # Bounded far above any trajectory, and below what the database column holds.
    hours = forms.IntegerField(label=_("Aantal uren"), min_value=1, max_value=100_000)
    client_reference = forms.CharField(
        label=_("Kenmerk of inkoopnummer van de opdrachtgever (optioneel)"),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    @classmethod
    def for_project(cls, project: Project, data=None) -> "OrderConfirmationForm":
        """The form pre-filled from the project's service variant."""
        variant = project.variant
        initial = {"fee": variant.fee, "hours": variant.typical_hours} if variant else {}
        return cls(data=data, initial=initial, prefix="confirmation")
