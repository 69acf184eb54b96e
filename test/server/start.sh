#!/usr/bin/env bash
# Starts a real OpenStack Swift (tempauth proxy) and, by default, Keystone v3
# with a Keystone-authenticated Swift proxy, all on 127.0.0.1, for the tests.
# Idempotent: servers that are already up with the same configuration are
# left alone, so running it again is fast. See README.md next to it.
#
# usage: start.sh [--dir DIR] [--keystone|--no-keystone]
set -euo pipefail
# shellcheck source=test/server/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Debian's servers and tools are Python scripts for /usr/bin/python3; the
# python3 first on PATH (pyenv) lacks their modules, so never use it.
PY=/usr/bin/python3

# eventlet otherwise imports dnspython at start: ~0.5 CPU-s in each of the
# seven Python servers. Every address here is a literal 127.0.0.1.
export EVENTLET_NO_GREENDNS=yes

usage() {
  sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

parse_options() {
  parse_dir_option "$@"
  KEYSTONE=1
  local arg
  for arg in "${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"}"; do
    case $arg in
      --keystone) KEYSTONE=1 ;;
      --no-keystone) KEYSTONE=0 ;;
      -h | --help) usage ;;
      *)
        log "unknown option: $arg"
        usage 2 >&2
        ;;
    esac
  done
}

load_settings() {
  SWIFT_PROXY_PORT=${SWIFT_PROXY_PORT:-8080}
  SWIFT_KEYSTONE_PROXY_PORT=${SWIFT_KEYSTONE_PROXY_PORT:-8081}
  KEYSTONE_PORT=${KEYSTONE_PORT:-5000}
  # Not 11211, so as not to collide with a system memcached.
  MEMCACHED_PORT=${MEMCACHED_PORT:-11311}
  SWIFT_BACKEND_PORT_BASE=${SWIFT_BACKEND_PORT_BASE:-6010}
  OBJECT_PORT=$SWIFT_BACKEND_PORT_BASE
  CONTAINER_PORT=$((SWIFT_BACKEND_PORT_BASE + 1))
  ACCOUNT_PORT=$((SWIFT_BACKEND_PORT_BASE + 2))
  KEYSTONE_TOKEN_EXPIRATION=${KEYSTONE_TOKEN_EXPIRATION:-3600}
  SWIFT_TOKEN_LIFE=${SWIFT_TOKEN_LIFE:-86400}
  SWIFT_UPDATERS=${SWIFT_UPDATERS:-1}
  START_TIMEOUT=${SWIFT_START_TIMEOUT:-120}
  RUN_USER=$(id -un)
  KEYSTONE_URL=http://127.0.0.1:$KEYSTONE_PORT/v3

  local ports
  ports="$SWIFT_PROXY_PORT $OBJECT_PORT $CONTAINER_PORT $ACCOUNT_PORT $MEMCACHED_PORT"
  if ((KEYSTONE)); then ports+=" $SWIFT_KEYSTONE_PROXY_PORT $KEYSTONE_PORT"; fi
  if [[ $(tr ' ' '\n' <<<"$ports" | sort | uniq -d) ]]; then
    die "two servers configured on the same port: $ports"
  fi
}

prepare_dir() {
  mkdir -p "$DIR"
  absolute_dir
  lock_dir
  ETC=$DIR/etc
  LOGS=$DIR/log
  KS_DIR=$DIR/keystone
  mkdir -p "$ETC" "$LOGS" "$RUN" "$DIR/cache" "$DIR/srv/node/d1" "$KS_DIR"
  # The object server keeps metadata in user.* xattrs (tmpfs before Linux 6.6
  # has none, and every PUT would then fail with a 507).
  "$PY" -c 'import os, sys; os.setxattr(sys.argv[1], "user.swift-test", b"1")' "$DIR/srv/node/d1" 2>/dev/null ||
    die "$DIR does not support user.* extended attributes; use --dir on ext4/xfs/btrfs"
}

# Writes stdin to $1 only if the content changed: the mtime and the
# configuration signature stay put, so running servers are not restarted.
write_file() {
  local path=$1 tmp
  tmp=$(mktemp "$path.XXXXXX")
  cat >"$tmp"
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$path"; then rm -f "$tmp"; else mv -f "$tmp" "$path"; fi
}

