"""Hostile input: script in every free-text form comes back as text, never as markup.

Each form is filled the way a browser would: its page is fetched, every field found in the
rendered <form> gets a plausible value and every text field the payload. After the POST the pages
that show the text must hold the escaped payload and never the raw one.
"""

import html
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.dates import next_working_day

from . import factories
from .access_urls import build_objects

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "</textarea><svg onload=alert(1)>",
]
SCRIPT_URL = re.compile(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


# ---- a browser's view of a form -----------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name, tag, type, value, options)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = SimpleNamespace(action=attrs.get("action") or "", fields=[])
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            field = SimpleNamespace(tag="input", options=[], **_attrs(attrs))
            self._form.fields.append(field)
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = SimpleNamespace(tag="textarea", options=[], **_attrs(attrs))
            self._form.fields.append(self._textarea)
        elif tag == "select" and attrs.get("name"):
            self._select = SimpleNamespace(tag="select", options=[], **_attrs(attrs))
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _attrs(attrs):
    return {
        "name": attrs["name"],
        "type": (attrs.get("type") or "text").lower(),
        "value": attrs.get("value") or "",
        "multiple": "multiple" in attrs,
        "checked": "checked" in attrs,
    }


def _carries(form, which):
    values = {f.name: f.value for f in form.fields if f.type == "hidden"}
    return all(values.get(name) == value for name, value in which.items())


def fill(client, page_url, action_url, payload, which=None, **overrides):
    """The data a browser sends from the form on `page_url` posting to `action_url` (the one
    whose hidden fields carry `which`, when several do): every text field holds `payload`,
    every other field a valid value, `overrides` win."""
    parser = _Forms()
    parser.feed(client.get(page_url).content.decode())
    matching = [
        f for f in parser.forms if (f.action or page_url) == action_url and _carries(f, which or {})
    ]
    assert matching, f"no POST form to {action_url} on {page_url}"
    data, count = {}, 0
    for field in matching[0].fields:
        if field.name in {"csrfmiddlewaretoken"} or field.type in {"file", "submit", "button"}:
            continue
        if field.tag == "select":
            options = [o for o in field.options if o]
            if options and not field.multiple:
                data[field.name] = options[0]
        elif field.type == "radio":
            data.setdefault(field.name, field.value)
        elif field.type == "checkbox":
            if field.checked:
                data.setdefault(field.name, []).append(field.value)
        elif field.type == "hidden":
            data[field.name] = field.value
        elif field.type == "date":
            data[field.name] = timezone.localdate().isoformat()
        elif field.type == "number":
            data[field.name] = "1"
        elif field.type == "email":
            count += 1
            data[field.name] = f"gast{count}-{len(payload)}@example.org"
        else:  # text and textarea: the payload
            data[field.name] = payload
    return data | overrides


def assert_shown_as_text(payload, *bodies):
    page = "\n".join(bodies)
    if payload != html.escape(payload):
        assert payload not in page, f"raw {payload!r} in the page"
    assert html.escape(payload) in page, f"{payload!r} not shown at all"
    assert not SCRIPT_URL.search(page), f"a javascript: URL from {payload!r}"


# ---- the forms ------------------------------------------------------------------------------


@pytest.fixture
def site(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = factories.build_world()
    world.a = build_objects(
        project=world.project_a,
        client=world.client_a,
        partner=world.partner,
        designer=world.designer,
        prefix="Aardbei",
        sequence=90,  # made by hand, outside the numbering a new confirmation takes
    )
    return world


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name, *args):
    return reverse(name, args=args)


def _submit(client, page, to, payload, **overrides):
    response = client.post(to, fill(client, page, to, payload, **overrides), follow=True)
    errors = response.context and response.context.get("form") and response.context["form"].errors
    assert response.redirect_chain, f"{to} refused {payload!r}: {errors}"
    return response.content.decode()


def _check(client, page, to, then=(), each=None, **overrides):
    """Submit each payload through the form and find it, escaped, on the page the form leads
    to and on the pages in `then`. `each(n)` gives overrides for the n-th submission."""
    for n, payload in enumerate(PAYLOADS):
        extra = each(n) if each else {}
        body = _submit(client, page, to, payload, **overrides | extra)
        shown = [body] + [client.get(url).content.decode() for url in then]
        assert_shown_as_text(payload, *shown)


def test_project_create_and_edit(site):
    designer = _as(site.designer)
    create = _url("projects:create")
    _check(designer, create, create, status="active")
    slug = site.project_a.slug
    _check(designer, _url("projects:edit", slug), _url("projects:edit", slug), status="active")


def test_phase_edit(site):
    designer = _as(site.designer)
    url = _url("projects:phases", site.project_a.slug)
    _check(designer, url, url, which={"action": "add"})
    _check(designer, url, url, which={"action": "rename"})


def test_member_invite_name(site):
    designer = _as(site.designer)
    url = _url("projects:members", site.project_a.slug)
    _check(designer, url, url, which={"form": "invite"})


def test_activity_quick_log_create_and_edit(site):
    designer = _as(site.designer)
    slug = site.project_a.slug
    detail = _url("dashboard:project", slug)
    create = _url("projects:activity_create", slug)
    _check(designer, create, create, then=[detail, _url("dashboard:dashboard", slug)])
    edit = _url("projects:activity_edit", slug, site.a.activity.pk)
    _check(designer, edit, edit, then=[_url("projects:activity_detail", slug, site.a.activity.pk)])


def test_impact_entry_create_edit_and_significance(site):
    designer = _as(site.designer)
    slug = site.project_a.slug
    timeline = _url("impact:timeline", slug)
    create = _url("impact:create", slug)
    _check(designer, create, create, then=[timeline])
    entry = site.a.entry.pk
    edit = _url("impact:edit", slug, entry)
    _check(designer, edit, edit, then=[_url("impact:detail", slug, entry)])
    significant = _url("impact:significant", slug, entry)
    _check(
        designer,
        significant,
        significant,
        then=[_url("impact:highlights", slug)],
        each=lambda n: {"period_start": f"{2020 + n}-01-01", "period_end": f"{2020 + n}-03-31"},
    )


def test_impact_timeline_htmx_partial(site):
    designer = _as(site.designer)
    slug = site.project_a.slug
    create = _url("impact:create", slug)
    for payload in PAYLOADS:
        _submit(designer, create, create, payload)
        partial = designer.get(_url("impact:timeline", slug), HTTP_HX_REQUEST="true")
        body = partial.content.decode()
        assert "<html" not in body  # the partial, not the page
        assert_shown_as_text(payload, body)
        searched = designer.get(
            _url("impact:timeline", slug), {"q": payload}, HTTP_HX_REQUEST="true"
        )
        assert payload not in searched.content.decode() or payload == html.escape(payload)


def test_initiative_and_ownership_step(site):
    designer = _as(site.designer)
    slug = site.project_a.slug
    create = _url("impact:initiative_create", slug)
    _check(designer, create, create, then=[_url("impact:initiatives", slug)])
    pk = site.a.initiative.pk
    detail = _url("impact:initiative_detail", slug, pk)
    step = _url("impact:ownership_add", slug, pk)
    _check(designer, step, step, then=[detail], level="3")


def test_agreement_draft_parties_and_commitments(site):
    # The editor is one form: its text, a new commitment and a new party are sent together.
    designer = _as(site.designer)
    slug, number = site.project_a.slug, site.a.draft.number
    edit = _url("cocreation:version_edit", slug, number)
    version = _url("cocreation:version", slug, number)
    # A check-in is planned on a working day (core.dates.on_working_day).
    weekday = next_working_day(timezone.localdate()).isoformat()
    no_party = {"party-organisation": "", "party-representative": "", "party-role": ""}
    _check(designer, edit, edit, then=[version], first_check_in=weekday, **no_party)
    _check(
        designer,
        edit,
        edit,
        then=[version],
        each=lambda n: {"party-organisation": _new_partner_organisation(site.project_a).pk},
        action="party",  # the button pressed
        first_check_in=weekday,
    )


def _new_partner_organisation(project):
    partner = factories.UserFactory(organisation=factories.OrganisationFactory(kind="residents"))
    factories.MembershipFactory(user=partner, project=project, role="partner")
    return partner.organisation


def test_check_in(site):
    designer = _as(site.designer)
    url = _url("cocreation:check_in_create", site.project_a.slug)
    _check(designer, url, url, then=[_url("cocreation:agreement", site.project_a.slug)])


def test_concern_and_reply(site):
    client_a = _as(site.client_a)
    slug = site.project_a.slug
    create = _url("cocreation:concern_create", slug)
    _check(client_a, create, create, then=[_url("cocreation:concerns", slug)])
    concern = _url("cocreation:concern", slug, site.a.concern.pk)
    _check(client_a, concern, concern)
    _check(_as(site.designer), concern, concern)


def test_decline_reason(site):
    from cocreation import services

    designer = _as(site.designer)
    slug = site.project_a.slug
    for payload in PAYLOADS:
        draft = site.a.agreed.agreement.versions.order_by("-number").first()
        if draft.status != "draft":
            draft = services.agreement_version_new_draft(
                actor=site.designer, agreement=draft.agreement
            )
        services.agreement_version_propose(actor=site.designer, version=draft)
        page = _url("cocreation:version", slug, draft.number)
        decline = _url("cocreation:version_decline", slug, draft.number)
        client_a = _as(site.client_a)
        body = _submit(client_a, page, decline, payload)
        assert_shown_as_text(payload, body, designer.get(page).content.decode())


def test_search_boxes_reflect_the_query_as_text(site):
    designer = _as(site.designer)
    for payload in PAYLOADS:
        body = designer.get(_url("dashboard:project_list"), {"q": payload}).content.decode()
        assert_shown_as_text(payload, body)
        for name in ("impact:create", "impact:activity_choices"):
            url = _url(name, site.project_a.slug)
            assert_shown_as_text(payload, designer.get(url, {"zoek": payload}).content.decode())


# ---- CSRF: every POST needs the token, htmx sends it as a header ------------------------------


def test_every_post_without_a_csrf_token_is_refused(site):
    from .access_urls import build_url, url_patterns

    refused, failures = 0, []
    for role in ("designer", "admin"):
        client = Client(enforce_csrf_checks=True)
        client.force_login(getattr(site, role))
        for route in url_patterns():
            url = build_url(route, site.a)
            status = client.post(url).status_code
            refused += status == 403
            if status != 403:
                failures.append(f"{role} POST {url}: {status}")
    assert not failures, "\n".join(failures)
    assert refused > 50


def test_htmx_post_with_the_token_in_its_header_is_accepted(site):
    admin = Client(enforce_csrf_checks=True)
    admin.force_login(site.admin)
    page = site.project_a.get_absolute_url()
    action = _url("cocreation:confirmation_generate", site.project_a.slug)
    data = fill(admin, page, action, "x", fee="4800", hours="60")
    token = admin.cookies["csrftoken"].value
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_X_CSRFTOKEN": token}
    assert admin.post(action, data, **headers).status_code == 200
    assert admin.post(action, data, HTTP_HX_REQUEST="true").status_code == 403


# ---- uploads: checked by content, size-limited, stored under a random name --------------------


def _jpeg_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


def _log_activity(client, site, upload):
    slug = site.project_a.slug
    create = _url("projects:activity_create", slug)
    data = fill(client, create, create, "Gesprek") | {"photos": upload}
    return client.post(create, data)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("pagina.png", b"<!doctype html><script>alert(1)</script>"),
        ("svg.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("leeg.jpg", b""),
    ],
)
def test_a_file_that_is_no_photo_is_refused_whatever_its_name(site, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.models import ActivityPhoto

    before = ActivityPhoto.objects.count()
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = _log_activity(_as(site.designer), site, upload)
    assert response.status_code == 200
    assert ActivityPhoto.objects.count() == before


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.jpg", "..\\..\\x.png", "foto\x00.php.jpg", "/tmp/abs.jpg"]
)
def test_a_tricky_file_name_is_replaced_by_a_random_one_inside_media_root(site, settings, name):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects.models import ActivityPhoto

    before = set(ActivityPhoto.objects.values_list("pk", flat=True))
    upload = SimpleUploadedFile(name, _jpeg_bytes(), content_type="image/jpeg")
    response = _log_activity(_as(site.designer), site, upload)
    assert response.status_code == 302
    photo = ActivityPhoto.objects.exclude(pk__in=before).get()
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    stored = Path(photo.image.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) and stored.is_file()


