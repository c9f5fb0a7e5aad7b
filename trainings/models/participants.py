from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class Participant(models.Model):
    """A deelnemer of a training: no account. Their personal data is seen by the team and by
    the client contacts of their own organisation only (trainings.rules); removing one deletes
    their attendance, assignment, evaluations and certificate with them."""

    class Role(models.TextChoices):
        PROFESSIONAL = "professional", _("Professional")
        RESIDENT = "resident", _("Bewoner")
        VOLUNTEER = "volunteer", _("Vrijwilliger")

    class Source(models.TextChoices):
        TEAM = "team", _("Aangemeld door het team")
        INVITATION = "invitation", _("Zelf aangemeld via de uitnodiging")

    project = models.ForeignKey(
        Project, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_participants",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role, default=Role.PROFESSIONAL)
    source = models.CharField(_("aangemeld"), max_length=20, choices=Source, default=Source.TEAM)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["project", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("email"), "project", name="participant_once_per_project"
            ),
        ]

    def __str__(self):
        return self.name


class Registration(models.Model):
    """The signed invitation link of one trajectory (core.links, purpose "registration"):
    anyone with it may register as a participant until it expires or the team closes it."""

    project = models.OneToOneField(
        Project, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="registration"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanmeldlink")
        verbose_name_plural = _("aanmeldlinks")

    def __str__(self):
        return str(self.project)
