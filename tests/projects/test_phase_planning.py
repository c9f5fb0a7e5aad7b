"""A new project's phases get dates: spread over the term from its start to the expected end
the designer gave, or else over the service variant's indicative weeks (issue 14, §6)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import AuditEntry, Project, Service, ServiceVariant
from projects.services import projects as services
from tests.factories import OrganisationFactory, UserFactory
from tests.projects.test_project_views import project_form_data

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def designer():
    return UserFactory(role="designer")


@pytest.fixture
def variant():
    service, _ = Service.objects.get_or_create(name="Buurtexpeditie")
    return ServiceVariant.objects.create(
        service=service, name="Proef van twaalf weken", typical_weeks=12, fee=Decimal("9600")
    )


def dates(project) -> list[tuple]:
    return list(project.phases.order_by("order").values_list("start_date", "end_date"))


def test_a_new_project_spreads_its_phases_over_the_variants_weeks(designer, variant):
    project = services.project_create(
        actor=designer,
        title="Groen plein",
        client=OrganisationFactory(),
        variant=variant,
        start_date=D(2026, 1, 5),
    )
    assert dates(project) == [
        (D(2026, 1, 5), D(2026, 1, 25)),
        (D(2026, 1, 26), D(2026, 2, 15)),
        (D(2026, 2, 16), D(2026, 3, 8)),
        (D(2026, 3, 9), D(2026, 3, 29)),
    ]
    project.refresh_from_db()
    assert project.expected_end_date == D(2026, 3, 29)  # twelve weeks, the last day included


def test_a_new_project_with_an_expected_end_spreads_its_phases_up_to_that_end(designer, variant):
    project = services.project_create(
        actor=designer,
        title="Groen plein",
        client=OrganisationFactory(),
        variant=variant,
        start_date=D(2025, 12, 1),
        expected_end_date=D(2026, 11, 29),
    )
    spans = dates(project)
    assert spans[0][0] == D(2025, 12, 1) and spans[-1][1] == D(2026, 11, 29)
    assert [(end - start).days + 1 for start, end in spans] == [91, 91, 91, 91]  # 13 weeks


def test_a_new_project_without_a_start_date_has_undated_phases(designer, variant):
    project = services.project_create(
        actor=designer, title="Groen plein", client=OrganisationFactory(), variant=variant
    )
    assert dates(project) == [(None, None)] * 4
    assert project.expected_end_date is None


def test_a_start_date_given_later_dates_the_undated_phases_and_audits_them(designer, variant):
    project = services.project_create(
        actor=designer, title="Groen plein", client=OrganisationFactory(), variant=variant
    )
    services.project_update(actor=designer, project=project, start_date=D(2026, 1, 5))
    assert dates(project)[0] == (D(2026, 1, 5), D(2026, 1, 25))
    assert dates(project)[-1][1] == D(2026, 3, 29)
    assert AuditEntry.objects.filter(target_type="projects.phase", action="updated").count() == 4


def test_phases_that_have_dates_are_not_planned_again(designer, variant):
    project = services.project_create(
        actor=designer,
        title="Groen plein",
        client=OrganisationFactory(),
        variant=variant,
        start_date=D(2026, 1, 5),
    )
    before = dates(project)
    services.project_update(
        actor=designer, project=project, start_date=D(2026, 2, 2), expected_end_date=None
    )
    assert dates(project) == before


def test_the_create_form_reports_the_planned_term(client, designer, variant, time_machine):
    time_machine.move_to(datetime.datetime(2025, 11, 2, 12, tzinfo=datetime.UTC))
    client.force_login(designer)
    data = project_form_data(
        OrganisationFactory(),
        variant=variant.pk,
        start_date="2025-12-01",
        expected_end_date="",
    )
    response = client.post(reverse("projects:create"), data, follow=True)
    project = Project.objects.get(title=data["title"])
    assert project.phases.order_by("order").first().start_date == D(2025, 12, 1)
    assert "verdeeld over 1 dec 2025 – 22 feb 2026" in response.content.decode()
