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
    assert confirmations.count() == agreed.count() == 3  # the training's too
    assert {c.status for c in confirmations} == {"ready"}
    assert all(c.pdf.read().startswith(b"%PDF") for c in confirmations)


def test_seeded_confirmations_cover_their_whole_trajectory(settings, tmp_path):
    from django.db.models import Max

    from tests.cocreation.test_confirmation_pdf import _text

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    for confirmation in OrderConfirmation.objects.select_related("project"):
        phases = confirmation.project.phases.aggregate(end=Max("end_date"))
        assert confirmation.term_end == phases["end"]
        text = _text(confirmation.pdf.read())
        assert f"tot en met {confirmation.term_end.day} " in text
        assert "weken, vanaf" not in text
        assert text.count("Handtekening") == 2  # the client and the firm
