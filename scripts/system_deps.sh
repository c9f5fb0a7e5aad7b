#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, when they are missing:
# gettext (translations), Pango + HarfBuzz subsetting (WeasyPrint), poppler-utils (reading PDFs
# back in tests), Chromium (browser tests), Caddy (the reverse proxy, tested in front of
# gunicorn), the PostgreSQL client (pg_dump/pg_restore: the backup round trip) and the npm
# client.
set -euo pipefail
need=()
command -v msgfmt >/dev/null || need+=(gettext)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v npm >/dev/null || need+=(npm)
ldconfig -p | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
command -v caddy >/dev/null || need+=(caddy)
command -v pg_restore >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing system packages: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Not root: install them yourself with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
