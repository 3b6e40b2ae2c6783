#!/usr/bin/env bash
# Makes sure what the test suites talk to is there: a running PostgreSQL on 127.0.0.1:5432
# (trust auth, database "test") and Debian's Chromium for the email rendering test.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
if ! pg_up; then
  echo "test-env: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "test-env: PostgreSQL on 127.0.0.1:5432 did not come up" >&2; exit 1; }
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "test-env: installing Debian's chromium (for the email rendering test)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "test-env: installing DejaVu fonts (chart labels)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null
fi
