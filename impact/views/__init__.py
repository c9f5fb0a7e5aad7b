"""The impact pages, one module per feature (see urls.py)."""
