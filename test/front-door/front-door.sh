#!/usr/bin/env bash
# The front door as a newcomer meets it, on a copy of the repository at HEAD (what a clone has):
#   1. `npm install` (or `npm ci`, as CI) on a machine state where libsecret is absent,
#   2. `npm start -- --help` there (the program runs without the optional keytar),
#   3. what `npm test` does first for the keyrings, test/credentials/install-keyrings.sh, with
#      libsecret present again (as after its apt-get): keytar must end up built and loadable.
# libsecret is made absent honestly for step 1 and 2 without touching the machine for anyone else:
# a private mount namespace (unshare -m) hides its headers, its pkg-config file and its shared
# libraries, and the script checks that pkg-config and the loader really cannot find it there.
# Usage: bash test/front-door/front-door.sh [install|ci]...   (default: both)
#        FRONT_DOOR_TEST='test/credentials/keyring.test.ts' runs `npm test -- $FRONT_DOOR_TEST` last
#        (`npm test` with no file runs everything: give SWIFT_TEST_DIR and ports of your own).
set -euo pipefail
repository="$(cd "$(dirname "$0")/../.." && pwd)"
modes=("$@")
((${#modes[@]} > 0)) || modes=(install ci)

# Every file of libsecret-1-0 and libsecret-1-dev that a build or a load finds it by.
hidden=(/usr/include/libsecret-1)
for file in /usr/lib/x86_64-linux-gnu/libsecret-1.so* /usr/lib/x86_64-linux-gnu/pkgconfig/libsecret-1.pc; do
	[[ -e "$file" ]] && hidden+=("$file")
done

# Runs "$@" in a mount namespace where libsecret is absent.
without_libsecret() {
	unshare -m --propagation private bash -euo pipefail -c '
		for path in "${@:2:$1}"; do
			if [[ -d "$path" ]]; then mount -t tmpfs none "$path"; else mount --bind /dev/null "$path"; fi
		done
		shift $(($1 + 1))
		if pkg-config --exists libsecret-1 2>/dev/null; then echo "libsecret still visible" >&2; exit 9; fi
		if ldconfig -p | grep -q "libsecret-1.so.0 .*=> " && [[ -s /usr/lib/x86_64-linux-gnu/libsecret-1.so.0 ]]; then
			echo "libsecret still loadable" >&2; exit 9
		fi
		"$@"
	' hide "${#hidden[@]}" "${hidden[@]}" "$@"
}

step() { printf '\n== %s\n' "$*"; }

for mode in "${modes[@]}"; do
	work="$(mktemp -d "${TMPDIR:-/tmp}/ivjm-front-door-XXXXXX")"
	trap 'rm -rf "$work"' EXIT
	git -C "$repository" archive HEAD | tar -x -C "$work"
	cd "$work"
	step "$mode: npm $mode without libsecret ($work)"
	without_libsecret npm "$mode" --no-audit --no-fund 2>&1 | tail -n 8
	if node -e "require('keytar')" 2>/dev/null; then
		echo "keytar loads: libsecret was not absent, nothing was reproduced" >&2
		exit 1
	fi
	echo "keytar is not installed (its build needs libsecret): the state of a fresh machine"
	step "$mode: npm start -- --help without libsecret"
	without_libsecret npm start --silent -- --help | head -n 3
	step "$mode: test/credentials/install-keyrings.sh with libsecret present"
	bash test/credentials/install-keyrings.sh
	node -e "require('keytar'); console.log('keytar loads')"
	if [[ -n "${FRONT_DOOR_TEST:-}" ]]; then
		step "$mode: npm test -- $FRONT_DOOR_TEST"
		# shellcheck disable=SC2086 # the test files are words
		npm test -- $FRONT_DOOR_TEST
	fi
	cd "$repository"
	rm -rf "$work"
	trap - EXIT
	step "$mode: the front door works"
done
