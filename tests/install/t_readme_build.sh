#!/bin/sh
# README's "Building by hand" as a new user would follow it: a clean copy of
# the sources, the first command of that section run as written, then
# ./gxnews --demo in the source tree: it finds its profile, its demo and
# its translations there, with no setting and no install.
. "$(dirname "$0")/../lib.sh"
unset MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEOVERRIDES GXNEWS_DATADIR GXNEWS_LOCALEDIR
command -v autoreconf >/dev/null || skip_all "autoreconf is not installed"
S="$T/src"

# The command line under "Building by hand", as README has it.
cmd=$(awk '/^Building by hand/ { on = 1; next } on && /^    [a-z]/ { sub(/^    /, ""); print; exit }' \
	"$top_srcdir/README")
contains "$cmd" "./configure && make" "README says how to build by hand: $cmd"

# A clean copy: the files a clone has (or the whole tarball in distcheck,
# which may sit inside a clone's build directory).
mkdir "$S"
top=$(cd "$top_srcdir" && pwd -P)
if [ "$(git -C "$top" rev-parse --show-toplevel 2>/dev/null)" = "$top" ]; then
	(cd "$top_srcdir" && git ls-files -z | xargs -0 cp --parents -t "$S")
else
	(cd "$top_srcdir" && tar cf - --exclude='./build*' --exclude=./autom4te.cache \
		--exclude=./_build --exclude=./_inst .) |
		(cd "$S" && tar xf -)
	chmod -R u+w "$S"
fi
(cd "$S" && sh -c "$cmd") >"$T/build.log" 2>&1
rc=$?
ok $rc "it builds in the source tree"
[ $rc -eq 0 ] || tail -n 20 "$T/build.log" | sed 's/^/#   /'

got=$(cd "$S" && ./gxnews --demo --list rank-all 2>"$T/err")
contains "$got" "贵阳高新区以党建引领赋能园区经济高质量发展" \
	"./gxnews --demo --list rank-all finds its profile and demo in the tree"
lacks "$(cat "$T/err")" "share/gxnews" "and never looks for the installed data"
got=$(cd "$S" && LANGUAGE=zh_CN ./gxnews --help 2>/dev/null)
contains "$got" "用法" "and speaks Chinese from the translations it built"

if command -v tmux >/dev/null; then
	tmux_start 80 24 sh -c "cd '$S' && ./gxnews --demo"
	wait_for "排行·全部" 15
	ok $? "./gxnews --demo shows the demo's tabs on the screen"
	wait_until 10 eval 'row 1 | grep -q "20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]"'
	ok $? "and a list of dated articles"
	keys q
	wait_until 5 eval '! alive'
	ok $? "and q quits"
fi
done_testing
