"""Creating and changing projects and their trajectory of phases, each change audited."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.concurrency import check_unchanged
from core.dates import spread

from .. import audit
from ..models import Membership, Phase, Project, ServiceVariant, VariantPhase
from ..models.projects import DEFAULT_PHASES
from ..signals import project_created

# Slugs that a route under projecten/ uses: a project called "Nieuw" must not hide the form.
RESERVED_SLUGS = {"nieuw"}
SLUG_ATTEMPTS = 5

AUDITED_PROJECT_FIELDS = [
    "title",
    "neighbourhood",
    "client",
    "variant",
    "themes",
    "question",
    "start_date",
    "expected_end_date",
    "status",
]
AUDITED_PHASE_FIELDS = ["name", "description", "order", "start_date", "end_date", "is_current"]


def unique_slug(title: str) -> str:
    """A slug from `title` that no project uses yet."""
    base = slugify(title)[:200] or "project"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Project.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _create_under_free_slug(**fields) -> Project:
    """Create a project under the first slug from its title that is free. Two projects with one
    title created at once both find the same slug free; the unique index makes the second wait
    for the first and refuse, and the second then takes the next one."""
    attempts = 1
    while True:
        slug = unique_slug(fields["title"])
        try:
            with transaction.atomic():
                return Project.objects.create(slug=slug, **fields)
        except IntegrityError:
            if attempts == SLUG_ATTEMPTS or not Project.objects.filter(slug=slug).exists():
                raise
            attempts += 1


def template_phases(variant: ServiceVariant | None) -> list[tuple[str, str, int | None]]:
    """The phases a new project of `variant` starts with, as (name, description, indicative
    weeks): the variant's template as it is now, or the default trajectory (no weeks) when the
    variant has none."""
    if variant is not None:
        rows = VariantPhase.objects.filter(variant=variant).order_by("order", "id")
        phases = [(p.name, p.description, p.indicative_weeks) for p in rows]
        if phases:
            return phases
    return [(str(name), str(text), None) for name, text in DEFAULT_PHASES]


def planned_term(
    start: datetime.date | None,
    end: datetime.date | None,
    variant: ServiceVariant | None,
    *,
    weeks: int | None = None,
) -> tuple[datetime.date, datetime.date] | None:
    """The term a new trajectory is planned over: from the start date to the expected end the
    designer gave, or else to the end of `weeks` (the template phases' indicative weeks added
    up) or the service variant's typical weeks; None without a start date (nothing to count
    from) or without either end."""
    if start is None:
        return None
    if end is None and variant is not None:
        weeks = weeks or variant.typical_weeks
        end = start + datetime.timedelta(weeks=max(weeks, 1), days=-1)
    return (start, end) if end is not None else None


def _phase_weights(phases: list[tuple[str, str, int | None]]) -> list[int] | None:
    """The indicative weeks of template phases, None when they have none (spread evenly)."""
    weights = [weeks for _name, _text, weeks in phases]
    return None if None in weights else weights


@transaction.atomic
def project_create(*, actor, themes=(), **fields) -> Project:
    """Create a project with its creator as designer member and the trajectory of its service
    variant's template (else the default one), first phase current, each phase planned for its
    indicative weeks from the start date, or in proportion to them up to the expected end the
    designer gave (see `planned_term`); a term that comes from the variant becomes the
    project's expected end."""
    phases = template_phases(fields.get("variant"))
    weights = _phase_weights(phases)
    term = planned_term(
        fields.get("start_date"),
        fields.get("expected_end_date"),
        fields.get("variant"),
        weeks=sum(weights) if weights else None,
    )
    if term is not None:
        fields["expected_end_date"] = term[1]
    if "slug" in fields:
        project = Project.objects.create(created_by=actor, **fields)
    else:
        project = _create_under_free_slug(created_by=actor, **fields)
    project.themes.set(themes)
    undated = [(None, None)] * len(phases)
    spans = spread(*term, len(phases), weights=weights) if term else undated
    Phase.objects.bulk_create(
        Phase(
            project=project,
            name=name,
            description=text,
            order=i,
            is_current=i == 0,
            start_date=start,
            end_date=end,
        )
        for i, ((name, text, _weeks), (start, end)) in enumerate(zip(phases, spans, strict=True))
    )
    if actor.is_designer_or_admin:
        Membership.objects.create(user=actor, project=project, role=Membership.Role.DESIGNER)
    audit.record(
        actor=actor,
        project=project,
        action="created",
        obj=project,
        changes=audit.changes_between({}, audit.snapshot(project, AUDITED_PROJECT_FIELDS)),
    )
    project_created.send(sender=Project, project=project, actor=actor)
    return project


@transaction.atomic
def project_update(
    *,
    actor,
    project: Project,
    themes: Iterable | None = None,
    unchanged_since: datetime.datetime | None = None,
    **fields,
) -> Project:
    """Change a project's details and record what changed; a trajectory without any dates is
    planned as in `project_create` once the project has a start. The slug stays, so links keep
    working after a new title. With `unchanged_since`, refuse (EditConflict) when someone saved
    it after that moment."""
    fields.pop("slug", None)
    # Compare with the row as stored: a ModelForm has already written its data onto `project`.
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_unchanged(project, unchanged_since, last_editor=audit.last_editor)
    before = audit.snapshot(project, AUDITED_PROJECT_FIELDS)
    for name, value in fields.items():
        setattr(project, name, value)
    # A project created without a start date has undated phases: plan them once it has one.
    undated = _locked_phases(project)
    term, weights = None, None
    if not any(p.start_date or p.end_date for p in undated):
        weights = _undated_weights(project.variant, undated)
        term = planned_term(
            project.start_date,
            project.expected_end_date,
            project.variant,
            weeks=sum(weights) if weights else None,
        )
    if term is not None:
        project.expected_end_date = term[1]
    project.full_clean(exclude=["slug"], validate_unique=False)
    project.save()
    if themes is not None:
        project.themes.set(themes)
    changes = audit.changes_between(before, audit.snapshot(project, AUDITED_PROJECT_FIELDS))
    if changes:
        audit.record(actor=actor, project=project, action="updated", obj=project, changes=changes)
    if term is not None and undated:
        spans = spread(*term, len(undated), weights=weights)
        for phase, (start, end) in zip(undated, spans, strict=True):
            before = audit.snapshot(phase, AUDITED_PHASE_FIELDS)
            phase.start_date, phase.end_date = start, end
            phase.save(update_fields=["start_date", "end_date"])
            _record_phase(actor=actor, phase=phase, action="updated", before=before)
    return project


