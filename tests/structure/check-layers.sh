#!/bin/bash
# check-layers.sh: draws vigil's structure from the code itself and fails
# when it breaks the rules of docs/ARCHITECTURE.md.
#
#   1. Layers, from the #include lines of src/ and include/vigil/:
#      main -> cli -> tui -> ops -> store -> model -> util. An include
#      from a lower layer to a higher one fails. A header's layer shows in
#      its name (ops-*.h, store-*.h, tui-*.h; util.h and the headers
#      named after a file of src/util are util's; any other name is the
#      model's), and an unprefixed header whose same-named .c lives above
#      the model fails.
#   2. No circle inside src/ops/: neither in its includes (between
#      modules, a module being a file and its header: notify.c with
#      ops-notify.h) nor in its calls (from the object files: a file that
#      uses a symbol another file defines).
#   3. No circle among the console's action files (src/tui/actions*.c),
#      in their calls.
#
# Usage: check-layers.sh SOURCE_DIR "CORE_OBJECTS" "TUI_OBJECTS"
# (object lists separated by ';', as $<TARGET_OBJECTS:...> gives them).
# Prints the graphs it drew; exits 1 on any violation.
set -u
src=${1:?usage: check-layers.sh SOURCE_DIR CORE_OBJECTS TUI_OBJECTS}
core_objs=${2:-}
tui_objs=${3:-}
cd "$src" || exit 2
fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

rank() {
	case $1 in
	main) echo 6 ;; cli) echo 5 ;; tui) echo 4 ;; ops) echo 3 ;;
	store) echo 2 ;; model) echo 1 ;; util) echo 0 ;; *) echo -1 ;;
	esac
}

# The layer of a public header, by its name.
header_layer() {
	case $1 in
	ops.h | ops-*.h) echo ops ;;
	store.h | store-*.h) echo store ;;
	tui.h | tui-*.h) echo tui ;;
	cli.h | cli-*.h) echo cli ;;
	util.h) echo util ;;
	*)	# named after its file: src/util/buf.c is buf.h
		if [ -f "src/util/${1%.h}.c" ]; then
			echo util
		else
			echo model
		fi ;;
	esac
}

# The layer of a file of the tree, by where it is.
file_layer() {
	case $1 in
	src/main.c) echo main ;;
	src/cli/*) echo cli ;;
	src/tui/*) echo tui ;;
	src/ops/*) echo ops ;;
	src/store/*) echo store ;;
	src/model/*) echo model ;;
	src/util/*) echo util ;;
	include/vigil/*) header_layer "${1##*/}" ;;
	*) echo "" ;;
	esac
}

files=$(find src include/vigil -name '*.[ch]' | LC_ALL=C sort)

# ---- 1. layers --------------------------------------------------------
: >"$tmp/layer-edges"
for f in $files; do
	from=$(file_layer "$f")
	while read -r inc; do
		case $inc in
		vigil/*) to=$(header_layer "${inc#vigil/}") ;;
		*) to=$from ;;		# a private header of the same folder
		esac
		echo "$from $to $f $inc" >>"$tmp/layer-edges"
		if [ "$(rank "$to")" -gt "$(rank "$from")" ]; then
			echo "check-layers: $f ($from) includes $inc ($to):" \
			    "an arrow pointing up" >&2
			fail=1
		fi
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
for h in include/vigil/*.h; do
	base=${h##*/}
	base=${base%.h}
	[ "$(header_layer "$base.h")" = model ] || continue
	for d in cli tui ops store; do
		if [ -f "src/$d/$base.c" ] && [ ! -f "src/model/$base.c" ]; then
			echo "check-layers: $h is named as the model's but" \
			    "src/$d/$base.c implements it" >&2
			fail=1
		fi
	done
done
echo "== layers (includes between layers, with their count) =="
awk '$1 != $2 { print $1 " -> " $2 }' "$tmp/layer-edges" | sort |
    uniq -c | awk '{ printf "  %-6s -> %-6s %4d\n", $2, $4, $1 }'

