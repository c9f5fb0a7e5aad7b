"""Impact permissions, declared next to the one permission layer (projects.rules).

Reads use the projects permissions: "projects.view_project" to open a project's impact pages,
"projects.view_internal" to see internal entries (see impact.selectors). Writes need the
permission below, which follows DESIGN §5: designers and admins log and edit impact, and ask
outsiders to confirm an entry (substantiation). The answer page asks no permission: the signed,
single-use link is the right to answer (impact/substantiation.py, core/links.py).
"""

import rules

from projects.rules import is_designer

# impact
rules.add_perm("impact.log_impact", is_designer)
