"""The co-creation pages, one module per feature (see urls.py)."""
