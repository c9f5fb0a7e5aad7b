"""State-changing actions of the projects app, one module per subject (STYLE: services)."""
