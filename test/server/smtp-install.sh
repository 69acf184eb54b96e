#!/usr/bin/env bash
# Installs what the SMTP test server needs (test/server/smtp-server.py): Debian's aiosmtpd and
# openssl (the tests make a throwaway certificate for STARTTLS). Only what is missing; silent
# when everything is there. Needs root (or password-less sudo) only when something must be
# installed; reads nothing from stdin, so it runs in CI as it does by hand.
set -euo pipefail

PACKAGES=(python3-aiosmtpd openssl)

log() { printf '[smtp-server] %s\n' "$*" >&2; }

missing_packages() {
  local installed pkg
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
    sed -n 's/ install ok installed$//p') || true
  for pkg in "${PACKAGES[@]}"; do
    if ! grep -qxF "$pkg" <<<"$installed"; then printf '%s\n' "$pkg"; fi
  done
}

as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    log "error: must run as root to install ${PACKAGES[*]}"
    exit 1
  fi
}

main() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]})) || return 0
  log "installing: ${missing[*]}"
  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
  as_root "${apt[@]}" update </dev/null >&2
  as_root "${apt[@]}" install -y --no-install-recommends "${missing[@]}" </dev/null >&2
  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then
    log "error: still missing after install: ${missing[*]}"
    exit 1
  fi
}

main "$@"