# tsort names a loop on stderr; the edges are "from to" lines.
check_circle() {
	local what=$1 edges=$2 out
	out=$(tsort "$edges" 2>&1 >/dev/null)
	if [ -n "$out" ]; then
		echo "check-layers: a circle in $what:" >&2
		sed -E 's#^tsort: ([^:]*: )?#  #' <<<"$out" >&2
		fail=1
	fi
}

# ---- 2. src/ops: includes --------------------------------------------
# A module is a file with its header: notify.c and ops-notify.h are
# "notify", op.c and op.h "op", ops.c and ops.h "ops".
module() {
	local n=${1##*/}
	n=${n%.[ch]}
	case $n in ops) ;; ops-*) n=${n#ops-} ;; esac
	echo "$n"
}
: >"$tmp/ops-inc"
for f in src/ops/*.c src/ops/*.h include/vigil/ops.h include/vigil/ops-*.h
do
	[ -f "$f" ] || continue
	m=$(module "$f")
	echo "$m $m" >>"$tmp/ops-inc"	# every node, even alone
	while read -r inc; do
		h=${inc#vigil/}
		if [ -f "include/vigil/$h" ]; then
			[ "$(header_layer "$h")" = ops ] || continue
		elif [ ! -f "src/ops/$h" ]; then
			continue
		fi
		echo "$m $(module "$h")" >>"$tmp/ops-inc"
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
echo "== src/ops: includes between modules (file.c + its header) =="
awk '$1 != $2' "$tmp/ops-inc" | sort -u | awk '{ print "  " $1 " -> " $2 }'
check_circle "the includes of src/ops" "$tmp/ops-inc"

# ---- calls, from the object files -------------------------------------
# edges "caller callee" between the objects of a set, by symbol
call_edges() {
	local list=$1 o
	local IFS=';'
	for o in $list; do
		[ -f "$o" ] || continue
		nm "$o" 2>/dev/null | awk -v m="$o" '
		    $1 == "U" { print "U", m, $2 }
		    NF == 3 && $2 ~ /^[TDRB]$/ { print "D", m, $3 }'
	done | awk '
	    $1 == "D" { def[$3] = $2; next }
	    { use[NR] = $2 " " $3 }
	    END {
		for (i in use) {
			split(use[i], u, " ")
			if ((u[2] in def) && def[u[2]] != u[1])
				print u[1], def[u[2]]
		}
	    }' | sort -u
}

# the source name of an object: .../src/ops/notify.c.o -> notify.c
short() {
	sed -E 's#[^ ]*/([^/ ]+)\.o#\1#g'
}

ops_objs=$(tr ';' '\n' <<<"$core_objs" | grep '/src/ops/' | paste -sd ';')
if [ -z "$ops_objs" ]; then
	echo "check-layers: no object files of src/ops given" >&2
	exit 2
fi
call_edges "$ops_objs" | short >"$tmp/ops-calls"
tr ';' '\n' <<<"$ops_objs" | short | awk '{ print $1, $1 }' \
    >>"$tmp/ops-calls"
echo "== src/ops: calls (caller -> callee) =="
awk '$1 != $2' "$tmp/ops-calls" | sort -u | awk '{ print "  " $1 " -> " $2 }'
check_circle "the calls of src/ops" "$tmp/ops-calls"

# ---- 3. the console's action files: calls -----------------------------
act_objs=$(tr ';' '\n' <<<"$tui_objs" | grep -E '/src/tui/actions[^/]*\.c\.o$' |
    paste -sd ';')
if [ -z "$act_objs" ]; then
	echo "check-layers: no object files of src/tui/actions*.c given" >&2
	exit 2
fi
call_edges "$act_objs" | short >"$tmp/act-calls"
tr ';' '\n' <<<"$act_objs" | short | awk '{ print $1, $1 }' \
    >>"$tmp/act-calls"
echo "== src/tui/actions*.c: calls (caller -> callee) =="
awk '$1 != $2' "$tmp/act-calls" | sort -u | awk '{ print "  " $1 " -> " $2 }'
check_circle "the calls among src/tui/actions*.c" "$tmp/act-calls"

if [ "$fail" -ne 0 ]; then
	echo "check-layers: FAILED (see docs/ARCHITECTURE.md)" >&2
	exit 1
fi
echo "check-layers: the layers hold; no circle in src/ops or among" \
    "src/tui/actions*.c"
