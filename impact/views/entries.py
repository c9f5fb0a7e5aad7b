"""The impact timeline and an entry: recording, reading, editing, marking it most significant,
withdrawing a resident's consent, and its photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from core.forms import add_errors
from core.once import submit_once
from core.photos import photo_response
from projects.rules import get_project_for_user

from .. import services
from ..forms import (
    ActivityPickForm,
    ConsentWithdrawForm,
    EntryForm,
    SignificantForm,
    TimelineFilterForm,
)
from ..models import ImpactPhoto
from ..selectors import (
    entries_visible_to,
    sees_internal,
    with_timeline_data,
)
from ..substantiation import requests_of
from ._common import LOG, PER_PAGE, entry_for

SEARCH = "zoek"  # the search for an activity to link, in the query string


@require_safe
@login_required
def timeline(request, slug):
    project = get_project_for_user(request.user, slug)
    internal = sees_internal(request.user, project)
    filters = TimelineFilterForm(request.GET or None, sees_internal=internal)
    entries = with_timeline_data(filters.filter(entries_visible_to(request.user, project)))
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "page": page,
        "filters": filters,
        "sees_internal": internal,
        "query_string": query.urlencode(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "impact/_timeline_results.html" if partial else "impact/timeline.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def entry_create(request, slug):
    project = get_project_for_user(request.user, slug, LOG)
    activity = None
    if request.GET.get("activity", "").isdigit():
        activity = project.activities.filter(pk=request.GET["activity"]).first()
    posted = request.method == "POST"
    form = EntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        project=project,
        activity=activity,
        activity_query=request.GET.get(SEARCH, ""),
    )
    if posted and form.is_valid():
        try:
            services.entry_create(actor=request.user, project=project, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Impact vastgelegd."))
            return redirect("impact:timeline", slug=project.slug)
    return render(
        request,
        "impact/entry_form.html",
        {"form": form, "project": project, "from_activity": activity},
    )


@require_safe
@login_required
def activity_choices(request, slug):
    """The entry form's activity chips, redrawn for a search (htmx): the recent ones, those
    ticked and those found."""
    project = get_project_for_user(request.user, slug, LOG)
    form = ActivityPickForm(
        project=project,
        chosen=request.GET.getlist("activities"),
        query=request.GET.get(SEARCH, ""),
    )
    return render(request, "impact/_activity_choices.html", {"form": form, "project": project})


@require_safe
@login_required
def entry_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    entry = entry_for(request.user, project, pk)
    internal = sees_internal(request.user, project)
    context = {"project": project, "entry": entry, "sees_internal": internal}
    if internal:  # who was asked, and their own words, stay within the team
        context["requests"] = requests_of(entry)
    return render(request, "impact/entry_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def entry_edit(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    posted = request.method == "POST"
    form = EntryForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=entry,
        project=project,
        activity_query=request.GET.get(SEARCH, ""),
    )
    status = 200
    if posted and form.is_valid():
        status = form.save_through(services.entry_update, actor=request.user, entry=entry)
        if status is None:
            messages.success(request, _("Impact bijgewerkt."))
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request,
        "impact/entry_form.html",
        {"form": form, "project": project, "entry": entry},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def entry_significant(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    form = SignificantForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.significance_mark(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Gekozen als meest significante verandering."))
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request, "impact/entry_significant.html", {"form": form, "project": project, "entry": entry}
    )


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def consent_withdraw(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    entry = get_object_or_404(project.impact_entries, pk=pk)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, entry=entry, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Toestemming ingetrokken. De opdrachtgever ziet dit item niet meer."),
            )
            return redirect("impact:detail", slug=project.slug, pk=entry.pk)
    return render(
        request,
        "impact/consent_withdraw.html",
        {"form": form, "project": project, "entry": entry},
    )


@require_safe
@login_required
@cache_control(private=True, no_cache=True)
def entry_photo(request, slug, pk, photo_pk):
    # Revalidated on every view: a withdrawn consent must take the photo away at once.
    project = get_project_for_user(request.user, slug)
    photos = ImpactPhoto.objects.filter(entry__in=entries_visible_to(request.user, project))
    photo = get_object_or_404(photos, entry_id=pk, pk=photo_pk)
    return photo_response(photo)
