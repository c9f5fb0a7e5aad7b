import pytest
from django.core.management import call_command

from cocreation.demo import seed_agreements
from cocreation.models import AgreementVersion, Consent

pytestmark = pytest.mark.django_db


def test_seed_agreements_is_idempotent_and_leaves_one_proposal_waiting():
    call_command("seed_demo")
    seed_agreements()
    seed_agreements()
    agreed = AgreementVersion.objects.filter(status="agreed")
    assert agreed.count() == 2
    for version in agreed:
        assert Consent.objects.filter(version=version).count() == version.parties.count()
    waiting = AgreementVersion.objects.get(status="proposed")
    assert waiting.consents.count() == waiting.parties.count() - 1
