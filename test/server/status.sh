#!/usr/bin/env bash
# Shows which servers started from DIR are up. Exit status 0 if all of them
# are, 1 if any is down, 3 if none was started.
#
# usage: status.sh [--dir DIR]
set -euo pipefail
# shellcheck source=test/server/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
  parse_dir_option "$@"
  ((${#EXTRA_ARGS[@]} == 0)) || die "unknown option: ${EXTRA_ARGS[0]} (usage: status.sh [--dir DIR])"
  absolute_dir
  local -a services
  local name pid port down=0
  mapfile -t services < <(known_services)
  if ((${#services[@]} == 0)); then
    echo "no servers started from $DIR"
    return 3
  fi
  for name in "${services[@]}"; do
    pid=$(pid_of "$name") || pid=-
    port=$(cat "$RUN/$name.port" 2>/dev/null) || port=
    if is_running "$name"; then
      printf '%-18s up    pid %-8s %s\n' "$name" "$pid" "${port:+port $port}"
    else
      printf '%-18s DOWN  pid %-8s %s\n' "$name" "$pid" "${port:+port $port}"
      down=1
    fi
  done
  return "$down"
}

main "$@"
