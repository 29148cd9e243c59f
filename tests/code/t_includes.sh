#!/bin/sh
# Who may include whom (HACKING.md): the include graph of src/, a module
# being a .c file with its .h, has no cycle; no view includes another view,
# or the reader, or names another view's table; only screen.c includes
# curses, only store.c SQLite, only net.c libcurl (with net_curl.c, which
# opens it when the network is first used).
. "$(dirname "$0")/../lib.sh"
S="$top_srcdir/src"

graph=$("${PYTHON3:-python3}" - "$S" <<'PY'
import os, re, sys
src = sys.argv[1]
inc = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
edges = {}
for f in sorted(os.listdir(src)):
    if not f.endswith((".c", ".h")):
        continue
    m = f.rsplit(".", 1)[0]
    for h in inc.findall(open(os.path.join(src, f), encoding="utf-8").read()):
        d = h.rsplit(".", 1)[0]
        if h != "config.h" and d != m:
            edges.setdefault(m, set()).add(d)
            edges.setdefault(d, set())
for m in sorted(edges):
    for d in sorted(edges[m]):
        print(m, d)
PY
)
ok $([ -n "$graph" ]; echo $?) "the include graph is read ($(printf '%s\n' "$graph" | wc -l) edges)"

# A cycle: tsort says so on stderr.
cycle=$(printf '%s\n' "$graph" | tsort 2>&1 >/dev/null)
is "$cycle" "" "the include graph of src/ has no cycle"

views=$(cd "$S" && ls view_*.c | sed 's/\.c$//')
ok $([ "$(printf '%s\n' "$views" | wc -l)" -ge 5 ]; echo $?) "there are views: $(echo $views)"
bad=""
for v in $views; do
	for d in $(printf '%s\n' "$graph" | awk -v m="$v" '$1 == m { print $2 }'); do
		case $d in
		view_*|reader) bad="$bad $v->$d" ;;
		esac
	done
	own=${v#view_}_ops
	for sym in $(grep -o 'view_[a-z_]*_ops' "$S/$v.c" "$S/$v.h" | sed 's/.*://' | sort -u); do
		[ "$sym" = "view_$own" ] || bad="$bad $v:$sym"
	done
done
is "$bad" "" "no view includes another view or the reader, or names another view"

only() {	# only HEADER-PATTERN FILE...: the files of src/ that include it
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	got=$(cd "$S" && grep -l "^#include <$pat" *.c *.h | sort | tr '\n' ' ')
}
pat='curses\.h\|^#include <term\.h\|^#include <ncurses'
only screen.c
is "$got" "$want" "only screen.c includes curses"
pat='sqlite3\.h'
only store.c
is "$got" "$want" "only store.c includes SQLite"
pat='curl/'
only net.c net_curl.c
is "$got" "$want" "only net.c (and net_curl.c, which opens it) includes libcurl"
done_testing
