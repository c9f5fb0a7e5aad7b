"""Independent substantiation of an entry (Outcome Harvesting's substantiation step).

A designer asks someone outside the team (a resident, a partner, a client contact) by e-mail to
confirm an entry. The `SubstantiationRequest` is the row the signed link names: it records who
was asked and, once, their answer per point ("klopt / klopt deels / klopt niet", with a remark)
and who answered. The entry's own `substantiated_by`/`substantiated` stay as the team's note.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .entries import ImpactEntry

# How long a request's link opens the answer page.
LINK_VALID = datetime.timedelta(days=30)
LINK_PURPOSE = "substantiation"


class Verdict(models.TextChoices):
    AGREES = "agrees", _("klopt")
    PARTLY = "partly", _("klopt deels")
    DISAGREES = "disagrees", _("klopt niet")


class SubstantiatorRole(models.TextChoices):
    RESIDENT = "resident", _("bewoner")
    PARTNER = "partner", _("partner")
    CLIENT = "client", _("opdrachtgever")
    OTHER = "other", _("anders")


# The role as the end of "bevestigd door …".
ROLE_PHRASES = {
    SubstantiatorRole.RESIDENT: _("een bewoner"),
    SubstantiatorRole.PARTNER: _("een partner"),
    SubstantiatorRole.CLIENT: _("de opdrachtgever"),
    SubstantiatorRole.OTHER: _("iemand van buiten het team"),
}
VERDICT_PHRASES = {
    Verdict.AGREES: _("bevestigd door %(who)s"),
    Verdict.PARTLY: _("deels bevestigd door %(who)s"),
    Verdict.DISAGREES: _("niet herkend door %(who)s"),
}
# The points the substantiator answers: (field prefix, the question).
POINTS = (
    ("description", _("Wat er veranderde")),
    ("significance", _("Waarom het ertoe doet")),
    ("contribution", _("Hoe het project bijdroeg")),
)


def overall_verdict(verdicts: list[str]) -> str:
    """Agrees when every point is "klopt", disagrees when any is "klopt niet", else partly."""
    if all(verdict == Verdict.AGREES for verdict in verdicts):
        return Verdict.AGREES
    if any(verdict == Verdict.DISAGREES for verdict in verdicts):
        return Verdict.DISAGREES
    return Verdict.PARTLY


def _verdict_field(label):
    return models.CharField(label, max_length=20, choices=Verdict, blank=True, default="")


class SubstantiationRequest(models.Model):
    entry = models.ForeignKey(
        ImpactEntry,
        verbose_name=_("impactitem"),
        on_delete=models.CASCADE,
        related_name="substantiation_requests",
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(
        _("wie is het?"),
        max_length=20,
        choices=SubstantiatorRole,
        default=SubstantiatorRole.RESIDENT,
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    verdict = _verdict_field(_("oordeel"))
    description_verdict = _verdict_field(_("wat er veranderde"))
    description_remark = models.TextField(_("toelichting"), blank=True)
    significance_verdict = _verdict_field(_("waarom het ertoe doet"))
    significance_remark = models.TextField(_("toelichting"), blank=True)
    contribution_verdict = _verdict_field(_("hoe het project bijdroeg"))
    contribution_remark = models.TextField(_("toelichting"), blank=True)
    answer_name = models.CharField(_("naam van wie antwoordde"), max_length=200, blank=True)
    answer_role = models.CharField(_("rol van wie antwoordde"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("verzoek om bevestiging")
        verbose_name_plural = _("verzoeken om bevestiging")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, verdict="")
                | (Q(answered_at__isnull=False) & ~Q(verdict="")),
                name="impact_substantiation_answered_with_verdict",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()}): {self.entry_id}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def expired(self, now: datetime.datetime | None = None) -> bool:
        """Whether the link can no longer be answered (unanswered and older than LINK_VALID)."""
        return not self.answered and (now or timezone.now()) - self.asked_at > LINK_VALID

    @property
    def status(self) -> str:
        """ "asked", "expired", or the answer's verdict."""
        if self.answered:
            return self.verdict
        return "expired" if self.expired() else "asked"

    @property
    def label(self) -> str:
        """The status in words, as the dashboard shows it: "bevestigd door een bewoner"."""
        if self.answered:
            return str(VERDICT_PHRASES[self.verdict]) % {"who": ROLE_PHRASES[self.role]}
        if self.expired():
            return str(_("gevraagd, geen antwoord gekregen"))
        return str(_("gevraagd, nog geen antwoord"))

    def points(self) -> list[tuple[str, str, str]]:
        """Per point: (question, verdict in words, remark)."""
        return [
            (
                question,
                self._display(getattr(self, f"{name}_verdict")),
                getattr(self, f"{name}_remark"),
            )
            for name, question in POINTS
        ]

    @staticmethod
    def _display(verdict: str) -> str:
        return str(Verdict(verdict).label) if verdict else ""

    @staticmethod
    def labels_of(requests) -> list[str]:
        """The distinct labels of `requests` (answers first, then open questions), for a card."""
        return substantiation_labels(requests)


def substantiation_labels(requests) -> list[str]:
    """The distinct labels of `requests` (answers first, then open questions), for a card."""
    ordered = sorted(requests, key=lambda r: (not r.answered, r.asked_at), reverse=False)
    labels: list[str] = []
    for request in ordered:
        if request.label not in labels:
            labels.append(request.label)
    return labels
