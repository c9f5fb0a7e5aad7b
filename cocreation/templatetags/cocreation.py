"""Co-creation components for the pages of other apps (the home page, the project page), so
that projects never imports cocreation: `{% load cocreation %}{% open_concerns %}`."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("cocreation/_open_concerns.html", takes_context=True)
def open_concerns(context):
    """A designer's open concerns, oldest first; those open longer than a week stand out."""
    return {"concerns": list(selectors.open_concerns(context["request"].user)[:10])}


@register.inclusion_tag("cocreation/_agreement_summary.html", takes_context=True)
def agreement_summary(context, project):
    """The active agreement's ambition, the version awaiting consent, and the next check-in."""
    return {
        "user": context["request"].user,
        "project": project,
        "active": selectors.active_version(project),
        "open": selectors.open_version(project),
        "next_check_in": selectors.next_check_in(project),
    }
