#!/usr/bin/env bash
# Stops every server that start.sh started from DIR, by the PIDs in DIR/run:
# TERM to each process group, wait, then KILL. Servers already dead are fine.
#
# usage: stop.sh [--dir DIR]
set -euo pipefail
# shellcheck source=test/server/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  parse_dir_option "$@"
  ((${#EXTRA_ARGS[@]} == 0)) || die "unknown option: ${EXTRA_ARGS[0]} (usage: stop.sh [--dir DIR])"
  absolute_dir
  if [[ ! -d $DIR ]]; then
    log "nothing to stop: no $DIR"
    return 0
  fi
  lock_dir
  local -a services
  mapfile -t services < <(known_services)
  if ((${#services[@]} == 0)); then
    log "nothing to stop in $DIR"
    return 0
  fi
  log "stopping: ${services[*]}"
  stop_services "${services[@]}"
}

main "$@"
