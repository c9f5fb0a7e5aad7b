#!/usr/bin/env bash
# `make deploy-check`: run before going live, and after every change to .env or the compose file.
# 1. every variable docker-compose.yml requires (${NAME:?...}) is set, here or in .env;
# 2. the compose file is valid (docker compose config), or at least well-formed YAML;
# 3. Django's `check --deploy` with production settings passes, warnings included;
# 4. the Caddyfile is valid for SITE_DOMAIN (caddy validate).
# With Docker it checks the images compose runs; without, the local venv and Debian's caddy.
set -euo pipefail
cd "$(dirname "$0")/.."
# .env as compose reads it (KEY=value, no shell syntax); the environment wins over the file.
env_file=${ENV_FILE:-.env}
if [ -f "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
    [ -n "${!name+set}" ] || export "$name=$value"
  done < "$env_file"
fi

failed=0
ok() { echo "  ok   $*"; }
bad() { echo "  FOUT $*" >&2; failed=1; }

echo "1. Required variables"
for name in $(grep -o '\${[A-Z_]*:?' docker-compose.yml | tr -d '${:?' | sort -u); do
  if [ -n "${!name:-}" ]; then ok "$name"; else bad "$name is not set (in the environment or .env)"; fi
done
if [ -n "${SECRET_KEY:-}" ] && [ "${#SECRET_KEY}" -lt 50 ]; then
  bad "SECRET_KEY is shorter than 50 characters"
fi
if [ -z "${ADMINS:-}" ] && [ -z "${SENTRY_DSN:-}" ]; then
  bad "neither ADMINS nor SENTRY_DSN is set: errors would reach no one"
fi
[ "$failed" -eq 0 ] || { echo "Set the variables above first." >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then
  echo "2. docker compose config"
  docker compose config --quiet && ok "docker-compose.yml" || bad "docker-compose.yml"
  echo "3. manage.py check --deploy (in the web image)"
  docker compose run --rm --no-deps -T web \
    python manage.py check --deploy --fail-level WARNING && ok "check --deploy" || bad "check --deploy"
  echo "4. caddy validate (in the caddy image)"
  docker compose run --rm --no-deps -T caddy \
    caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile >/dev/null \
    && ok "Caddyfile" || bad "Caddyfile"
else
  python=.venv/bin/python
  [ -x "$python" ] || { echo "No Docker and no .venv: run make setup first." >&2; exit 1; }
  echo "2. docker-compose.yml (no Docker here: read as YAML)"
  "$python" -c "import yaml; s = yaml.safe_load(open('docker-compose.yml'))['services']; \
assert {'caddy', 'web', 'worker', 'beat', 'db', 'redis', 'backup'} <= set(s), sorted(s)" \
    && ok "docker-compose.yml" || bad "docker-compose.yml"
  echo "3. manage.py check --deploy (production settings)"
  DJANGO_ENV=production ALLOWED_HOSTS="$SITE_DOMAIN,127.0.0.1" SITE_URL="https://$SITE_DOMAIN" \
    SECURE_SSL_REDIRECT=true \
    "$python" manage.py check --deploy --fail-level WARNING && ok "check --deploy" \
    || bad "check --deploy"
  echo "4. caddy validate"
  if command -v caddy >/dev/null; then
    caddy validate --config Caddyfile --adapter caddyfile >/dev/null 2>&1 && ok "Caddyfile" \
      || bad "Caddyfile (run: SITE_DOMAIN=$SITE_DOMAIN caddy validate --config Caddyfile)"
  else
    bad "caddy is not installed (scripts/system_deps.sh installs it)"
  fi
fi
if [ "$failed" -ne 0 ]; then echo "Not ready to go live: fix what says FOUT." >&2; exit 1; fi
echo "Ready to go live."
