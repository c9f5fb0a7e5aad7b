"""Every main page, for each demo role, at desktop and phone width: no console error, no page
error, no Content-Security-Policy violation, and no serious or critical axe-core violation.

axe-core comes from the npm registry (package.json) and is read from node_modules; it is not
copied to static/. It is evaluated through DevTools (`page.evaluate`), which the page's CSP does
not govern, so the pages themselves keep the strict policy they ship with.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from cocreation.models import AgreementVersion
from projects.models import Activity, Project

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
BLOCKING = {"serious", "critical"}

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"
ROLES = {
    "designer@example.org": (VLINDERBUURT, "staff"),
    "admin@example.org": (VLINDERBUURT, "staff"),
    "client@example.org": (VLINDERBUURT, "external"),
    "client2@example.org": (PARKKWARTIER, "external"),
    "partner@example.org": (VLINDERBUURT, "external"),
}

RUN_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
    }));
}"""


def _main_pages(slug: str, kind: str) -> dict[str, str]:
    """The pages this role reaches from the menu and the project page, by name."""
    project = Project.objects.get(slug=slug)
    activity = Activity.objects.filter(project=project).order_by("-date", "-pk").first()
    versions = AgreementVersion.objects.filter(agreement__project=project)
    version = versions.exclude(status="draft").order_by("-number").first()
    base = f"/projecten/{slug}/"
    pages = {
        "home": "/",
        "project list": "/projecten/",
        "project": base,
        "dashboard": base + "dashboard/",
        "activity": f"{base}activiteiten/{activity.pk}/",
        "impact timeline": base + "impact/",
        "initiatives": base + "impact/initiatieven/",
        "agreement": base + "samenwerking/",
        "version": f"{base}samenwerking/versies/{version.number}/",
        "concerns": base + "vragen/",
        "pulse": base + "puls/",
    }
    if kind == "staff":
        pages["activity form"] = base + "activiteiten/nieuw/"
        pages["impact entry form"] = base + "impact/nieuw/"
    else:
        pages["concern form"] = base + "vragen/nieuw/"
    return pages


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("email", list(ROLES))
def test_main_pages_have_no_errors_csp_violations_or_serious_axe_violations(
    browser, live_server, password, demo, email
):
    slug, kind = ROLES[email]
    pages = _main_pages(slug, kind)
    axe_source = AXE.read_text()

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, email, password)
    page.wait_for_url(f"{live_server.url}/")

    findings = []
    try:
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            for name, path in pages.items():
                errors.clear()
                response = page.goto(live_server.url + path, wait_until="load")
                where = f"{email} {width} {name} ({path})"
                if response is None or response.status != 200:
                    findings.append(f"{where}: HTTP {response and response.status}")
                findings += [f"{where}: console: {error}" for error in errors]
                page.evaluate(axe_source)
                for violation in page.evaluate(RUN_AXE):
                    if violation["impact"] in BLOCKING:
                        findings.append(
                            f"{where}: axe {violation['impact']} {violation['id']} "
                            f"at {violation['nodes']}"
                        )
                findings += [f"{where}: during axe: {error}" for error in errors]
    finally:
        context.close()

    assert not findings, "\n".join(findings)
