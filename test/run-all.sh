#!/usr/bin/env bash
# `npm test`: checks, then every test, the integration tests against a real Swift and Keystone
# that this script starts (installing them if missing) and always stops again.
set -euo pipefail
cd "$(dirname "$0")/.."

export SWIFT_TEST_DIR="${SWIFT_TEST_DIR:-$PWD/.test-servers}"

if ! command -v tmux >/dev/null; then
	echo "== installing tmux (the end-to-end tests drive ivjm in a real terminal)"
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends tmux
fi

# Debian's python3-nacl (libsodium): the independent Crypt4GH reader of test/crypt4gh/.
/usr/bin/python3 -c 'import nacl.bindings' 2>/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-nacl; }

# dbus, gnome-keyring, keyutils and libsecret-1-dev, and keytar built against them (see the script).
bash test/credentials/install-keyrings.sh
bash test/server/smtp-install.sh # aiosmtpd and openssl, for the SMTP servers test/watch starts

echo "== type check, lint, format"
npx tsc -p tsconfig.json --noEmit
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --list-different .; exit 1; }

echo "== build (the end-to-end tests run the built program)"
npm run --silent build

echo "== test servers: Swift (tempauth) and Keystone v3 in $SWIFT_TEST_DIR"
stop_servers() { bash test/server/stop.sh --dir "$SWIFT_TEST_DIR"; }
trap stop_servers EXIT
bash test/server/start.sh --dir "$SWIFT_TEST_DIR"
set -a
# shellcheck source=/dev/null
source "$SWIFT_TEST_DIR/swift.env"
set +a

echo "== tests"
npx ava "$@"
