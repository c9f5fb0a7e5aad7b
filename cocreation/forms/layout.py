"""What every co-creation form shares: the date field's widget and a crispy helper that leaves
the <form> tag and the CSRF token to the template."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def form_helper(button: str | None = None, *fields) -> FormHelper:
    """A helper laying out `fields`, with a submit button labelled `button` when given."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if fields:
        helper.layout = Layout(*fields)
    if button:
        helper.add_input(Submit("submit", button))
    return helper