def _undated_weights(variant: ServiceVariant | None, phases: list[Phase]) -> list[int] | None:
    """The indicative weeks of the variant's template for `phases`, when they are still the
    template's phases (same names, same order); else None (spread evenly)."""
    template = template_phases(variant)
    if [name for name, _text, _weeks in template] != [p.name for p in phases]:
        return None
    return _phase_weights(template)


def _locked_phases(project: Project) -> list[Phase]:
    """The project's phases in trajectory order, locked until the transaction ends."""
    return list(Phase.objects.select_for_update().filter(project=project).order_by("order", "id"))


def _record_phase(*, actor, phase: Phase, action: str, before: dict) -> None:
    """Audit `phase` if anything changed since `before` (a snapshot; empty when created)."""
    if action == "deleted":
        after = dict.fromkeys(before)
    else:
        after = audit.snapshot(phase, AUDITED_PHASE_FIELDS)
    changes = audit.changes_between(before, after)
    if changes:
        audit.record(actor=actor, project=phase.project, action=action, obj=phase, changes=changes)


@transaction.atomic
def phase_add(*, actor, project: Project, name: str, description: str = "") -> Phase:
    """Add a phase at the end of the trajectory; the first phase of a project becomes current."""
    phases = _locked_phases(project)
    last = Phase.objects.filter(project=project).aggregate(last=Max("order"))["last"]
    phase = Phase.objects.create(
        project=project,
        name=name,
        description=description,
        order=0 if last is None else last + 1,
        is_current=not phases,
    )
    _record_phase(actor=actor, phase=phase, action="created", before={})
    return phase


@transaction.atomic
def phase_update(*, actor, phase: Phase, **fields) -> Phase:
    """Rename a phase or change its description or dates."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    before = audit.snapshot(phase, AUDITED_PHASE_FIELDS)
    for name, value in fields.items():
        if name in {"name", "description", "start_date", "end_date"}:
            setattr(phase, name, value)
    phase.full_clean(exclude=["project"], validate_unique=False)
    phase.save()
    _record_phase(actor=actor, phase=phase, action="updated", before=before)
    return phase


@transaction.atomic
def phase_move(*, actor, phase: Phase, step: int) -> Phase:
    """Move a phase one place earlier (step -1) or later (step +1) in the trajectory."""
    phases = _locked_phases(phase.project)
    before = {p.pk: audit.snapshot(p, AUDITED_PHASE_FIELDS) for p in phases}
    index = next(i for i, p in enumerate(phases) if p.pk == phase.pk)
    target = index + step
    if step not in (-1, 1) or not 0 <= target < len(phases):
        return phases[index]
    phases[index], phases[target] = phases[target], phases[index]
    # Number afresh: orders may have gaps or ties after deletions or edits in the admin.
    for order, p in enumerate(phases):
        if p.order != order:
            p.order = order
            # One save each (a project has a handful of phases): listeners of saved rows, such
            # as the dashboard's freshness, see the change; a bulk update would tell nobody.
            p.save(update_fields=["order"])
    for p in phases:
        _record_phase(actor=actor, phase=p, action="updated", before=before[p.pk])
    return phases[target]


@transaction.atomic
def phase_set_current(*, actor, phase: Phase) -> Phase:
    """Make `phase` the current phase of its project; the previous one stops being current."""
    phases = _locked_phases(phase.project)
    previous = [p for p in phases if p.is_current and p.pk != phase.pk]
    phase = next(p for p in phases if p.pk == phase.pk)
    if phase.is_current:
        return phase
    # The partial unique constraint holds after every statement: unset before setting.
    for p in previous:
        before = audit.snapshot(p, AUDITED_PHASE_FIELDS)
        p.is_current = False
        p.save(update_fields=["is_current"])
        _record_phase(actor=actor, phase=p, action="updated", before=before)
    before = audit.snapshot(phase, AUDITED_PHASE_FIELDS)
    phase.is_current = True
    phase.save(update_fields=["is_current"])
    _record_phase(actor=actor, phase=phase, action="updated", before=before)
    return phase


@transaction.atomic
def phase_delete(*, actor, phase: Phase) -> None:
    """Delete a phase that has no activities and is not the current one."""
    # The row lock also waits for an activity being logged in this phase right now.
    phase = Phase.objects.select_for_update().select_related("project").get(pk=phase.pk)
    if phase.activities.exists():
        raise ValidationError(
            _("Deze fase heeft activiteiten en kan daarom niet weg. U kunt haar wel hernoemen."),
            code="has_activities",
        )
    if phase.is_current:
        raise ValidationError(
            _("Dit is de huidige fase. Maak eerst een andere fase de huidige."),
            code="is_current",
        )
    before = audit.snapshot(phase, AUDITED_PHASE_FIELDS)
    _record_phase(actor=actor, phase=phase, action="deleted", before=before)
    phase.delete()
