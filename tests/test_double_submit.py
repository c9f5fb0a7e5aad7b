"""A double click makes one row (issue 15, item 3): every form that creates something, sent twice
at the same moment with the same form token, as two browsers tabs would race.

Each case opens the page that shows the form, takes what the browser would send (the form's
hidden fields, its one-time token among them, and the case's input), and posts it from two
threads, each with its own database connection and its own logged-in test client. PostgreSQL
only: the second request must wait on the first one's row.
"""

import datetime
import html
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cocreation.models import (
    AgreementVersion,
    CheckIn,
    Commitment,
    Concern,
    ConcernReply,
    Decline,
    OrderConfirmation,
    Party,
)
from core import documents
from dashboard.models import ProgressReport
from impact.models import ImpactEntry, Initiative, OwnershipStep, SignificantChange
from projects.models import ActivityPhoto, AuditEntry, Membership, Phase, Project, User
from projects.services.projects import project_create
from tests import factories
from tests.conftest import need_service
from tests.core.test_photos import upload

pytestmark = pytest.mark.django_db(transaction=True)

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_HIDDEN = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>")
_ATTR = re.compile(r'\b(name|value|action)="([^"]*)"')


def form_fields(page: str, action: str, *, containing: str = "", same_page: bool) -> dict:
    """The hidden fields of the one form on `page` that posts to `action` (a form without an
    action posts to its own page) and contains `containing`."""
    found = []
    for attrs, body in _FORM.findall(page):
        if 'method="get"' in attrs:  # a search beside the form, not a form that posts
            continue
        target = dict(_ATTR.findall(attrs)).get("action")
        if (target == action or (target is None and same_page)) and containing in body:
            found.append(body)
    assert len(found) == 1, f"{len(found)} forms post to {action} containing {containing!r}"
    fields = {}
    for tag in _HIDDEN.findall(found[0]):
        attrs = dict(_ATTR.findall(tag))
        fields[attrs["name"]] = html.unescape(attrs.get("value", ""))
    return fields


@dataclass
class Case:
    user: User
    page: str  # where the form is shown
    action: str  # where it posts
    data: Callable[[], dict]  # the user's input, made anew for each request (uploads are read)
    rows: Callable[[], int]
    containing: str = ""  # tells the form apart from others posting to the same address
    htmx: bool = False


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _ago(days: int) -> str:
    return _days_ago(days).isoformat()


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


# ---- the cases: one function per form, building what it needs ----------------------------


def concern(world) -> Case:
    url = _url("cocreation:concern_create", slug=world.project_a.slug)
    data = {"subject": "Planning", "body": "Wanneer start fase twee?"}
    return Case(world.client_a, url, url, lambda: data, Concern.objects.count)


def concern_reply(world) -> Case:
    raised = factories.ConcernFactory(project=world.project_a, raised_by=world.client_a)
    url = _url("cocreation:concern", slug=world.project_a.slug, pk=raised.pk)
    data = {"body": "Volgende week, op dinsdag."}
    return Case(world.designer, url, url, lambda: data, ConcernReply.objects.count)


def check_in(world) -> Case:
    factories.build_agreed_agreement(world)
    url = _url("cocreation:check_in_create", slug=world.project_a.slug)
    data = {"date": _ago(1), "attendees": "Anna, Piet, Dirk", "notes": "Goed gesprek"}
    return Case(world.designer, url, url, lambda: data, CheckIn.objects.count)


def impact_entry(world) -> Case:
    url = _url("impact:create", slug=world.project_a.slug)
    data = {
        "kind": "outcome",
        "title": "Buren groeten elkaar nu",
        "occurred_on": _ago(3),
        "visibility": "internal",
        "consent_method": "",
    }
    return Case(world.designer, url, url, lambda: data, ImpactEntry.objects.count)


def initiative(world) -> Case:
    url = _url("impact:initiative_create", slug=world.project_a.slug)
    data = {"title": "Buurtapp", "started_on": _ago(5), "level": "2", "visibility": "shared"}
    return Case(world.designer, url, url, lambda: data, Initiative.objects.count)


def ownership_step(world) -> Case:
    step = factories.OwnershipStepFactory(
        initiative__project=world.project_a, initiative__started_on=_days_ago(9)
    )
    url = _url("impact:ownership_add", slug=world.project_a.slug, pk=step.initiative.pk)
    data = {"level": "3", "date": _ago(2), "remark": "Eerste eigen vergadering"}
    return Case(world.designer, url, url, lambda: data, OwnershipStep.objects.count)


def most_significant_change(world) -> Case:
    entry = factories.ImpactEntryFactory(project=world.project_a, occurred_on=_days_ago(20))
    url = _url("impact:significant", slug=world.project_a.slug, pk=entry.pk)
    data = {"period_start": _ago(30), "period_end": _ago(1), "reason": "Voor het eerst zelf."}
    return Case(world.designer, url, url, lambda: data, SignificantChange.objects.count)


