"""Issue 5: an impact entry links the co-creation commitments that contributed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from impact import services
from impact.forms import EntryForm
from impact.models import ImpactEntry
from tests.factories import (
    AgreementVersionFactory,
    CommitmentFactory,
    PartyFactory,
    agreed_version_for,
)

pytestmark = pytest.mark.django_db


def _form(**extra):
    data = {
        "kind": "outcome",
        "title": "Buren groeten elkaar nu",
        "occurred_on": "2026-01-20",
        "visibility": "internal",
        "consent_method": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def agreed(world):
    return agreed_version_for(world.project_a)


def _commitments(version):
    return list(version.parties.get(order=0).commitments.all()) + list(
        version.parties.get(order=1).commitments.all()
    )


def test_form_offers_only_the_commitments_of_the_active_version_of_this_project(world, agreed):
    draft = AgreementVersionFactory(agreement=agreed.agreement, number=2)
    in_draft = CommitmentFactory(party=PartyFactory(version=draft))
    other = agreed_version_for(world.project_b)
    form = EntryForm(project=world.project_a)
    offered = set(form.fields["commitments"].queryset)
    assert offered == set(_commitments(agreed))
    assert in_draft not in offered
    assert not offered & set(_commitments(other))


def test_without_an_agreed_version_the_field_is_hidden(client, world):
    assert "commitments" not in EntryForm(project=world.project_a).fields
    client.force_login(world.designer)
    body = client.get(reverse("impact:create", args=[world.project_a.slug])).content.decode()
    assert "Welke inzet droeg bij?" not in body


def test_linked_commitment_shows_on_the_detail_page_and_the_timeline(client, world, agreed):
    commitment = _commitments(agreed)[0]
    client.force_login(world.designer)
    response = client.post(
        reverse("impact:create", args=[world.project_a.slug]),
        _form(commitments=[commitment.pk]),
    )
    assert response.status_code == 302
    entry = ImpactEntry.objects.get()
    assert list(entry.commitments.all()) == [commitment]
    detail = client.get(reverse("impact:detail", args=[world.project_a.slug, entry.pk]))
    body = detail.content.decode()
    assert "Inzet die bijdroeg:" in body
    assert f"{commitment.party.organisation}: {commitment.description}" in body
    timeline = client.get(reverse("impact:timeline", args=[world.project_a.slug]))
    assert commitment.description in timeline.content.decode()
    edit = client.get(reverse("impact:edit", args=[world.project_a.slug, entry.pk]))
    assert edit.context["form"]["commitments"].initial == [commitment.pk]


def test_tampered_commitment_of_another_project_is_a_form_error(client, world, agreed):
    foreign = _commitments(agreed_version_for(world.project_b))[0]
    client.force_login(world.designer)
    response = client.post(
        reverse("impact:create", args=[world.project_a.slug]), _form(commitments=[foreign.pk])
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("commitments")
    assert not ImpactEntry.objects.exists()


def test_service_refuses_a_commitment_of_another_project(world, agreed):
    foreign = _commitments(agreed_version_for(world.project_b))[0]
    with pytest.raises(ValidationError) as error:
        services.entry_create(
            actor=world.designer,
            project=world.project_a,
            title="Buren groeten elkaar nu",
            commitments=[foreign],
        )
    assert "Kies alleen inzet uit de afspraak van dit project." in str(error.value)
    assert not ImpactEntry.objects.exists()
    entry = services.entry_create(
        actor=world.designer, project=world.project_a, title="Buren groeten elkaar nu"
    )
    with pytest.raises(ValidationError):
        services.entry_update(actor=world.designer, entry=entry, commitments=[foreign])
    assert not entry.commitments.exists()
