from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .catalogue import Neighbourhood, ServiceVariant, Theme
from .people import Organisation

DEFAULT_PHASES = [
    (_("Ontdekken"), _("De buurt leren kennen: in gesprek met bewoners, luisteren, verkennen.")),
    (_("Ontwerpen"), _("Samen met bewoners ideeën uitwerken tot plannen.")),
    (_("Doen"), _("Plannen uitvoeren, met bewoners aan het roer en ons als coach.")),
    (_("Verankeren"), _("Zorgen dat het blijft: eigenaarschap bij bewoners en partners.")),
]


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The projects this user may see: all for staff, their memberships for others."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_designer_or_admin:
            return self
        # A subquery rather than a join: no duplicate rows, so no DISTINCT (and no sort) needed.
        mine = Membership.objects.filter(project=models.OuterRef("pk"), user=user)
        return self.filter(models.Exists(mine))


class Project(models.Model):
    class Status(models.TextChoices):
        PROSPECT = "prospect", _("In voorbereiding")
        ACTIVE = "active", _("Lopend")
        PAUSED = "paused", _("Gepauzeerd")
        COMPLETED = "completed", _("Afgerond")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("buurt"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    client = models.ForeignKey(
        Organisation,
        verbose_name=_("opdrachtgever"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    variant = models.ForeignKey(
        ServiceVariant,
        verbose_name=_("dienst"),
        on_delete=models.PROTECT,
        related_name="projects",
        null=True,
        blank=True,
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), blank=True)
    question = models.TextField(
        _("vraagstuk"), blank=True, help_text=_("De vraag van de buurt, in gewone woorden.")
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    expected_end_date = models.DateField(_("verwachte einddatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PROSPECT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Counts the writes to anything shown about the project (its activities, agreement, impact,
    # …), bumped in the same transaction as each; what is cached about the project is keyed by
    # it, so a cached page is never older than the data (see dashboard/freshness.py).
    generation = models.PositiveBigIntegerField(_("generatie"), default=0, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expected_end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(expected_end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The generation is only ever counted up in the database (F() + 1), never written back
        # from an instance read earlier, which could set it back to a number already used.
        if not self._state.adding and "update_fields" not in kwargs:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "generation"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dashboard:project", kwargs={"slug": self.slug})


class Phase(models.Model):
    """A step of the one continuous trajectory; exactly one phase of a project is current."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phases"
    )
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    start_date = models.DateField(_("begin"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    is_current = models.BooleanField(_("huidige fase"), default=False)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(is_current=True),
                name="one_current_phase_per_project",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="phase_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        DESIGNER = "designer", _("Buurtdesigner")
        CLIENT = "client", _("Opdrachtgever")
        PARTNER = "partner", _("Partner")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role)
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    # The last day a client contact opened the project's dashboard (projects.services.visits):
    # the project's health warns when a client has stopped looking.
    last_seen_on = models.DateField(_("dashboard laatst geopend op"), null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.project} ({self.get_role_display()})"
