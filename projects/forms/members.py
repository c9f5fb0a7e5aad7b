from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Organisation, Project, User


class AddDesignerForm(forms.Form):
    """Add a designer who is not yet in the project's team."""

    user = forms.ModelChoiceField(
        label=_("Buurtdesigner"),
        queryset=None,
        empty_label=_("Kies een buurtdesigner"),
        error_messages={
            "required": _("Kies een buurtdesigner."),
            "invalid_choice": _("Deze persoon kan niet aan het team worden toegevoegd."),
        },
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            is_active=True, role__in=[User.Role.DESIGNER, User.Role.ADMIN]
        ).exclude(memberships__project=project)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class InviteForm(forms.Form):
    """Invite a client contact or partner by e-mail address."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres. Controleer het op typefouten."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        required=False,
        help_text=_("Alleen nodig voor iemand die nog geen account heeft."),
    )
    role = forms.ChoiceField(
        label=_("Rol in het project"),
        choices=[
            (Membership.Role.CLIENT, Membership.Role.CLIENT.label),
            (Membership.Role.PARTNER, Membership.Role.PARTNER.label),
        ],
        initial=Membership.Role.CLIENT,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies opdrachtgever of partner.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.exclude(kind=Organisation.Kind.OWN),
        required=False,
        empty_label=_("Kies een organisatie"),
        help_text=_("Voor een nieuw account; wie al een account heeft, houdt zijn organisatie."),
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].initial = project.client_id
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "email", "name", Field("role", wrapper_class="choice-chips"), "organisation"
        )

    def service_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for services.members.member_invite."""
        return {name: self.cleaned_data[name] for name in self.fields}
