# shellcheck shell=bash
# Helpers shared by start.sh, stop.sh and status.sh (sourced, not executed).
#
# Every server is started detached by a wrapper that writes DIR/run/NAME.pid
# and then execs the server, so the PID is the server itself and, thanks to
# setsid, also its process group (which holds any children it forks).

SERVER_SCRIPTS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SERVER_SCRIPTS/../.." && pwd)

log() { printf '[test-servers] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# Parses the options common to all scripts; start.sh passes its extra ones
# through EXTRA_ARGS. Sets DIR (may not exist yet) and EXTRA_ARGS.
parse_dir_option() {
  DIR=${SWIFT_TEST_DIR:-$REPO_ROOT/.test-servers}
  EXTRA_ARGS=()
  while (($#)); do
    case $1 in
      --dir)
        (($# >= 2)) || die "--dir needs a value"
        DIR=$2
        shift 2
        ;;
      --dir=*)
        DIR=${1#--dir=}
        shift
        ;;
      *)
        EXTRA_ARGS+=("$1")
        shift
        ;;
    esac
  done
  [[ -n $DIR ]] || die "empty --dir"
  RUN=$DIR/run
}

# Makes DIR absolute without creating it (stop/status must not create it).
absolute_dir() {
  if [[ -d $DIR ]]; then
    DIR=$(cd "$DIR" && pwd -P)
  elif [[ $DIR != /* ]]; then
    DIR=$PWD/$DIR
  fi
  DIR=${DIR%/}
  RUN=$DIR/run
}

# start.sh and stop.sh for one DIR take turns (test runs may share a DIR).
# The lock is an open fd (9): the servers must not inherit it, or they would
# hold it forever (start.sh closes it for them).
lock_dir() {
  exec 9>>"$DIR/.lock"
  flock -n 9 && return 0
  log "waiting for another start.sh/stop.sh on $DIR"
  flock -w "${LOCK_TIMEOUT:-600}" 9 || die "$DIR is still locked after ${LOCK_TIMEOUT:-600}s"
}

# A process counts as ours only if its command line mentions DIR/: a PID file
# can outlive its process and the PID be reused by something unrelated.
# Zombies have an empty cmdline, so they count as gone.
is_ours() {
  local pid=$1 cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$DIR/"* ]]
}

pid_of() {
  local pid
  [[ -r $RUN/$1.pid ]] || return 1
  read -r pid <"$RUN/$1.pid" || return 1
  printf '%s\n' "$pid"
}

is_running() {
  local pid
  pid=$(pid_of "$1") && is_ours "$pid"
}

# Live members of process group $1 that are ours (scans /proc: `ps` is not
# installed on a minimal Debian).
group_members() {
  local pgid=$1 stat line rest state pgrp pid
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    rest=${line##*) }
    read -r state _ pgrp _ <<<"$rest"
    [[ $pgrp == "$pgid" && $state != Z ]] || continue
    pid=${stat#/proc/}
    pid=${pid%/stat}
    if is_ours "$pid"; then printf '%s\n' "$pid"; fi
  done
}

known_services() {
  local f
  for f in "$RUN"/*.pid; do
    [[ -e $f ]] || continue
    f=${f##*/}
    printf '%s\n' "${f%.pid}"
  done
}

# Stops the named services in parallel: TERM to each process group, wait up
# to STOP_TIMEOUT seconds, then KILL what is left. Already-dead services are
# fine. Removes their run files.
stop_services() {
  local name pid member deadline
  local -a pgids=() left members seen=()
  for name in "$@"; do
    pid=$(pid_of "$name") || pid=
    if [[ -n $pid ]] && { is_ours "$pid" || [[ -n $(group_members "$pid") ]]; }; then
      pgids+=("$pid")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  deadline=$((SECONDS + ${STOP_TIMEOUT:-10}))
  while ((${#pgids[@]})); do
    left=()
    for pid in "${pgids[@]}"; do
      mapfile -t members < <(group_members "$pid")
      if ((${#members[@]})); then
        left+=("$pid")
        seen+=("${members[@]}")
      fi
    done
    pgids=("${left[@]+"${left[@]}"}")
    ((${#pgids[@]})) || break
    if ((SECONDS >= deadline)); then
      log "still running after ${STOP_TIMEOUT:-10}s, sending KILL: ${pgids[*]}"
      for pid in "${pgids[@]}"; do
        while read -r member; do kill -KILL "$member" 2>/dev/null || true; done < <(group_members "$pid")
      done
      deadline=$((SECONDS + 5))
    fi
    sleep 0.1
  done
  wait_reaped "${seen[@]+"${seen[@]}"}"
  for name in "$@"; do
    rm -f "$RUN/$name.pid" "$RUN/$name.sig" "$RUN/$name.port"
  done
}

# Our servers are orphans, so init reaps them; some inits (containers) only
# do so every second or so. Waiting briefly keeps `ps` free of <defunct>
# entries right after a stop; never an error if init is slower.
wait_reaped() {
  local deadline=$((SECONDS + 3)) pid
  for pid in "$@"; do
    while [[ -e /proc/$pid ]] && ((SECONDS < deadline)); do sleep 0.1; done
  done
}

port_in_use() {
  (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the HTTP status code of a GET, using bash's /dev/tcp because curl
# is not guaranteed on a fresh machine. Extra args are request headers.
http_status() {
  local port=$1 path=$2 header status
  shift 2
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n' "$path" "$port" >&3
    for header in "$@"; do printf '%s\r\n' "$header" >&3; done
    printf '\r\n' >&3
    read -r -t 5 _ status _ <&3 || exit 1
    printf '%s\n' "$status"
  ) 2>/dev/null
}
