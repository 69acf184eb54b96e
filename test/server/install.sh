#!/usr/bin/env bash
# Installs the Debian 12 packages for the test Swift + Keystone servers, only
# those that are missing. Silent when everything is already there.
# Needs root (or password-less sudo) only when something must be installed.
set -euo pipefail

PACKAGES=(
  swift swift-proxy swift-account swift-container swift-object python3-swiftclient
  # tempauth keeps its tokens in memcache, so it cannot work without it.
  memcached
  # python3-keystone rather than `keystone`: the service package asks debconf
  # questions and starts a system keystone from its postinst.
  python3-keystone python3-keystonemiddleware python3-keystoneclient
  uwsgi-core uwsgi-plugin-python3
)

log() { printf '[test-servers] %s\n' "$*" >&2; }

# One dpkg-query for all: packages it does not know are simply not listed.
missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
    sed -n 's/ install ok installed$//p') || true
  local pkg
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
    log "error: must run as root to install packages"
    exit 1
  fi
}

# The packages' postinst scripts would start system-wide swift/memcached
# daemons on the default ports (and fail in containers). A policy-rc.d that
# exits 101 forbids that; we only add one temporarily if there is none.
POLICY_RC=/usr/sbin/policy-rc.d
ADDED_POLICY_RC=
forbid_service_start() {
  if [[ ! -e $POLICY_RC ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' >$POLICY_RC && chmod 755 $POLICY_RC"
    ADDED_POLICY_RC=1
  fi
}
restore_service_start() {
  if [[ -n $ADDED_POLICY_RC ]]; then as_root rm -f "$POLICY_RC"; fi
}

main() {
  local -a missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]})) || return 0

  log "installing: ${missing[*]}"
  forbid_service_start
  trap restore_service_start EXIT
  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
  as_root "${apt[@]}" update </dev/null >&2
  as_root "${apt[@]}" install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null >&2

  mapfile -t missing < <(missing_packages)
  if ((${#missing[@]})); then
    log "error: still missing after install: ${missing[*]}"
    exit 1
  fi
}

main "$@"