def test_an_impact_photo_that_is_a_pdf_is_refused(site):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from impact.models import ImpactPhoto

    designer = _as(site.designer)
    create = _url("impact:create", site.project_a.slug)
    before = ImpactPhoto.objects.count()
    pdf = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 nep", content_type="image/jpeg")
    response = designer.post(create, fill(designer, create, create, "Buren") | {"photos": pdf})
    assert response.status_code == 200
    assert ImpactPhoto.objects.count() == before


def test_an_oversize_impact_photo_is_refused(site, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from impact.models import ImpactPhoto

    settings.PHOTO_MAX_BYTES = 100
    designer = _as(site.designer)
    create = _url("impact:create", site.project_a.slug)
    before = ImpactPhoto.objects.count()
    big = SimpleUploadedFile("foto.jpg", _jpeg_bytes() + b"\0" * 200, content_type="image/jpeg")
    response = designer.post(create, fill(designer, create, create, "Buren") | {"photos": big})
    assert response.status_code == 200
    assert ImpactPhoto.objects.count() == before


# ---- PDFs: the order confirmation has its own tests (tests/cocreation/test_confirmation_pdf.py)


def test_script_and_links_in_a_progress_report_come_out_as_text(world, settings, tmp_path):
    import datetime
    import io
    import subprocess

    from pypdf import PdfReader

    from dashboard.models import ProgressReport
    from dashboard.reports import render_report_pdf

    settings.MEDIA_ROOT = tmp_path / "media"
    built = factories.build_dashboard(world)
    hostile = (
        '<script>alert(1)</script> <img src="file:///etc/passwd"> <a href="javascript:x">a</a>'
    )
    factories.ImpactEntryFactory(
        project=built.project,
        title=hostile,
        description=hostile,
        occurred_on=datetime.date(2026, 2, 10),
    )
    report = ProgressReport.objects.create(
        project=built.project,
        requested_by=world.designer,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    data = render_report_pdf(report)[0]
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "<script>alert(1)</script>" in " ".join(text.split())
    assert PdfReader(io.BytesIO(data)).attachments == {}
    assert b"root:x:0:0" not in data and b"/URI" not in data


def test_training_session_edit(site):
    designer = _as(site.designer)
    slug, pk = site.a.training.slug, site.a.session.pk
    edit = _url("trainings:session_edit", slug, pk)
    attendance = _url("trainings:attendance", slug, pk)
    _check(designer, edit, edit, then=[attendance], start_time="13:30", end_time="17:00")
