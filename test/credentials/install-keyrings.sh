#!/usr/bin/env bash
# What the keyring tests need: a D-Bus session bus (dbus-run-session), a Secret Service
# (gnome-keyring), keyctl (keyutils), and libsecret-1-dev with the build tools so that keytar
# builds. keytar is an optional dependency: `npm ci` skips it where libsecret is missing, as on
# a fresh machine, so it is built here and its path is really tested. Silent when all is there.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(dbus gnome-keyring keyutils libsecret-1-dev pkg-config build-essential python3)
missing=()
for package in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$package")
done
if ((${#missing[@]} > 0)); then
	echo "== installing for the keyring tests: ${missing[*]}"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! node -e "require('keytar')" >/dev/null 2>&1; then
	echo "== building keytar (optional dependency) against libsecret"
	if [[ -d node_modules/keytar ]]; then
		npm rebuild keytar
	else
		# Puts back what `npm ci` dropped when the build failed; package-lock.json is not changed.
		npm install --no-save --no-audit --no-fund
	fi
	node -e "require('keytar')"
fi