# Swift 2.30 reads the hash prefix/suffix and storage policies from this fixed
# path whatever swift_dir says. Debian's package ships one, fine for tests.
ensure_swift_conf() {
  [[ -e /etc/swift/swift.conf ]] && return 0
  mkdir -p /etc/swift
  cat >/etc/swift/swift.conf <<'EOF'
[swift-hash]
swift_hash_path_suffix = changeme
swift_hash_path_prefix = changeme

[storage-policy:0]
name = Policy-0
default = yes
EOF
}

common_defaults() { # name port
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
workers = 0
user = $RUN_USER
swift_dir = $ETC
log_name = $1
log_level = INFO
log_address = /nonexistent
EOF
}

# workers = 0: one process per server (no fork), so the PID file is the
# server. log_address: no /dev/log in containers; -v logs to stderr instead.
backend_conf() { # kind port
  local kind=$1
  common_defaults "$kind-server" "$2"
  cat <<EOF
devices = $DIR/srv/node
mount_check = false
disable_fallocate = true
recon_cache_path = $DIR/cache

[pipeline:main]
pipeline = healthcheck recon $kind-server

[app:$kind-server]
use = egg:swift#$kind

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
EOF
  # The container updater forks one child per partition per sweep (~1 CPU-s
  # each): with ring part power 0 and a 10 s interval it stays cheap, and
  # account-level object counts and bytes still get updated.
  case $kind in
    container) printf '\n[container-updater]\ninterval = 10\nconcurrency = 1\n' ;;
    object) printf '\n[object-updater]\ninterval = 60\nconcurrency = 1\n' ;;
  esac
}

proxy_conf() { # port auth-middleware...
  local port=$1 filter
  shift
  common_defaults proxy-server "$port"
  cat <<EOF

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk tempurl formpost ratelimit $* copy container-quotas account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
allow_account_management = true
account_autocreate = true
cors_allow_origin = *
cors_expose_headers = etag, x-timestamp, x-trans-id, x-openstack-request-id, x-object-manifest, x-static-large-object, x-manifest-etag, x-symlink-target, x-delete-at, content-range, accept-ranges

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true
allow_object_versioning = true

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:container-quotas]
use = egg:swift#container_quotas

[filter:account-quotas]
use = egg:swift#account_quotas
EOF
  for filter in catch_errors gatekeeper healthcheck listing_formats bulk tempurl formpost ratelimit copy slo dlo symlink; do
    printf '\n[filter:%s]\nuse = egg:swift#%s\n' "$filter" "$filter"
  done
}

tempauth_section() {
  cat <<EOF

[filter:tempauth]
use = egg:swift#tempauth
token_life = $SWIFT_TOKEN_LIFE
user_admin_admin = admin .admin .reseller_admin
user_test_tester = testing .admin
user_test_tester2 = testing2 .admin
user_test_tester3 = testing3
user_test2_tester2 = testing2 .admin
EOF
}

