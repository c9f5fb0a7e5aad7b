"""Recording a check-in and reading it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.once import submit_once
from projects.rules import get_project_for_user

from .. import selectors, services
from ..forms import (
    CheckInForm,
)
from ..models import (
    CheckIn,
)


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def check_in_create(request, slug):
    project = get_project_for_user(request.user, slug, "cocreation.record_check_in")
    version = selectors.active_version(project)
    if version is None:
        raise Http404
    initial = {"date": timezone.localdate()}
    commitments = selectors.commitments_to_review(version)
    form = CheckInForm(request.POST or None, commitments=commitments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_in = services.check_in_record(
                actor=request.user,
                agreement=version.agreement,
                date=data["date"],
                attendees=data["attendees"],
                notes=data["notes"],
                adjustments=data["adjustments"],
                reviews=form.reviews(),
                start_new_version=data["start_new_version"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if check_in.new_version is not None:
                messages.success(request, _("Reflectiemoment vastgelegd; nieuwe versie gemaakt."))
                return redirect(
                    "cocreation:version_edit", slug=slug, number=check_in.new_version.number
                )
            messages.success(request, _("Reflectiemoment vastgelegd."))
            return redirect("cocreation:check_in", slug=slug, pk=check_in.pk)
    context = {"project": project, "version": version, "form": form}
    return render(request, "cocreation/check_in_form.html", context)


@require_safe
@login_required
def check_in_detail(request, slug, pk):
    project = get_project_for_user(request.user, slug)
    check_in = get_object_or_404(
        CheckIn.objects.select_related("version", "recorded_by").prefetch_related(
            "reviews__commitment__party__organisation"
        ),
        agreement__project=project,
        pk=pk,
    )
    return render(
        request, "cocreation/check_in_detail.html", {"project": project, "check_in": check_in}
    )
