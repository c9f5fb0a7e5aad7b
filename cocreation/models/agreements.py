"""Co-creation agreements: one shared ambition, every party's commitments, agreed by all.

An `Agreement` belongs to a project; each change is a new `AgreementVersion` that moves
draft → proposed → agreed → superseded. Once a version has left the draft state its content
(its own fields, its parties and their commitments) can no longer change: the model layer
refuses, so every consent stays tied to exactly the text that was agreed.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation, Project


class VersionLocked(ValidationError):
    """Raised when something tries to change a version that is no longer a draft."""

    def __init__(self):
        super().__init__(
            _("Deze versie is al voorgesteld en kan niet meer veranderen. Maak een nieuwe versie."),
            code="locked",
        )


class Agreement(models.Model):
    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="agreement"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # The check-in date the last reminder was sent for: the beat task runs daily and must
    # not remind twice for the same date.
    reminded_for = models.DateField(_("herinnering verstuurd voor"), null=True, blank=True)
    # How often the external contacts get the pulse (cocreation.services.pulse); designers
    # change it on the agreement page.
    pulse_weeks = models.PositiveSmallIntegerField(
        _("puls elke zoveel weken"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_("Hoe vaak de contactpersonen van de partijen de twee pulsvragen krijgen."),
    )

    class Meta:
        verbose_name = _("samenwerkingsafspraak")
        verbose_name_plural = _("samenwerkingsafspraken")

    def __str__(self):
        return str(self.project)

    def get_absolute_url(self):
        return reverse("cocreation:agreement", kwargs={"slug": self.project.slug})


class LockedQuerySet(models.QuerySet):
    """Bulk updates and deletes obey the same rule as `save()`: only drafts change."""

    version_path = "version"

    def _touches_locked(self) -> bool:
        status = f"{self.version_path}__status" if self.version_path else "status"
        return self.exclude(**{status: AgreementVersion.Status.DRAFT}).exists()

    def update(self, **kwargs):
        if self._touches_locked() and set(kwargs) - {"status", "proposed_at", "agreed_at"}:
            raise VersionLocked
        return super().update(**kwargs)

    def delete(self):
        if self._touches_locked():
            raise VersionLocked
        return super().delete()


class VersionQuerySet(LockedQuerySet):
    version_path = ""

    def update(self, **kwargs):
        if self._touches_locked() and set(kwargs) & set(AgreementVersion.CONTENT_FIELDS):
            raise VersionLocked
        return models.QuerySet.update(self, **kwargs)


class CommitmentQuerySet(LockedQuerySet):
    version_path = "party__version"


class AgreementVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PROPOSED = "proposed", _("Voorgesteld")
        AGREED = "agreed", _("Afgesproken")
        SUPERSEDED = "superseded", _("Vervangen")

    RHYTHM_CHOICES = [
        (2, _("Elke twee weken")),
        (4, _("Elke vier weken")),
        (6, _("Elke zes weken")),
        (8, _("Elke acht weken")),
        (12, _("Elk kwartaal")),
    ]
    CONTENT_FIELDS = [
        "ambition",
        "question",
        "approach",
        "principles",
        "check_in_every_weeks",
        "first_check_in",
    ]

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    ambition = models.TextField(
        _("gedeelde ambitie"),
        blank=True,
        help_text=_("Waar werken alle partijen samen naartoe? Een richting, geen vast resultaat."),
    )
    question = models.TextField(_("vraagstuk"), blank=True)
    approach = models.TextField(
        _("aanpak"),
        blank=True,
        help_text=_("Het hele traject met al zijn fasen, niet alleen de eerste."),
    )
    principles = models.TextField(_("uitgangspunten"), blank=True)
    check_in_every_weeks = models.PositiveSmallIntegerField(
        _("ritme van de reflectiemomenten"), choices=RHYTHM_CHOICES, default=6
    )
    first_check_in = models.DateField(_("eerste reflectiemoment"), null=True, blank=True)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("gebaseerd op"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_hash = models.CharField(_("SHA-256 van de inhoud"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # Every save stamps it; an edit form carries it to notice a save in between (core.concurrency).
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    proposed_at = models.DateTimeField(_("voorgesteld op"), null=True, blank=True)
    agreed_at = models.DateTimeField(_("afgesproken op"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van de afspraak")
        verbose_name_plural = _("versies van de afspraak")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_version_number"),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(status="agreed"),
                name="one_agreed_version_per_agreement",
            ),
            # One version is being worked on at a time: a draft or a proposal, never both.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(status__in=["draft", "proposed"]),
                name="one_open_version_per_agreement",
            ),
        ]

    def __str__(self):
        return f"{self.agreement} – {_('versie')} {self.number}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored = (
                AgreementVersion.objects.filter(pk=self.pk)
                .values("status", *self.CONTENT_FIELDS)
                .first()
            )
            locked = stored and stored["status"] != self.Status.DRAFT
            if locked and any(stored[n] != getattr(self, n) for n in self.CONTENT_FIELDS):
                raise VersionLocked
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "cocreation:version",
            kwargs={"slug": self.agreement.project.slug, "number": self.number},
        )

    def delete(self, *args, **kwargs):
        if not self.is_draft:
            raise VersionLocked
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def canonical_content(self) -> str:
        """The text every party agrees to: the version's fields, parties and commitments."""
        parties = [
            {
                "organisation": party.organisation.name,
                "organisation_id": party.organisation_id,
                "representative": party.representative.email if party.representative else None,
                "role": party.role,
                "commitments": [
                    {"kind": c.kind, "description": c.description} for c in party.commitments.all()
                ],
            }
            for party in self.parties.select_related("organisation", "representative")
            .prefetch_related("commitments")
            .order_by("order", "id")
        ]
        data = {name: getattr(self, name) for name in self.CONTENT_FIELDS}
        data["first_check_in"] = self.first_check_in.isoformat() if self.first_check_in else None
        data["project"] = self.agreement.project_id
        data["number"] = self.number
        data["parties"] = parties
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical_content().encode("utf-8")).hexdigest()