keystoneauth_sections() {
  cat <<EOF

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
www_authenticate_uri = $KEYSTONE_URL
auth_url = http://127.0.0.1:$KEYSTONE_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = swift
password = swiftpass
memcached_servers = 127.0.0.1:$MEMCACHED_PORT
delay_auth_decision = True
service_token_roles_required = True
token_cache_time = 60

[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member, swiftoperator
reseller_admin_role = ResellerAdmin
EOF
}

# sqlite_synchronous off and (below) WAL mode: in sqlite's default journal
# mode a reader's lock blocks writers and keystone answers 500 "database is
# locked". The in-memory cache is coherent because keystone is one process;
# without it every API call takes 0.2-0.45 s. bcrypt at its minimum cost.
keystone_conf() {
  cat <<EOF
[DEFAULT]
log_dir = $LOGS
log_file = keystone-app.log
debug = false
use_stderr = false

[database]
connection = sqlite:///$KS_DIR/keystone.db
sqlite_synchronous = false

[token]
provider = fernet
expiration = $KEYSTONE_TOKEN_EXPIRATION

[fernet_tokens]
key_repository = $KS_DIR/fernet-keys

[fernet_receipts]
key_repository = $KS_DIR/fernet-keys

[credential]
key_repository = $KS_DIR/credential-keys

[cache]
enabled = true
backend = dogpile.cache.memory

[catalog]
driver = sql

[identity]
password_hash_rounds = 4
EOF
}

write_configs() {
  backend_conf object "$OBJECT_PORT" | write_file "$ETC/object-server.conf"
  backend_conf container "$CONTAINER_PORT" | write_file "$ETC/container-server.conf"
  backend_conf account "$ACCOUNT_PORT" | write_file "$ETC/account-server.conf"
  { proxy_conf "$SWIFT_PROXY_PORT" tempauth && tempauth_section; } | write_file "$ETC/proxy-server.conf"
  if ((KEYSTONE)); then
    { proxy_conf "$SWIFT_KEYSTONE_PROXY_PORT" authtoken keystoneauth && keystoneauth_sections; } |
      write_file "$ETC/proxy-server-keystone.conf"
    keystone_conf | write_file "$KS_DIR/keystone.conf"
  fi
}

# One replica and part power 0 (a single partition): the updaters fork per
# partition, so more partitions only burn CPU. Built through Swift's Python
# API in one process: nine swift-ring-builder calls would take ~4 s. Rebuilt
# only when the backend ports change, since proxies reload rings on change.
ensure_rings() {
  local stamp="$OBJECT_PORT $CONTAINER_PORT $ACCOUNT_PORT"
  if [[ -e $ETC/account.ring.gz && -e $ETC/rings.stamp && $(<"$ETC/rings.stamp") == "$stamp" ]]; then
    return 0
  fi
  "$PY" - "$ETC" "$OBJECT_PORT" "$CONTAINER_PORT" "$ACCOUNT_PORT" <<'EOF'
import sys
from swift.common.ring import RingBuilder

etc = sys.argv[1]
for kind, port in zip(("object", "container", "account"), sys.argv[2:5]):
    builder = RingBuilder(0, 1, 1)
    builder.add_dev({"region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port),
                     "device": "d1", "weight": 100})
    builder.rebalance()
    builder.save(f"{etc}/{kind}.builder")
    builder.get_ring().save(f"{etc}/{kind}.ring.gz")
EOF
  printf '%s\n' "$stamp" >"$ETC/rings.stamp"
}

# Sets SVC_CMD (argv), SVC_PORT (empty if none), SVC_CONF (files whose
# content is part of its configuration) and SVC_HEALTH (an HTTP path that
# must answer 200, "tcp" for a listening port, or "none").
service_def() {
  SVC_CONF=()
  SVC_PORT=
  SVC_HEALTH=/healthcheck
  case $1 in
    memcached)
      SVC_PORT=$MEMCACHED_PORT
      SVC_HEALTH=tcp
      # -P puts DIR in its command line, which is how we recognise it as ours.
      SVC_CMD=(/usr/bin/memcached -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 64 -u "$RUN_USER" -P "$RUN/memcached.pid")
      ;;
    object-server | container-server | account-server)
      local kind=${1%-server} port_var
      port_var=${kind^^}_PORT
      SVC_PORT=${!port_var}
      SVC_CONF=("$ETC/$1.conf")
      SVC_CMD=("/usr/bin/swift-$1" "$ETC/$1.conf" -v)
      ;;
    object-updater | container-updater)
      SVC_HEALTH=none
      SVC_CONF=("$ETC/${1%-updater}-server.conf")
      SVC_CMD=("/usr/bin/swift-$1" "${SVC_CONF[0]}" -v)
      ;;
    proxy-server)
      SVC_PORT=$SWIFT_PROXY_PORT
      SVC_CONF=("$ETC/proxy-server.conf")
      SVC_CMD=(/usr/bin/swift-proxy-server "${SVC_CONF[0]}" -v)
      ;;
    keystone-proxy)
      SVC_PORT=$SWIFT_KEYSTONE_PROXY_PORT
      SVC_CONF=("$ETC/proxy-server-keystone.conf")
      SVC_CMD=(/usr/bin/swift-proxy-server "${SVC_CONF[0]}" -v)
      ;;
    keystone)
      # One process, one thread: sqlite connections must stay in the thread
      # that made them. uwsgi's --http-socket closes each connection without
      # saying so, and python-requests then reuses a dead keep-alive socket:
      # hence the explicit "Connection: close".
      SVC_PORT=$KEYSTONE_PORT
      SVC_HEALTH=/v3
      SVC_CONF=("$KS_DIR/keystone.conf")
      SVC_CMD=(/usr/bin/uwsgi-core --plugins python3 --master --die-on-term --no-orphans
        --processes 1 --threads 1 --lazy-apps --need-app
        --http-socket "127.0.0.1:$KEYSTONE_PORT" --wsgi-file /usr/bin/keystone-wsgi-public
        --env "OS_KEYSTONE_CONFIG_FILES=$KS_DIR/keystone.conf"
        --buffer-size 65535 --add-header "Connection: close")
      ;;
    *) die "unknown service $1" ;;
  esac
}

