"""URLconf for benchmarks/project_pages.py: the project's own URLs, a baseline view that does
nothing but pass the login check, so page timings can be read as multiples of it, and the
quick-log's database work alone, to show how much of its figure no Python can remove."""

import json

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils import timezone

from dashboard.freshness import touch
from projects.models import Activity, AuditEntry
from projects.rules import get_project_for_user


@login_required
def written_out_log(request, slug):
    """What the quick-log asks of the database, and nothing else: the project with the user's
    role, then in one transaction the activity, the generation bump (dashboard.freshness), the
    theme links and the audit entry, each as one written-out statement. No form, no validation,
    no message: a lower bound, not a way to log (the quick-log's statements are the same in
    number and kind)."""
    data = request.POST
    project = get_project_for_user(request.user, slug, "projects.log_activity")
    now = timezone.now()
    activity = {
        "project_id": project.pk,
        "phase_id": data["phase"],
        "date": data["date"],
        "kind": data["kind"],
        "title": data["title"],
        "notes": data["notes"],
        "location": data["location"],
        "residents_reached": int(data["residents_reached"]),
        "new_contacts": int(data["new_contacts"]),
        "partners_present": data["partners_present"],
        "level_planned": "",
        "level_reached": "",
        "initiated_by": "",
        "led_by": "",
        "logged_by_id": request.user.pk,
        "created_at": now,
        "updated_at": now,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Activity._meta.db_table} ({', '.join(activity)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(activity))}) RETURNING id",
            list(activity.values()),
        )
        activity_id = cursor.fetchone()[0]
        touch("pk", project.pk)  # the generation bump, written out there already
        themes = [int(pk) for pk in data.getlist("themes")]
        if themes:  # as bulk_create: no statement for no links
            cursor.execute(
                f"INSERT INTO {Activity.themes.through._meta.db_table} (activity_id, theme_id) "  # noqa: S608
                f"VALUES {', '.join(['(%s, %s)'] * len(themes))}",
                [value for theme in themes for value in (activity_id, theme)],
            )
        cursor.execute(
            f"INSERT INTO {AuditEntry._meta.db_table} "  # noqa: S608
            "(project_id, actor_id, action, target_type, target_id, target_repr, changes, at) "
            "VALUES (%s, %s, 'created', %s, %s, %s, %s, %s)",
            [
                project.pk,
                request.user.pk,
                Activity._meta.label_lower,
                activity_id,
                data["title"],
                json.dumps({name: [None, value] for name, value in data.items()}),
                now,
            ],
        )
    return HttpResponseRedirect(project.get_absolute_url())


urlpatterns = [
    path("bench/ok/", login_required(lambda request: HttpResponse("ok")), name="bench_ok"),
    path("bench/log-written-out/<slug:slug>/", written_out_log, name="bench_written_out_log"),
    path("", include("buurtontdekkers.urls")),
]
