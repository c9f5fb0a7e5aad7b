"""Concurrent generations on PostgreSQL get distinct, consecutive numbers."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from cocreation import services
from cocreation.models import OrderConfirmation
from projects.models import User
from tests.conftest import need_service
from tests.factories import ProjectFactory, agreed_version_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_twenty_concurrent_generations_get_twenty_consecutive_numbers():
    need_service("PostgreSQL", connection.vendor == "postgresql")
    admin = User.objects.create_user(email="admin@example.org", password="x", role="admin")
    versions = [agreed_version_for(ProjectFactory()) for _ in range(20)]
    start = threading.Barrier(len(versions))
    errors = []

    def generate(version):
        try:
            start.wait()
            services.order_confirmation_generate(
                actor=admin, version=version, fee=Decimal(1), hours=1, enqueue=False
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=generate, args=(v,)) for v in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    numbers = list(OrderConfirmation.objects.order_by("sequence").values_list("number", flat=True))
    year = OrderConfirmation.objects.first().year
    assert numbers == [f"OB-{year}-{n:04d}" for n in range(1, 21)]
