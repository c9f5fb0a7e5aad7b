from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from core.once import submit_once
from core.photos import photo_response

from ..forms.activities import ActivityForm
from ..models import Activity, ActivityPhoto, AuditEntry, Membership, Project
from ..rules import get_project_for_user
from ..selectors import log_projects
from ..services import activities as services

LOG = "projects.log_activity"


@require_safe
@login_required
def activity_quick(request):
    if not request.user.has_perm(LOG):
        raise Http404
    mine = Membership.objects.filter(project=OuterRef("pk"), user=request.user)
    projects = (
        Project.objects.visible_to(request.user)
        .exclude(status=Project.Status.COMPLETED)
        .select_related("client", "neighbourhood")
        .annotate(mine=Exists(mine))
        .order_by("-mine", "title")
    )
    return render(request, "projects/activity_choose_project.html", {"projects": projects})


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def activity_create(request, slug):
    project = get_project_for_user(request.user, slug, LOG, queryset=log_projects())
    posted = request.method == "POST"
    form = ActivityForm(
        request.POST if posted else None, request.FILES if posted else None, project=project
    )
    if posted and form.is_valid():
        try:
            activity = services.activity_create(
                actor=request.user, project=project, **form.service_kwargs()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _logged_message(request, activity))
            if "another" in request.POST:
                return redirect("projects:activity_create", slug=project.slug)
            return redirect(project)
    return render(request, "projects/activity_form.html", {"form": form, "project": project})


def _logged_message(request, activity: Activity) -> str:
    """The success message, with a link to record the activity's impact for whoever may: right
    where the designer is, the activity already linked. Safe HTML (escaped in the template).
    Rendered without the request's context processors: it shows nothing else."""
    context = {"project": activity.project, "activity": activity, "user": request.user}
    return render_to_string("projects/_activity_logged.html", context)


@require_safe
@login_required
def activity_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    activities = project.activities.select_related("phase", "logged_by").prefetch_related(
        "themes", "photos"
    )
    activity = get_object_or_404(activities, pk=pk)
    history = []
    if request.user.has_perm("projects.view_internal", project):
        history = AuditEntry.objects.filter(
            project=project, target_type=Activity._meta.label_lower, target_id=activity.pk
        ).select_related("actor")
        for entry in history:
            entry.changed_labels = [_field_label(name) for name in entry.changes]
    return render(
        request,
        "projects/activity_detail.html",
        {"project": project, "activity": activity, "history": history},
    )


def _field_label(name: str) -> str:
    field = Activity._meta.get_field(name)
    if field.is_relation and field.auto_created:  # the photos, a reverse relation
        return field.related_model._meta.verbose_name_plural
    return field.verbose_name


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def activity_edit(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG, queryset=log_projects())
    activity = get_object_or_404(project.activities, pk=pk)
    posted = request.method == "POST"
    form = ActivityForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        instance=activity,
        project=project,
    )
    status = 200
    if posted and form.is_valid():
        status = form.save_through(services.activity_update, actor=request.user, activity=activity)
        if status is None:
            messages.success(request, _("Activiteit bijgewerkt."))
            return redirect("projects:activity_detail", slug=project.slug, pk=activity.pk)
    return render(
        request,
        "projects/activity_form.html",
        {"form": form, "project": project, "activity": activity},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def activity_delete(request, slug, pk):
    project = get_project_for_user(request.user, slug, LOG)
    activity = get_object_or_404(project.activities, pk=pk)
    if request.method == "POST":
        services.activity_delete(actor=request.user, activity=activity)
        messages.success(request, _("Activiteit verwijderd."))
        return redirect(project)
    return render(
        request,
        "projects/activity_confirm_delete.html",
        {"project": project, "activity": activity},
    )


@require_safe
@login_required
@cache_control(private=True, max_age=3600)
def activity_photo(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    photo = get_object_or_404(ActivityPhoto.objects.filter(activity__project=project), pk=pk)
    return photo_response(photo)
