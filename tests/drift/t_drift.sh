#!/bin/sh
# Reading that survives markup drift.  mkvariants.py makes copies of the
# demo mirror, each with one kind of change a redesign or an editor's hand
# makes; every copy is read with the unchanged profile and every field of
# every page compared with the base mirror's values (test_drift prints a
# row a variant: fields read right per column; "*" the generic rules read
# some, "~" a fallback of the profile).  A copy the profile no longer
# reads alone makes the reader say so on the status line (stderr here),
# and the base mirror never does.
. "$(dirname "$0")/../lib.sh"
DRIFT="$top_builddir/tests/drift/test_drift"
V="$T/variants"

"${PYTHON3:-python3}" "$top_srcdir/tests/drift/mkvariants.py" "$top_srcdir/data/demo" "$V" \
	>"$T/list" 2>"$T/err"
ok $? "mkvariants.py makes the variants $(cat "$T/err")"
n=$(wc -l <"$T/list")
ok $([ "$n" -ge 25 ]; echo $?) "at least 25 kinds of change ($n)"

"$DRIFT" --head --name base "$top_srcdir/data/demo" | sed 's/^/# /'
tab=$(printf '\t')
while IFS="$tab" read -r name pages what; do
	loose=""
	[ -f "$V/$name/LOOSE_URLS" ] && loose=--loose-urls
	row=$("$DRIFT" --name "$name" $loose "$V/$name" 2>&1)
	rc=$?
	printf '%s\n' "$row" | sed 's/^\([^#]\)/# \1/'
	ok $rc "$name: every field of every page reads as on the base mirror ($what; $pages pages)"
	fell=$(printf '%s\n' "$row" | grep -v '^#' | grep -c '[0-9][*~]')
	# the reader says it had to guess (or that it did not have to)
	"$GXNEWS" --site-url "file://$V/$name/www.chinahightech.com/" --cache "$T/$name.db" \
		--sync >/dev/null 2>"$T/sync.err"
	sync_rc=$?
	said=$(grep -c 'Site layout changed' "$T/sync.err")
	ok $sync_rc "$name: --sync reads every page"
	if [ "$fell" -gt 0 ]; then
		ok $([ "$said" -gt 0 ]; echo $?) "$name: the reader says the site's layout changed"
	else
		is "$said" 0 "$name: read by the profile alone, nothing to say"
	fi
done <"$T/list"

# The base mirror: read by the profile alone, and nothing said.
"$GXNEWS" --site-url "$DEMO" --cache "$T/base.db" --sync >/dev/null 2>"$T/sync.err"
ok $? "the base mirror: --sync reads every page"
lacks "$(cat "$T/sync.err")" "Site layout changed" "the base mirror: no layout change is said"

# What a user sees: a list date read whatever holds it, and said once.
got=$("$GXNEWS" --site-url "file://$V/date-cn/www.chinahightech.com/" --cache "$T/l.db" \
	--list 园区 2>"$T/err")
want=$(awk -F'\t' '$1 == "item" { print $2 "\t" $3 "\t" $4 }' \
	"$top_srcdir/tests/fixtures/demo/www.chinahightech.com/html/yuanqu/index.html.expect")
is "$got" "$want" "dates written 2022年7月4日: --list 园区 prints the base mirror's list"
is "$(grep -c 'Site layout changed: list dates read by generic rules' "$T/err")" 1 \
	"and says once that list dates were read by the generic rules"
done_testing