def phase(world) -> Case:
    project = project_create(actor=world.designer, title="Fasen", client=world.project_a.client)
    url = _url("projects:phases", slug=project.slug)
    data = {"action": "add", "new-name": "Evalueren", "new-description": ""}
    rows = project.phases.count
    return Case(world.designer, url, url, lambda: data, rows, containing='value="add"')


def _activity_data(current: Phase) -> dict:
    return {
        "kind": "street_conversation",
        "title": "Gesprek bij de speeltuin",
        "date": _ago(1),
        "residents_reached": "12",
        "new_contacts": "3",
        "phase": str(current.pk),
        "photos": upload(),
    }


def activity(world) -> Case:
    current = factories.PhaseFactory(project=world.project_a, is_current=True)
    url = _url("projects:activity_create", slug=world.project_a.slug)
    rows = ActivityPhoto.objects.count  # one activity with one photo, or two of each
    return Case(world.designer, url, url, lambda: _activity_data(current), rows)


def activity_photo_added_on_edit(world) -> Case:
    current = factories.PhaseFactory(project=world.project_a, is_current=True)
    logged = factories.ActivityFactory(project=world.project_a, phase=current, date=_days_ago(2))
    url = _url("projects:activity_edit", slug=world.project_a.slug, pk=logged.pk)
    return Case(world.designer, url, url, lambda: _activity_data(current), logged.photos.count)


def progress_report(world, *, htmx=False) -> Case:
    world.project_a.start_date = timezone.localdate() - datetime.timedelta(days=365)
    world.project_a.save()
    page = _url("dashboard:dashboard", slug=world.project_a.slug)
    action = _url("dashboard:report_request", slug=world.project_a.slug)
    data = {"report-period_start": _ago(60), "report-period_end": _ago(1)}
    return Case(world.client_a, page, action, lambda: data, ProgressReport.objects.count, htmx=htmx)


def project(world) -> Case:
    url = _url("projects:create")
    data = {
        "title": "Samen in de Bloemenbuurt",
        "client": world.project_a.client.pk,
        "question": "Hoe leren buren elkaar kennen?",
        "start_date": _ago(30),
        "expected_end_date": (timezone.localdate() + datetime.timedelta(days=200)).isoformat(),
        "status": Project.Status.ACTIVE,
    }
    rows = Project.objects.filter(title=data["title"]).count
    return Case(world.designer, url, url, lambda: data, rows)


def project_edit(world) -> Case:
    # An edit saved twice by one double click must not conflict with itself (core/concurrency).
    url = _url("projects:edit", slug=world.project_a.slug)
    data = {
        "title": "Vlinderbuurt samen, nieuwe naam",
        "client": world.project_a.client.pk,
        "start_date": _ago(30),
        "status": Project.Status.ACTIVE,
    }
    rows = AuditEntry.objects.filter(action="updated").count
    return Case(world.designer, url, url, lambda: data, rows)


def member_invite(world) -> Case:
    url = _url("projects:members", slug=world.project_a.slug)
    data = {
        "form": "invite",
        "invite-role": "client",
        "invite-organisation": world.project_a.client_id,
        "invite-email": "nieuw@gemeente.example",
        "invite-name": "Nina",
    }
    rows = Membership.objects.filter(user__email="nieuw@gemeente.example").count
    return Case(world.designer, url, url, lambda: data, rows, containing='value="invite"')


def agreement_draft(world) -> Case:
    page = _url("cocreation:agreement", slug=world.project_a.slug)
    action = _url("cocreation:version_new", slug=world.project_a.slug)
    return Case(world.designer, page, action, dict, AgreementVersion.objects.count)


def _draft_edit(world):
    draft = factories.build_agreement(world)
    number = draft.version.number
    page = _url("cocreation:version_edit", slug=world.project_a.slug, number=number)
    version = draft.version
    text = {name: getattr(version, name) or "" for name in version.CONTENT_FIELDS}
    return draft, page, text | {"check_in_every_weeks": str(version.check_in_every_weeks)}


def party(world) -> Case:
    # The editor is one form (cocreation/forms/editor.py): its text is posted with the party.
    draft, page, text = _draft_edit(world)
    organisation = factories.OrganisationFactory(name="Bibliotheek")
    factories.MembershipFactory(
        project=world.project_a, user__organisation=organisation, role=Membership.Role.PARTNER
    )
    data = text | {
        "action": "party",
        "party-organisation": organisation.pk,
        "party-role": "Partner",
    }
    return Case(world.designer, page, page, lambda: data, Party.objects.count)


def commitment(world) -> Case:
    draft, page, text = _draft_edit(world)
    data = text | {
        "action": "commitment",
        "commitment-party": draft.client.pk,
        "commitment-kind": "time",
        "commitment-description": "Extra",
    }
    return Case(world.designer, page, page, lambda: data, Commitment.objects.count)


