#!/usr/bin/env bash
# build.sh: install what vigil needs (Debian 12), build it, and run it.
#
#   ./build.sh demo     install, build, open the console on a demo database
#   ./build.sh test     install, build with -Werror, run every test, then
#                       rebuild with ASan+UBSan and run every test again
#   ./build.sh build    install and build only (build/vigil)
#   ./build.sh deps     install the packages only
#
# Set VIGIL_NO_APT=1 to skip the package step (e.g. packages already there).
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake pkg-config libncurses-dev libsqlite3-dev
	sqlite3 uuid-dev libssl-dev libcmocka-dev tmux tzdata passwd
	util-linux)

deps() {
	[ "${VIGIL_NO_APT:-}" = 1 ] && return 0
	local missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "installing: ${missing[*]}"
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
		"${missing[@]}" >/dev/null
}

build() {	# build DIR [cmake options...]
	local dir=$1
	shift
	cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
	cmake --build "$dir" -j "$(nproc)"
}

suite() {	# suite DIR
	ctest --test-dir "$1" --output-on-failure -j 2 --timeout 600
}

case "${1:-}" in
deps)
	deps ;;
build)
	deps
	build build ;;
demo)
	deps
	build build
	exec build/vigil demo ;;
test)
	deps
	build build -DVIGIL_WERROR=ON
	suite build
	echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
	build build-asan -DVIGIL_WERROR=ON -DVIGIL_SANITIZE=ON \
		-DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		suite build-asan ;;
*)
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
	exit 64 ;;
esac