service_sig() {
  service_def "$1"
  { printf '%q ' "${SVC_CMD[@]}" && cat "${SVC_CONF[@]+"${SVC_CONF[@]}"}"; } | md5sum
}

is_current() {
  is_running "$1" && [[ -r $RUN/$1.sig && $(<"$RUN/$1.sig") == "$(service_sig "$1")" ]]
}

# A port in use is fine only if one of our own running servers holds it
# (it will be restarted if its configuration changed).
port_taken_by_other() {
  local port=$1 file name
  port_in_use "$port" || return 1
  for file in "$RUN"/*.port; do
    [[ -e $file ]] || continue
    name=${file##*/}
    name=${name%.port}
    if [[ $(<"$file") == "$port" ]] && is_running "$name"; then return 1; fi
  done
  return 0
}

plan_services() {
  SERVERS=(memcached object-server container-server account-server proxy-server)
  if ((KEYSTONE)); then SERVERS+=(keystone keystone-proxy); fi
  UPDATERS=()
  if ((SWIFT_UPDATERS)); then UPDATERS=(object-updater container-updater); fi
  WANTED=("${SERVERS[@]}" "${UPDATERS[@]+"${UPDATERS[@]}"}")
  TO_START=()
  TO_STOP=()
  local name
  for name in "${WANTED[@]}"; do
    if is_current "$name"; then continue; fi
    TO_START+=("$name")
    if is_running "$name"; then TO_STOP+=("$name"); fi
  done
  while read -r name; do
    if [[ " ${WANTED[*]} " != *" $name "* ]]; then TO_STOP+=("$name"); fi
  done < <(known_services)
}

check_ports() {
  local name
  for name in "${TO_START[@]+"${TO_START[@]}"}"; do
    service_def "$name"
    if [[ -n $SVC_PORT ]] && port_taken_by_other "$SVC_PORT"; then
      die "port $SVC_PORT (for $name) is used by another program; set another port (see test/server/README.md)"
    fi
  done
}

# setsid: each server gets its own session and process group. Swift daemons
# SIGTERM their whole process group on exit, which must not include us, and
# stop.sh signals the group so that forked children go too.
start_service() {
  local name=$1 deadline
  service_def "$name"
  rm -f "$RUN/$name.pid"
  # shellcheck disable=SC2016 # expanded by the wrapper shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' wrapper "$RUN/$name.pid" "${SVC_CMD[@]}" \
    >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
  service_sig "$name" >"$RUN/$name.sig"
  printf '%s\n' "$SVC_PORT" >"$RUN/$name.port"
  deadline=$((SECONDS + 5))
  until [[ -s $RUN/$name.pid ]]; do
    ((SECONDS < deadline)) || die "$name did not start"
    sleep 0.05
  done
}

starting() { [[ " ${TO_START[*]-} " == *" $1 "* ]]; }

start_planned() { # names...
  local name
  for name in "$@"; do
    if starting "$name"; then start_service "$name"; fi
  done
}

# `keystone-manage db_sync` then `keystone-manage bootstrap`, in one process:
# each keystone-manage run spends ~3 CPU-s importing keystone, and this is
# on the critical path of a cold start.
keystone_sync_and_bootstrap() {
  if ! "$PY" - "$KS_DIR/keystone.conf" "$@" >>"$LOGS/keystone-manage.log" 2>&1 <<'EOF_PY'; then
import sys
from keystone.cmd import cli
from keystone.common.sql import upgrades

bootstrap = cli.BootStrap.main


def sync_then_bootstrap():
    upgrades.offline_sync_database_to_version()
    bootstrap()


cli.BootStrap.main = sync_then_bootstrap
cli.main(argv=["keystone-manage", "--config-file", sys.argv[1], "bootstrap"] + sys.argv[2:])
EOF_PY
    die "keystone db_sync/bootstrap failed, see $LOGS/keystone-manage.log"
  fi
}