class Party(models.Model):
    """An organisation or group that takes part in the agreement, with who speaks for it."""

    version = models.ForeignKey(
        AgreementVersion, verbose_name=_("versie"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie of groep"), on_delete=models.PROTECT
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vertegenwoordiger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Wie namens deze partij instemt. Leeg bij De Buurtontdekkers zelf."),
    )
    role = models.CharField(
        _("rol in de samenwerking"),
        max_length=150,
        help_text=_("Bijvoorbeeld: opdrachtgever, bewonersgroep, procesbegeleiding."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = LockedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        ordering = ["version", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="one_party_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.role})"

    def save(self, *args, **kwargs):
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_draft()
        return super().delete(*args, **kwargs)

    @property
    def is_own(self) -> bool:
        return self.organisation.kind == Organisation.Kind.OWN

    def _check_draft(self):
        version = AgreementVersion.objects.only("status").get(pk=self.version_id)
        if not version.is_draft:
            raise VersionLocked


class Commitment(models.Model):
    """What a party contributes: time, a contact person, a place, a budget, residents' energy."""

    class Kind(models.TextChoices):
        TIME = "time", _("Tijd")
        CONTACT = "contact", _("Contactpersoon")
        PLACE = "place", _("Plek")
        BUDGET = "budget", _("Budget")
        ENERGY = "energy", _("Energie van bewoners")
        KNOWLEDGE = "knowledge", _("Kennis en netwerk")
        OTHER = "other", _("Anders")

    party = models.ForeignKey(
        Party, verbose_name=_("partij"), on_delete=models.CASCADE, related_name="commitments"
    )
    kind = models.CharField(_("soort inzet"), max_length=20, choices=Kind, default=Kind.TIME)
    description = models.TextField(_("inzet"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet")
        ordering = ["party", "order", "id"]

    def __str__(self):
        return self.description[:80]

    def save(self, *args, **kwargs):
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_draft()
        return super().delete(*args, **kwargs)

    def _check_draft(self):
        version = AgreementVersion.objects.only("status").get(parties__pk=self.party_id)
        if not version.is_draft:
            raise VersionLocked
