from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .participants import Participant
from .sessions import Session


class PracticeAssignment(models.Model):
    """A participant's practice assignment in their own work or neighbourhood, and afterwards
    their reflection on it. No result is set in advance: what they learned is harvested."""

    participant = models.OneToOneField(
        Participant,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="assignment",
    )
    description = models.TextField(_("opdracht"))
    tried = models.TextField(_("wat heb je geprobeerd?"), blank=True)
    happened = models.TextField(_("wat gebeurde er?"), blank=True)
    differently = models.TextField(_("wat doe je voortaan anders?"), blank=True)
    share_with_client = models.BooleanField(_("mag de opdrachtgever dit lezen?"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    reflected_at = models.DateTimeField(_("reflectie op"), null=True, blank=True)

    class Meta:
        verbose_name = _("praktijkopdracht")
        verbose_name_plural = _("praktijkopdrachten")

    def __str__(self):
        return str(self.participant)


class Evaluation(models.Model):
    """A short evaluation asked of one participant by signed link (core.links, purpose
    "evaluation"): after a session, or at the end of the trajectory (no session). The row is
    the invitation; `answered_at` makes its link single-use."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        help_text=_("Leeg: de evaluatie aan het eind van het traject."),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    usefulness = models.PositiveSmallIntegerField(
        _("hoe bruikbaar was het? (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    will_apply = models.TextField(_("wat ga je toepassen?"), blank=True)
    remark = models.TextField(_("opmerking"), blank=True)
    share_remark = models.BooleanField(_("mag de opdrachtgever dit lezen?"), default=False)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="one_evaluation_per_session"
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(session__isnull=True),
                name="one_final_evaluation",
            ),
            models.CheckConstraint(
                condition=models.Q(usefulness__isnull=True)
                | models.Q(usefulness__gte=1, usefulness__lte=5),
                name="usefulness_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.participant} – {self.session or _('eind')}"
