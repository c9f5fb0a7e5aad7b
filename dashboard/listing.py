"""The project list (Projecten): the projects a user may see, searched and filtered, and for
the team with each project's health — filterable by colour and sortable worst first.

It lives here, above the apps, because the health combines them (dashboard.health); the search
itself is `projects.selectors.project_search`. Filtering or sorting by health judges every
matching project, the plain list only the page shown; both in a fixed number of queries."""

from crispy_forms.layout import Div, Layout
from django import forms
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from projects import selectors as project_selectors
from projects.forms.projects import ProjectFilterForm

from . import health
from .rules import sees_health

PAGE_SIZE = 20
BY_HEALTH = "gezondheid"


class ProjectListForm(ProjectFilterForm):
    """The project search and filters, with the health filter and sort for the team only."""

    health = forms.ChoiceField(
        label=_("Gezondheid"),
        required=False,
        choices=[("", _("Alle kleuren")), *health.LABELS.items()],
    )
    sort = forms.ChoiceField(
        label=_("Volgorde"),
        required=False,
        choices=[("", _("Op titel")), (BY_HEALTH, _("Op gezondheid, rood eerst"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.sees_health = sees_health(user)
        if not self.sees_health:
            del self.fields["health"], self.fields["sort"]
            return
        self.helper.layout = Layout(
            Div(
                Div("q", css_class="col-12 col-lg-4"),
                Div("status", css_class="col-6 col-lg-2"),
                Div("client", css_class="col-6 col-lg-2"),
                Div("theme", css_class="col-6 col-lg-2"),
                Div("neighbourhood", css_class="col-6 col-lg-2"),
                Div("health", css_class="col-6 col-lg-2"),
                Div("sort", css_class="col-6 col-lg-3"),
                css_class="row g-2",
            ),
        )

    def health_kwargs(self) -> dict:
        """The valid health filter and sort (empty for whoever may not see health)."""
        data = getattr(self, "cleaned_data", {})
        if not self.sees_health:
            return {"colour": "", "by_health": False}
        return {"colour": data.get("health", ""), "by_health": data.get("sort") == BY_HEALTH}


def project_list_page(user, form: ProjectListForm, page_number=None) -> Page:
    """The page `page_number` of the projects `user` may see that match `form`; for the team
    each project carries its `health` (None when not active)."""
    projects = project_selectors.project_search(user, **form.search_kwargs())
    options = form.health_kwargs()
    if not form.sees_health:
        return Paginator(projects, PAGE_SIZE).get_page(page_number)
    if not options["colour"] and not options["by_health"]:
        page = Paginator(projects, PAGE_SIZE).get_page(page_number)
        page.object_list = health.with_health(page.object_list)
        return page
    judged = health.with_health(projects)
    if options["colour"]:
        judged = [p for p in judged if p.health and p.health.colour == options["colour"]]
    if options["by_health"]:
        # Red first, then amber, green, and last the projects that are not judged.
        judged.sort(key=lambda p: (-(p.health.rank if p.health else -1), p.title.lower()))
    return Paginator(judged, PAGE_SIZE).get_page(page_number)
