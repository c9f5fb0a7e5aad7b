"""The phase-continuity guard (issue 13 §4): a phase ending within three weeks without a
continuation decision is due, past its end overdue; the designers hear of it once; a decision
is recorded per party, adjusting starts a new draft, and the audit trail keeps it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cocreation import selectors, services, tasks
from cocreation.continuation import phase_decisions_due
from cocreation.models import AgreementVersion, ContinuationDecision
from projects.models import AuditEntry, Membership, Project
from tests import factories

pytestmark = pytest.mark.django_db

DISCOVER_ENDS = datetime.date(2026, 3, 29)  # tests/factories.py TRAJECTORY: Ontdekken


def _freeze(time_machine, day: datetime.date) -> None:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(9)), tick=False)


@pytest.fixture
def project(world):
    factories.plan_trajectory(world.project_a)
    factories.MembershipFactory(
        user=world.designer, project=world.project_a, role=Membership.Role.DESIGNER
    )
    return world.project_a


def _decide(world, phase, outcome="continue"):
    return services.continuation_decision_record(
        actor=world.designer,
        phase=phase,
        outcome=outcome,
        reason="Er is energie om verder te gaan.",
        decided_on=phase.end_date - datetime.timedelta(days=5),
        parties=[{"organisation": phase.project.client, "agreed": True, "decided_by": "Anna"}],
    )


def _phase(project, name="Ontdekken"):
    return project.phases.get(name=name)


# ---- the guard ----


def test_guard_fires_three_weeks_before_a_phases_end(project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=21))
    assert phase_decisions_due(project, timezone.localdate()) == [(_phase(project), "due", 21)]


def test_guard_is_quiet_22_days_before_a_phases_end(project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=22))
    assert phase_decisions_due(project, timezone.localdate()) == []


def test_guard_turns_overdue_the_day_after_a_phases_end(project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS + datetime.timedelta(days=1))
    assert phase_decisions_due(project, timezone.localdate()) == [(_phase(project), "overdue", 1)]


def test_guard_forgets_a_phase_once_the_next_one_has_ended_too(project, time_machine):
    # A project that predates the guard wakes up to its latest ended phase only.
    design_ends = _phase(project, "Ontwerpen").end_date
    _freeze(time_machine, design_ends + datetime.timedelta(days=1))
    due = phase_decisions_due(project, timezone.localdate())
    assert [(phase.name, state) for phase, state, _days in due] == [("Ontwerpen", "overdue")]


def test_guard_on_the_last_day_is_still_due(project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS)
    assert phase_decisions_due(project, DISCOVER_ENDS) == [(_phase(project), "due", 0)]


def test_guard_is_quiet_for_a_phase_with_a_decision(world, project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=10))
    _decide(world, _phase(project))
    assert phase_decisions_due(project, timezone.localdate()) == []
    _freeze(time_machine, DISCOVER_ENDS + datetime.timedelta(days=30))
    assert phase_decisions_due(project, timezone.localdate()) == []


def test_guard_is_quiet_for_a_project_that_is_not_running(project, time_machine):
    _freeze(time_machine, DISCOVER_ENDS + datetime.timedelta(days=1))
    for status in (Project.Status.PROSPECT, Project.Status.PAUSED, Project.Status.COMPLETED):
        project.status = status
        assert phase_decisions_due(project, timezone.localdate()) == []


def test_guard_watches_no_phase_after_a_decision_to_stop(world, project, time_machine):
    _freeze(time_machine, datetime.date(2026, 12, 21))  # past Ontdekken, Ontwerpen and Doen
    _decide(world, _phase(project), outcome="stop")
    assert phase_decisions_due(project, timezone.localdate()) == []


def test_the_selectors_module_offers_the_guard(project):
    assert selectors.phase_decisions_due is phase_decisions_due


# ---- the designers' reminder ----


def test_reminder_goes_to_the_designers_once_per_phase(
    world, project, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=21))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_continuation_reminders_task.apply().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_continuation_reminders_task.apply().get() == 0
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [world.designer.email]
    assert "Ontdekken" in mail.subject and project.title in mail.subject
    assert f"/projecten/{project.slug}/fasen/{_phase(project).pk}/besluit/" in mail.body


def test_no_reminder_22_days_before_nor_for_a_decided_phase(
    world, project, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=22))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.continuation_send_reminders() == 0
    _decide(world, _phase(project))
    _freeze(time_machine, DISCOVER_ENDS + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.continuation_send_reminders() == 0
    assert mailoutbox == []


def test_a_phase_past_its_end_unreminded_is_reminded_as_overdue(
    world, project, time_machine, mailoutbox, django_capture_on_commit_callbacks
):
    _freeze(time_machine, DISCOVER_ENDS + datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.continuation_send_reminders() == 1
    assert "voorbij" in mailoutbox[0].subject


# ---- recording a decision ----


def test_recording_a_decision_keeps_every_partys_answer_and_the_audit_trail(
    world, project, time_machine
):
    _freeze(time_machine, DISCOVER_ENDS - datetime.timedelta(days=3))
    phase = _phase(project)
    decision = services.continuation_decision_record(
        actor=world.designer,
        phase=phase,
        outcome="continue",
        reason="Bewoners willen door.",
        decided_on=DISCOVER_ENDS - datetime.timedelta(days=3),
        parties=[
            {"organisation": project.client, "agreed": True, "decided_by": "Client Anna"},
            {"organisation": world.partner.organisation, "agreed": True, "decided_by": ""},
        ],
    )
    assert [(p.organisation, p.agreed, p.decided_by) for p in decision.parties.all()] == [
        (project.client, True, "Client Anna"),
        (world.partner.organisation, True, ""),
    ]
    entry = AuditEntry.objects.get(target_type="cocreation.continuationdecision")
    assert entry.actor == world.designer and entry.project == project
    assert entry.changes["outcome"] == [None, "continue"]
    assert entry.changes["reason"] == [None, "Bewoners willen door."]
    assert entry.changes["parties"][1][0] == f"{project.client.name}: ja (Client Anna)"


def test_continuing_needs_every_partys_agreement(world, project):
    parties = [
        {"organisation": project.client, "agreed": False, "decided_by": "Client Anna"},
    ]
    with pytest.raises(ValidationError):
        services.continuation_decision_record(
            actor=world.designer,
            phase=_phase(project),
            outcome="continue",
            reason="Toch door.",
            decided_on=DISCOVER_ENDS,
            parties=parties,
        )
    assert not ContinuationDecision.objects.exists()


def test_a_phase_is_decided_on_once(world, project):
    _decide(world, _phase(project))
    with pytest.raises(ValidationError):
        _decide(world, _phase(project))


def test_adjusting_starts_a_new_draft_prefilled_from_the_version_in_force(world):
    agreed = factories.build_agreed_agreement(world).version
    phase = world.project_a.phases.get(name="Ontdekken")
    decision = _decide(world, phase, outcome="adjust")
    draft = decision.new_version
    assert draft.status == AgreementVersion.Status.DRAFT
    assert draft.number == agreed.number + 1 and draft.based_on_id == agreed.pk
    assert draft.ambition == agreed.ambition
    assert [p.organisation_id for p in draft.parties.all()] == [
        p.organisation_id for p in agreed.parties.all()
    ]


def test_adjusting_while_a_version_is_open_stores_nothing(world):
    agreed = factories.build_agreed_agreement(world).version
    services.agreement_version_new_draft(actor=world.designer, agreement=agreed.agreement)
    with pytest.raises(ValidationError):
        _decide(world, world.project_a.phases.get(name="Ontdekken"), outcome="adjust")
    assert not ContinuationDecision.objects.exists()
