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


# ---- dashboard (issue 7) ----
# Only the agreed version in force reaches the dashboard: never a draft or a proposal.


@register.inclusion_tag("cocreation/_dashboard_ambition.html", takes_context=True)
def dashboard_ambition(context, project):
    """The shared ambition of the active agreement and the next check-in date."""
    return {
        "project": project,
        "active": selectors.active_version(project),
        "next_check_in": selectors.next_check_in(project),
    }


@register.inclusion_tag("cocreation/_dashboard_commitments.html", takes_context=True)
def commitments_with_last_check_in(context, project):
    """Every party's commitments in the active agreement, with how each went at the last
    check-in (matched by the same commitment, or the same text carried into a new version)."""
    version, parties, last = selectors.commitments_with_last_review(project)
    return {
        "project": project,
        "version": version,
        "parties": parties,
        "last_check_in": last,
    }


@register.inclusion_tag("cocreation/_dashboard_concerns.html", takes_context=True)
def my_concerns(context, project):
    """The concerns this user may read in `project` (a client's own and their colleagues', all
    for designers) with the replies, and the button to raise a new one."""
    from django.db.models import Prefetch

    from ..models import ConcernReply

    user = context["request"].user
    replies = Prefetch("replies", queryset=ConcernReply.objects.select_related("author"))
    concerns = selectors.concerns_visible_to(user, project).prefetch_related(replies)
    return {
        "user": user,
        "project": project,
        "concerns": list(concerns[:10]),
    }


@register.inclusion_tag("cocreation/_order_confirmations.html", takes_context=True)
def order_confirmations(context, project):
    """The project's order confirmations with download links, their progress while being made
    (htmx polling), and for an admin the form to generate one. Empty for partners."""
    from ..confirmations import panel_context

    return panel_context(context["request"].user, project)


@register.inclusion_tag("cocreation/_progress_reports.html", takes_context=True)
def progress_reports(context, project):
    """The form to request a progress report (voortgangsrapportage) over a period, and the
    user's own reports (every report of the project for designers), polling while one is made."""
    from ..reports import panel_context

    return panel_context(context["request"].user, project)
