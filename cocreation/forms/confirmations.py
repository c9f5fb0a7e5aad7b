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
    # Shown once a confirmation is in force; required when the new one would have the same
    # version and terms (cocreation.services.confirmations).
    reason = forms.CharField(
        label=_("Reden om de geldende bevestiging te vervangen"),
        help_text=_(
            "Nodig als versie, honorarium, uren en looptijd gelijk blijven; de reden komt bij "
            "de nieuwe bevestiging te staan."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"

    @classmethod
    def for_project(cls, project: Project, data=None, *, replacing=None) -> "OrderConfirmationForm":
        """The form pre-filled from the project's service variant; with the field for a reason
        when it would replace `replacing` (the confirmation in force)."""
        variant = project.variant
        initial = {"fee": variant.fee, "hours": variant.typical_hours} if variant else {}
        form = cls(data=data, initial=initial, prefix="confirmation")
        if replacing is None:
            del form.fields["reason"]
        else:
            form.fields["reason"].label = _("Reden om %(number)s te vervangen") % {
                "number": replacing.number
            }
        return form
