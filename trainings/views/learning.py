"""The learning harvest: the team records a participant's practice assignment and reflection,
reads the evaluations and sends them; a participant answers an evaluation by the signed link
in the e-mail, without logging in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.emails import absolute_uri_for
from core.forms import add_errors
from core.links import LinkRefused, refused_response

from ..evaluations import results
from ..forms.learning import AssignmentForm, EvaluationForm, EvaluationSendForm, ReflectionForm
from ..models import Participant, PracticeAssignment
from ..services import assignments, evaluations
from .access import training_for_user

MANAGE = "trainings.manage_training"


@require_http_methods(["GET", "POST"])
@login_required
def assignment(request, slug, pk):
    """The team records a participant's practice assignment, and later their reflection."""
    project = training_for_user(request.user, slug, MANAGE)
    participant = get_object_or_404(Participant, project=project, pk=pk)
    instance = PracticeAssignment.objects.filter(participant=participant).first()
    form = AssignmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        assignments.assignment_save(participant=participant, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("De praktijkopdracht van %(name)s is opgeslagen.") % {"name": participant}
        )
        return redirect("trainings:evaluations", slug=project.slug)
    return render(
        request,
        "trainings/assignment.html",
        {"project": project, "participant": participant, "form": form, "assignment": instance},
    )


@require_POST
@login_required
def assignment_ask(request, slug, pk):
    """The team mails the participant a link to write the reflection themselves."""
    project = training_for_user(request.user, slug, MANAGE)
    assignment = get_object_or_404(
        PracticeAssignment.objects.select_related("participant"),
        participant__project=project,
        participant__pk=pk,
    )
    try:
        assignments.reflection_ask(
            assignment=assignment, by=request.user, absolute_uri=absolute_uri_for(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s krijgt een e-mail met een link om de reflectie zelf te schrijven.")
            % {"name": assignment.participant},
        )
    return redirect("trainings:assignment", slug=project.slug, pk=pk)


@require_http_methods(["GET", "POST"])
def reflect(request, token):
    """The participant writes the reflection on their practice assignment by the e-mail's
    link, no login, once; a used, tampered or expired link changes nothing."""
    try:
        assignment = assignments.assignment_for_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    form = ReflectionForm(request.POST or None, instance=PracticeAssignment())
    if request.method == "POST" and form.is_valid():
        try:
            assignments.reflect(token=token, **form.cleaned_data)
        except LinkRefused as refusal:
            return refused_response(request, refusal)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "trainings/reflect_thanks.html")
    return render(request, "trainings/reflect.html", {"assignment": assignment, "form": form})


@require_safe
@login_required
def evaluations_page(request, slug):
    """The team reads per session and at the end what the participants answered, and who."""
    project = training_for_user(request.user, slug, MANAGE)
    variant = project.variant if project.variant_id else None
    participants = []
    if variant and variant.has_practice_assignment:
        participants = Participant.objects.filter(project=project).select_related("assignment")
    return render(
        request,
        "trainings/evaluations.html",
        {
            "project": project,
            "results": results(project),
            "send_form": EvaluationSendForm(project=project),
            "participants": participants,
        },
    )


@require_POST
@login_required
def evaluations_send(request, slug):
    """The team sends the evaluation of a held session, or the final one, to the participants
    not yet asked."""
    project = training_for_user(request.user, slug, MANAGE)
    form = EvaluationSendForm(request.POST, project=project)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("what", [])))
        return redirect("trainings:evaluations", slug=project.slug)
    try:
        sent = evaluations.send_evaluations(
            project,
            session=form.chosen_session(),
            by=request.user,
            absolute_uri=absolute_uri_for(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("trainings:evaluations", slug=project.slug)
    if sent:
        message = ngettext(
            "De evaluatie is naar %(count)s deelnemer gestuurd.",
            "De evaluatie is naar %(count)s deelnemers gestuurd.",
            sent,
        ) % {"count": sent}
    else:
        message = _("Iedereen heeft deze evaluatie al gekregen; er is niets opnieuw verstuurd.")
    messages.success(request, message)
    return redirect("trainings:evaluations", slug=project.slug)


@require_http_methods(["GET", "POST"])
def evaluate(request, token):
    """The page the e-mail's link opens, no login: GET asks, POST answers once. A used,
    tampered or expired link changes nothing and says so."""
    try:
        evaluation = evaluations.evaluation_for_token(token)
    except LinkRefused as refusal:
        return refused_response(request, refusal)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluations.answer_evaluation(token=token, **form.cleaned_data)
        except LinkRefused as refusal:
            return refused_response(request, refusal)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "trainings/evaluate_thanks.html", {"evaluation": evaluation})
    return render(request, "trainings/evaluate.html", {"evaluation": evaluation, "form": form})
