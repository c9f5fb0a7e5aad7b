"""Signals of the projects app, for the apps above it (which projects may not import)."""

from django.dispatch import Signal

# Sent after an emptied catalogue (as after `flush`) was seeded again; arguments `apps` (the
# registry to read models from) and `using` (the database). Apps that seed rows of their own
# for the catalogue's variants seed them again here.
catalogue_restored = Signal()

# Sent by projects.services.project_create once a project, its phases and its designer are in
# place, inside its transaction; arguments `project` and `actor`. Apps above add what a new
# project of their kind starts with (trainings: the variant's sessions).
project_created = Signal()