# A key repository as `keystone-manage fernet_setup`/`credential_setup` leave
# it: files 0 (staged) and 1 (primary), each a Fernet key. Written directly,
# without two more keystone-manage runs.
create_key_repository() {
  mkdir -m 700 "$1"
  "$PY" - "$1" <<'EOF_PY'
import base64, os, sys
for index in ("0", "1"):
    fd = os.open(os.path.join(sys.argv[1], index), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, base64.urlsafe_b64encode(os.urandom(32)))
    os.close(fd)
EOF_PY
}

# Creates the database, keys, admin user, Default domain, admin/member/reader
# roles and the identity endpoint, once per DIR.
bootstrap_keystone() {
  [[ -e $KS_DIR/bootstrapped ]] && return 0
  if is_running keystone; then stop_services keystone; fi
  rm -rf "$KS_DIR"/keystone.db* "$KS_DIR/fernet-keys" "$KS_DIR/credential-keys" "$KS_DIR/ids.env"
  create_key_repository "$KS_DIR/fernet-keys"
  create_key_repository "$KS_DIR/credential-keys"
  keystone_sync_and_bootstrap --bootstrap-password adminpass --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "$KEYSTONE_URL/" --bootstrap-public-url "$KEYSTONE_URL/" \
    --bootstrap-internal-url "$KEYSTONE_URL/"
  "$PY" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$KS_DIR/keystone.db"
  touch "$KS_DIR/bootstrapped"
}

service_log_tail() {
  log "last lines of $LOGS/$1.log:"
  tail -n 20 "$LOGS/$1.log" >&2 || true
}

healthy() {
  service_def "$1"
  case $SVC_HEALTH in
    none) return 0 ;;
    tcp) port_in_use "$SVC_PORT" ;;
    *) [[ $(http_status "$SVC_PORT" "$SVC_HEALTH") == 200 ]] ;;
  esac
}