def proposal(world) -> Case:
    # A double click on "Versie voorstellen" proposes once and mails every party once.
    draft, page, text = _draft_edit(world)
    data = text | {"action": "propose", "ambition": "Samen het plein"}
    proposed = AuditEntry.objects.filter(action="updated", changes__status=["draft", "proposed"])
    return Case(world.designer, page, page, lambda: data, proposed.count)


def decline(world) -> Case:
    proposed = factories.build_agreement(world, status="proposed")
    number = proposed.version.number
    page = _url("cocreation:version", slug=world.project_a.slug, number=number)
    action = _url("cocreation:version_decline", slug=world.project_a.slug, number=number)
    data = {"reason": "De uren kloppen niet."}
    return Case(world.client_a, page, action, lambda: data, Decline.objects.count)


def order_confirmation(world, *, htmx=False) -> Case:
    factories.build_agreed_agreement(world)
    page = _url("dashboard:project", slug=world.project_a.slug)
    action = _url("cocreation:confirmation_generate", slug=world.project_a.slug)
    data = {"confirmation-fee": "5000", "confirmation-hours": "40"}
    rows = OrderConfirmation.objects.count
    return Case(world.admin, page, action, lambda: data, rows, htmx=htmx)


CASES = {
    "concern": concern,
    "concern reply": concern_reply,
    "check-in": check_in,
    "impact entry": impact_entry,
    "initiative": initiative,
    "ownership step": ownership_step,
    "most significant change": most_significant_change,
    "phase": phase,
    "activity with a photo": activity,
    "photo added to an activity": activity_photo_added_on_edit,
    "progress report": progress_report,
    "progress report (htmx)": lambda world: progress_report(world, htmx=True),
    "project": project,
    "project edit": project_edit,
    "member invite": member_invite,
    "agreement draft": agreement_draft,
    "party": party,
    "commitment": commitment,
    "proposal": proposal,
    "decline": decline,
    "order confirmation": order_confirmation,
    "order confirmation (htmx)": lambda world: order_confirmation(world, htmx=True),
}


# ---- sending -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def quiet(settings, tmp_path, monkeypatch):
    need_service("PostgreSQL", connection.vendor == "postgresql")
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(documents, "enqueue", lambda *args, **kwargs: None)  # no worker here


def _logged_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def send_at_once(case: Case, fields: dict) -> list[HttpResponse]:
    """Post the form from two clients of `case.user` at the same moment, each in its thread."""
    clients = [_logged_in(case.user), _logged_in(case.user)]
    start = threading.Barrier(2)
    answers: list = [None, None]
    extra = {"HTTP_HX_REQUEST": "true"} if case.htmx else {}

    def send(i):
        try:
            data = fields | case.data()
            start.wait()
            answers[i] = clients[i].post(case.action, data, **extra)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def leads_to(response: HttpResponse) -> str | None:
    """Where an answer shows its result: a redirect's target, or the panel an htmx answer is."""
    return response.get("Location") or response.get("Content-Location")


def _open_form(case: Case) -> dict:
    page = _logged_in(case.user).get(case.page)
    assert page.status_code == 200
    fields = form_fields(
        page.content.decode(),
        case.action,
        containing=case.containing,
        same_page=case.page == case.action,
    )
    assert fields.get("once"), "the form carries no one-time token"
    return fields


@pytest.mark.parametrize("name", CASES)
def test_a_form_sent_twice_at_once_makes_one_row_and_both_see_it(world, name):
    case = CASES[name](world)
    before = case.rows()
    fields = _open_form(case)

    answers = send_at_once(case, fields)

    assert all(answer is not None for answer in answers), "a request did not finish"
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses in ([302, 302], [200, 302]), f"answered {statuses}"
    assert case.rows() == before + 1
    first, second = (leads_to(answer) for answer in answers)
    assert first and first == second


def test_the_second_of_a_double_click_is_sent_to_what_the_first_made(world):
    case = concern(world)
    fields = _open_form(case)
    client = _logged_in(case.user)

    first = client.post(case.action, fields | case.data())
    second = client.post(case.action, fields | case.data(), follow=True)

    made = Concern.objects.get()
    assert first.status_code == 302 and first["Location"] == made.get_absolute_url()
    assert second.redirect_chain == [(made.get_absolute_url(), 302)]
    assert second.status_code == 200
    assert "Dit formulier was al verstuurd" in second.content.decode()


def test_two_new_projects_with_one_name_at_once_get_two_slugs(world):
    case = project(world)
    answers = send_at_once(case, {})  # two forms: no token in common
    assert sorted(answer.status_code for answer in answers) == [302, 302]
    slugs = sorted(Project.objects.filter(title="Samen in de Bloemenbuurt").values_list("slug"))
    assert slugs == [("samen-in-de-bloemenbuurt",), ("samen-in-de-bloemenbuurt-2",)]
