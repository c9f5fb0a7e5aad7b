"""Recording the continuation decision at the end of a phase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.once import submit_once
from projects.models import Organisation
from projects.rules import get_project_for_user

from .. import services
from ..continuation import deciding_parties
from ..forms import ContinuationDecisionForm
from ..models import ContinuationDecision

RECORD = "cocreation.record_decision"
OWN = Organisation.Kind.OWN


@require_http_methods(["GET", "POST"])
@login_required
@submit_once
def decision_create(request, slug, phase):
    project = get_project_for_user(request.user, slug, RECORD)
    phase = get_object_or_404(project.phases.all(), pk=phase)
    if ContinuationDecision.objects.filter(phase=phase).exists():
        messages.info(request, _("Over het vervolg na deze fase is al besloten."))
        return redirect(project)
    # The firm's own party speaks through whoever records the decision, unless named.
    parties = [
        (organisation, role, speaker or (request.user.name if organisation.kind == OWN else ""))
        for organisation, role, speaker in deciding_parties(project)
    ]
    form = ContinuationDecisionForm(
        request.POST or None,
        parties=parties,
        initial={"decided_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.continuation_decision_record(
                actor=request.user,
                phase=phase,
                outcome=data["outcome"],
                reason=data["reason"],
                decided_on=data["decided_on"],
                parties=form.party_answers(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if decision.new_version is not None:
                messages.success(request, _("Besluit vastgelegd; nieuwe versie gemaakt."))
                return redirect(
                    "cocreation:version_edit", slug=slug, number=decision.new_version.number
                )
            messages.success(request, _("Besluit over het vervolg vastgelegd."))
            return redirect(project)
    context = {"project": project, "phase": phase, "form": form}
    return render(request, "cocreation/decision_form.html", context)