# Polls every server until healthy, failing early if one exits.
wait_healthy() {
  local deadline=$((SECONDS + START_TIMEOUT)) name
  local -a pending=("$@") left
  while ((${#pending[@]})); do
    left=()
    for name in "${pending[@]}"; do
      if ! is_running "$name"; then
        service_log_tail "$name"
        die "$name exited during startup"
      fi
      healthy "$name" || left+=("$name")
    done
    pending=("${left[@]+"${left[@]}"}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for name in "${pending[@]}"; do service_log_tail "$name"; done
      die "not healthy after ${START_TIMEOUT}s: ${pending[*]} (servers left running; stop.sh --dir $DIR)"
    fi
    sleep 0.2
  done
}

# tempauth stores its tokens in memcached: a v1 login checks the whole path.
check_tempauth() {
  local status
  status=$(http_status "$SWIFT_PROXY_PORT" /auth/v1.0 "X-Auth-User: test:tester" "X-Auth-Key: testing")
  [[ $status == 200 ]] || die "tempauth login on :$SWIFT_PROXY_PORT answered '${status:-nothing}'"
}

# Find-or-create of everything the tests use, then a login through the
# Keystone proxy. Prints shell assignments (the project ids) for ids.env.
provision_keystone_py() {
  cat <<'EOF'
import os
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client

env = os.environ
url = env["KEYSTONE_URL"]
proxy = "http://127.0.0.1:%s" % env["SWIFT_KEYSTONE_PROXY_PORT"]


def login(user, password, project):
    auth = v3.Password(auth_url=url, username=user, password=password, project_name=project,
                       user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth)


# endpoint_override: the catalog may still hold an old port.
ks = client.Client(session=login("admin", "adminpass", "admin"), endpoint_override=url)
domain = ks.domains.get("default")


def ensure(manager, names, create, **filters):
    """Name -> object, creating the missing ones (one list call: each API call costs ~70 ms)."""
    found = {o.name: o for o in manager.list(**filters)}
    return {name: found.get(name) or create(name) for name in names}


roles = ensure(ks.roles, ("admin", "member", "reader", "service", "ResellerAdmin", "swiftoperator"),
               ks.roles.create)
projects = ensure(ks.projects, ("project_2004504", "project_other", "service"),
                  lambda name: ks.projects.create(name, domain), domain=domain)
users = [
    ("requester", "requesterpass", [("project_2004504", "member")]),
    ("analyst", "analystpass", [("project_2004504", "member")]),
    ("tester", "testing", [("project_2004504", "member"), ("project_other", "member")]),
    ("tester2", "testing2", [("project_2004504", "member")]),
    ("reader", "readerpass", [("project_2004504", "reader")]),
    ("reseller", "resellerpass", [("project_2004504", "ResellerAdmin")]),
    ("swift", "swiftpass", [("service", "admin"), ("service", "service")]),
]
passwords = {name: password for name, password, _ in users}
user_objects = ensure(ks.users, passwords,
                      lambda name: ks.users.create(name, domain=domain, password=passwords[name]),
                      domain=domain)
granted = {(a.user["id"], a.scope["project"]["id"], a.role["id"])
           for a in ks.role_assignments.list() if "project" in a.scope and hasattr(a, "user")}
for name, _, grants in users:
    for project, role in grants:
        wanted = (user_objects[name].id, projects[project].id, roles[role].id)
        if wanted not in granted:
            ks.roles.grant(roles[role], user=user_objects[name], project=projects[project])


endpoints = ks.endpoints.list()


def ensure_endpoints(name, type_, urls):
    service = next(iter(ks.services.list(type=type_)), None) or ks.services.create(name, type=type_)
    existing = [e for e in endpoints if e.service_id == service.id]
    for interface, wanted in urls.items():
        endpoint = next((e for e in existing if e.interface == interface), None)
        if endpoint is None:
            ks.endpoints.create(service, wanted, interface=interface, region="RegionOne")
        elif endpoint.url != wanted:
            ks.endpoints.update(endpoint, url=wanted)


ensure_endpoints("keystone", "identity", {i: url + "/" for i in ("public", "internal", "admin")})
account = proxy + "/v1/AUTH_$(project_id)s"
ensure_endpoints("swift", "object-store", {"public": account, "internal": account, "admin": proxy + "/v1"})

project_id = projects["project_2004504"].id
storage = "%s/v1/AUTH_%s" % (proxy, project_id)
response = login("requester", "requesterpass", "project_2004504").head(storage, raise_exc=False)
if response.status_code // 100 != 2:
    raise SystemExit("HEAD %s through the Keystone proxy: %s" % (storage, response.status_code))
print("KEYSTONE_PROJECT_ID=%s" % project_id)
print("KEYSTONE_OTHER_PROJECT_ID=%s" % projects["project_other"].id)
EOF
}

# Runs when the database is new or the ports in the catalog changed.
provision_keystone() {
  local stamp="$KEYSTONE_PORT $SWIFT_KEYSTONE_PROXY_PORT" ids
  if [[ -r $KS_DIR/ids.env ]] && grep -qxF "PROVISION_STAMP='$stamp'" "$KS_DIR/ids.env"; then
    return 0
  fi
  ids=$(KEYSTONE_URL=$KEYSTONE_URL SWIFT_KEYSTONE_PROXY_PORT=$SWIFT_KEYSTONE_PROXY_PORT \
    "$PY" -c "$(provision_keystone_py)" 2>>"$LOGS/keystone-provision.log") ||
    die "keystone provisioning failed, see $LOGS/keystone-provision.log"
  printf "%s\nPROVISION_STAMP='%s'\n" "$ids" "$stamp" | write_file "$KS_DIR/ids.env"
}

write_env_files() {
  local project_id=
  if ((KEYSTONE)); then project_id=$(sed -n 's/^KEYSTONE_PROJECT_ID=//p' "$KS_DIR/ids.env"); fi
  {
    printf '# Generated by test/server/start.sh: source it.\n'
    printf 'export %s\n' \
      "SWIFT_TEST_DIR=$DIR" \
      "SWIFT_PROXY_PORT=$SWIFT_PROXY_PORT" \
      "SWIFT_KEYSTONE_PROXY_PORT=$SWIFT_KEYSTONE_PROXY_PORT" \
      "KEYSTONE_PORT=$KEYSTONE_PORT" \
      "MEMCACHED_PORT=$MEMCACHED_PORT" \
      "SWIFT_BACKEND_PORT_BASE=$SWIFT_BACKEND_PORT_BASE" \
      "SWIFT_TOKEN_LIFE=$SWIFT_TOKEN_LIFE" \
      "SWIFT_PROXY_URL=http://127.0.0.1:$SWIFT_PROXY_PORT" \
      "SWIFT_TEMPAUTH_URL=http://127.0.0.1:$SWIFT_PROXY_PORT/auth/v1.0" \
      "SWIFT_TEMPAUTH_USER=test:tester" \
      "SWIFT_TEMPAUTH_KEY=testing" \
      "SWIFT_TEMPAUTH_STORAGE_URL=http://127.0.0.1:$SWIFT_PROXY_PORT/v1/AUTH_test" \
      "ST_AUTH=http://127.0.0.1:$SWIFT_PROXY_PORT/auth/v1.0" \
      "ST_USER=test:tester" \
      "ST_KEY=testing" \
      "SWIFT_KEYSTONE=$KEYSTONE"
    if ((KEYSTONE)); then
      printf 'export %s\n' \
        "KEYSTONE_URL=$KEYSTONE_URL" \
        "KEYSTONE_TOKEN_EXPIRATION=$KEYSTONE_TOKEN_EXPIRATION" \
        "KEYSTONE_DOMAIN=Default" \
        "KEYSTONE_PROJECT=project_2004504" \
        "KEYSTONE_PROJECT_ID=$project_id" \
        "KEYSTONE_USER=requester" \
        "KEYSTONE_PASSWORD=requesterpass" \
        "KEYSTONE_ADMIN_USER=admin" \
        "KEYSTONE_ADMIN_PASSWORD=adminpass" \
        "SWIFT_KEYSTONE_PROXY_URL=http://127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT" \
        "SWIFT_KEYSTONE_STORAGE_URL=http://127.0.0.1:$SWIFT_KEYSTONE_PROXY_PORT/v1/AUTH_$project_id"
      sed -n 's/^\(KEYSTONE_OTHER_PROJECT_ID=\)/export \1/p' "$KS_DIR/ids.env"
    fi
  } | write_file "$DIR/swift.env"

  if ((KEYSTONE)); then
    # With ST_* (or a storage URL + token) set, the swift CLI ignores the
    # Keystone options and keeps using v1 auth.
    cat <<EOF | write_file "$DIR/keystone.rc"
# Generated by test/server/start.sh: source it to use the swift CLI with Keystone.
unset ST_AUTH ST_USER ST_KEY OS_STORAGE_URL OS_AUTH_TOKEN OS_TOKEN
export OS_AUTH_URL=$KEYSTONE_URL
export OS_AUTH_TYPE=password
export OS_AUTH_VERSION=3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=requester
export OS_PASSWORD=requesterpass
export OS_PROJECT_NAME=project_2004504
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
EOF
  else
    rm -f "$DIR/keystone.rc"
  fi
}

main() {
  local started=$EPOCHREALTIME
  parse_options "$@"
  load_settings
  bash "$SERVER_SCRIPTS/install.sh"
  prepare_dir
  ensure_swift_conf
  write_configs
  ensure_rings
  plan_services
  check_ports
  if ((${#TO_STOP[@]})); then
    log "stopping: ${TO_STOP[*]}"
    stop_services "${TO_STOP[@]}"
  fi
  if ((${#TO_START[@]})); then log "starting: ${TO_START[*]}"; fi

  # Swift boots in the background while Keystone's database is built. The
  # updaters are not needed to answer requests: they start once the rest is
  # up, so as not to compete for CPU with the servers' start (~2 CPU-s each).
  start_planned memcached object-server container-server account-server proxy-server
  if ((KEYSTONE)); then
    bootstrap_keystone
    start_planned keystone keystone-proxy
  fi
  wait_healthy "${SERVERS[@]}"
  start_planned "${UPDATERS[@]+"${UPDATERS[@]}"}"
  check_tempauth
  if ((KEYSTONE)); then provision_keystone; fi
  write_env_files
  log "ready in $(elapsed_since "$started") s: source $DIR/swift.env"
}

# EPOCHREALTIME has microseconds; its decimal separator depends on the locale.
elapsed_since() {
  local now=$EPOCHREALTIME start=$1 micros
  micros=$((10#${now//[!0-9]/} - 10#${start//[!0-9]/}))
  printf '%d.%d\n' $((micros / 1000000)) $((micros / 100000 % 10))
}

main "$@"
