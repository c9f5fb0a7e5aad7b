"""Raising a concern and replying to it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Concern
from .layout import form_helper


class ConcernForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Versturen"), "subject", "body")


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Uw reactie"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Reageren"), "body")
