import pytest
from django.core.management import call_command

from cocreation.demo import seed_confirmations
from cocreation.models import AgreementVersion, OrderConfirmation

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_a_ready_confirmation_per_agreed_project_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    seed_confirmations()
    agreed = AgreementVersion.objects.filter(status="agreed")
    confirmations = OrderConfirmation.objects.all()
    assert confirmations.count() == agreed.count() == 2
    assert {c.status for c in confirmations} == {"ready"}
    assert all(c.pdf.read().startswith(b"%PDF") for c in confirmations)
