#!/usr/bin/env bash
# `npm run bench`: starts the test Swift (tempauth; the bench needs no Keystone) like
# test/run-all.sh does, installs the peers if missing, builds, runs test/bench/bench.ts and
# always stops the servers again. The table goes to stdout and test/bench/results/latest.{md,json}.
#
# Same environment as the tests: SWIFT_TEST_DIR (default .test-servers), SWIFT_PROXY_PORT,
# SWIFT_BACKEND_PORT_BASE, MEMCACHED_PORT… to move the servers; IVJM_BENCH_* settings are
# described at the top of bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."

# `npm run bench -- tui` (or IVJM_BENCH_ONLY=tui): only the TUI cases (test/bench/tui-only.ts),
# which need neither Swift nor the peers.
if [[ "$*" == tui || ${IVJM_BENCH_ONLY:-} == tui ]]; then
	command -v script >/dev/null || { echo "script(1) is missing: apt-get install util-linux" >&2; exit 1; }
	npm run --silent build
	exec node --import=tsx test/bench/tui-only.ts
fi

# `npm run bench -- wan local`: only those parts (see the top of bench.ts).
if (($# > 0)); then export IVJM_BENCH_ONLY="$*"; fi

IVJM_BENCH_STARTED_AT=$(($(date +%s%N) / 1000000))
export IVJM_BENCH_STARTED_AT
export SWIFT_TEST_DIR="${SWIFT_TEST_DIR:-$PWD/.test-servers}"

missing=()
command -v swift >/dev/null || missing+=(python3-swiftclient)
command -v rclone >/dev/null || missing+=(rclone)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v script >/dev/null || missing+=(util-linux)
if ((${#missing[@]} > 0)); then
	echo "== installing the peers and tools: ${missing[*]}"
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

echo "== build (the bench runs the built program)"
npm run --silent build

echo "== test servers: Swift (tempauth) in $SWIFT_TEST_DIR"
stop_servers() { bash test/server/stop.sh --dir "$SWIFT_TEST_DIR"; }
trap stop_servers EXIT
bash test/server/start.sh --dir "$SWIFT_TEST_DIR" --no-keystone
set -a
# shellcheck source=/dev/null
source "$SWIFT_TEST_DIR/swift.env"
set +a

echo "== bench"
node --import=tsx test/bench/bench.ts
