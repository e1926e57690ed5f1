# tmux-lib.sh: helpers for the end-to-end console tests (tests/tui/test_*.sh).
# Each test runs the real binary ($VIGIL) in a private tmux server
# (tmux -L vigil-test-PID -f /dev/null), with a temporary HOME and a
# database in a temporary directory, TERM=xterm-256color. Exits 77 (skip)
# when tmux or the binary is missing. Sourced, not run.

if [ -z "${VIGIL:-}" ] || [ ! -x "$VIGIL" ]; then
	echo "skip: VIGIL is not set to the built binary" >&2
	exit 77
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "skip: tmux is not installed" >&2
	exit 77
fi

TL_SOCK="vigil-test-$$"
TL_DIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-e2e.XXXXXX")
TL_DB="$TL_DIR/vigil.db"
TL_RAW="$TL_DIR/pty.raw"
export HOME="$TL_DIR/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export TZ=UTC
unset VIGIL_DB VIGIL_CONFIG NO_COLOR
mkdir -p "$HOME"
ME=$(id -un)

tl_tmux() {
	tmux -L "$TL_SOCK" -f /dev/null "$@"
}

tl_cleanup() {
	tl_tmux kill-server >/dev/null 2>&1
	rm -rf "$TL_DIR"
}
trap tl_cleanup EXIT

tl_fail() {
	echo "FAIL: $*" >&2
	if tl_tmux has-session -t vt 2>/dev/null; then
		echo "---- screen ----" >&2
		tl_tmux capture-pane -p -t vt >&2
		echo "----------------" >&2
	fi
	exit 1
}

# The command line against the test database.
v() {
	"$VIGIL" --db "$TL_DB" "$@"
}

# Start the console at COLS x ROWS; extra arguments are environment
# assignments (NO_COLOR=1) for the console. The raw bytes it writes are
# appended to $TL_RAW (pipe-pane starts before the console draws).
# (A server just told to exit may still hold the socket for a moment: a
# client that reaches it then reports "server exited unexpectedly", so
# the start is tried again, a few times.)
tl_start() {
	local cols=$1 rows=$2 try
	shift 2
	: >"$TL_RAW"
	for try in 1 2 3 4 5; do
		tl_tmux new-session -d -s vt -x "$cols" -y "$rows" \
		    "sleep 0.3; exec env TERM=xterm-256color $* '$VIGIL' --db '$TL_DB'" \
		    \; set-option -t vt remain-on-exit on \
		    \; pipe-pane -o -t vt "cat >> '$TL_RAW'" && break
		[ "$try" = 5 ] && tl_fail "cannot start tmux"
		tl_tmux kill-server >/dev/null 2>&1
		sleep 0.3
	done
}

tl_screen() {
	tl_tmux capture-pane -p -t vt
}

tl_keys() {
	tl_tmux send-keys -t vt "$@"
	sleep 0.15
}

# Type literal text (no key names).
tl_type() {
	tl_tmux send-keys -t vt -l "$1"
	sleep 0.15
}

# Wait until the screen shows TEXT (a fixed string), at most SECS.
tl_wait() {
	local text=$1 secs=${2:-5} i=0
	while [ "$i" -lt $((secs * 10)) ]; do
		if tl_screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	tl_fail "the screen did not show '$text' within ${secs}s"
}

tl_wait_gone() {
	local text=$1 secs=${2:-5} i=0
	while [ "$i" -lt $((secs * 10)) ]; do
		if ! tl_screen | grep -qF -- "$text"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	tl_fail "the screen still shows '$text' after ${secs}s"
}

# Wait for the console to exit; its status must be 0.
tl_wait_exit() {
	local i=0 st
	while [ "$i" -lt 50 ]; do
		st=$(tl_tmux display -p -t vt '#{pane_dead}:#{pane_dead_status}')
		case $st in
		1:0)	return 0 ;;
		1:)	[ "$i" -gt 20 ] && return 0 ;;	# status not collected (old tmux)
		1:*)	tl_fail "the console exited with status ${st#1:}" ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	tl_fail "the console did not exit ($st)"
}

tl_resize() {
	tl_tmux resize-window -t vt -x "$1" -y "$2"
	sleep 0.3
}

# The code points of a UTF-8 byte stream that must never reach a terminal
# from data: C1 controls (U+0080..U+009F, decoded, so the bytes of a
# legitimate character are not mistaken for 8-bit C1), bidi controls, and
# the introducers of OSC/DCS/PM/APC strings and BEL.
tl_forbidden() {
	od -An -v -tu1 "$1" | awk '
	{ for (i = 1; i <= NF; i++) b[n++] = $i }
	END {
		bad = 0
		for (i = 0; i < n; i++) {
			c = b[i]
			if (c == 27 && i + 1 < n && (b[i+1] == 93 || b[i+1] == 80 ||
			    b[i+1] == 94 || b[i+1] == 95)) {
				printf "ESC %c at byte %d\n", b[i+1], i; bad++
			}
			if (c == 7) { printf "BEL at byte %d\n", i; bad++ }
			if (c < 128) continue
			if (c >= 194 && c <= 223 && i + 1 < n) {
				cp = (c - 192) * 64 + (b[i+1] - 128); i += 1
			} else if (c >= 224 && c <= 239 && i + 2 < n) {
				cp = (c - 224) * 4096 + (b[i+1] - 128) * 64 + (b[i+2] - 128); i += 2
			} else if (c >= 240 && c <= 244 && i + 3 < n) {
				cp = (c - 240) * 262144 + (b[i+1] - 128) * 4096 + (b[i+2] - 128) * 64 + (b[i+3] - 128); i += 3
			} else {
				printf "raw byte %d (not UTF-8) at %d\n", c, i; bad++; continue
			}
			if (cp >= 128 && cp <= 159) { printf "C1 U+%04X at %d\n", cp, i; bad++ }
			if ((cp >= 8234 && cp <= 8238) || (cp >= 8294 && cp <= 8297)) {
				printf "bidi U+%04X at %d\n", cp, i; bad++
			}
		}
		exit bad > 0
	}'
}

# Colour escapes (SGR 30-49, 90-107, 38;…, 48;…) in a byte stream.
tl_colour_sgr() {
	LC_ALL=C grep -a -o -E $'\e\\[[0-9;]*m' "$1" | tr -d '\033[m' |
	    tr ';' '\n' | grep -E -x '(3[0-9]|4[0-9]|9[0-7]|10[0-7])' | head -5
}
