"""The project list, with the team's health colours (dashboard.listing)."""

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..listing import ProjectListForm, project_list_page


def _query_string(params: QueryDict) -> str:
    """The filters of this request without the page number, for the pagination links."""
    kept = params.copy()
    kept.pop("page", None)
    for key in [key for key, value in kept.items() if not value]:
        del kept[key]
    return kept.urlencode()


@require_safe
@login_required
def project_list(request):
    form = ProjectListForm(request.GET, user=request.user)
    page = project_list_page(request.user, form, request.GET.get("page"))
    query_string = _query_string(request.GET)
    context = {"page": page, "form": form, "query_string": query_string, "filtered": query_string}
    return render(request, "projects/project_list.html", context)
