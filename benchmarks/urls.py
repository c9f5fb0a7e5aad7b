"""URLconf for benchmarks/project_pages.py: the project's own URLs plus a baseline view that
does nothing but pass the login check, so page timings can be read as multiples of it."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("bench/ok/", login_required(lambda request: HttpResponse("ok")), name="bench_ok"),
    path("", include("buurtontdekkers.urls")),
]
