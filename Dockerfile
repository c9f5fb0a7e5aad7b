# syntax=docker/dockerfile:1

# --- Front-end libraries: npm ci, then copy them into static/vendor ---------------------------
FROM node:20-bookworm-slim AS static
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/vendor_static.sh scripts/
RUN bash scripts/vendor_static.sh

# --- Runtime: Django under gunicorn; the same image runs migrate, celery worker and beat ------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/data/media \
    BACKUP_DIR=/backups

# gettext: compilemessages. Pango, HarfBuzz subset and a font: WeasyPrint. curl: healthcheck.
# postgresql-client-15: pg_dump/pg_restore for `manage.py backup`, the db image's major version.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
        postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
COPY --from=static /src/static/vendor static/vendor

# Dummy production settings on this line only: the manifest storage is used in production alone.
RUN python manage.py compilemessages --verbosity 0 \
 && DJANGO_ENV=production SECRET_KEY=build ALLOWED_HOSTS=localhost SITE_URL=http://localhost \
    python manage.py collectstatic --noinput --verbosity 0

# The code stays root-owned and read-only for the app; only uploads and backups are writable
# (a new named volume takes the owner of the directory it is mounted on).
RUN useradd --create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data/media /backups \
 && chown app:app /data/media /backups
VOLUME ["/data/media"]
USER app

EXPOSE 8000
# Workers, timeouts and the access log's format: gunicorn.conf.py (read from /app).
CMD ["gunicorn", "buurtontdekkers.wsgi:application"]
