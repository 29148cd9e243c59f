#!/bin/sh
# Server faults through the whole reader: after a good first run, each
# fault of tests/server.py stands in for the whole site (every page URL is
# mapped onto the fault URL).  Each time --list still prints the cached
# list, stderr says in words what went wrong and that the cached copy is
# shown, and the cache holds everything it held before.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"
TABS="rank-all rank-month picks 要闻 园区 企业"
C="$T/c.db"

# snapshot FILE: every tab as the cache has it.
snapshot() {
	for tab in $TABS; do
		echo "== $tab"
		"$GXNEWS" --offline --cache "$C" --list "$tab" 2>&1
	done >"$1"
}

server_start "$top_srcdir/data/demo/www.chinahightech.com"
U="http://127.0.0.1:$PORT/"
for tab in $TABS; do "$GXNEWS" --site-url "$U" --cache "$C" --list "$tab" >/dev/null 2>&1; done
snapshot "$T/before"
n=$(grep -vc '^==' "$T/before")
ok $([ "$n" -ge 40 ]; echo $?) "a good first run caches every tab ($n articles)"
"$GXNEWS" --offline --cache "$C" --list 园区 >"$T/want" 2>/dev/null

# fault URL | words stderr must hold | what a user would notice
while IFS='|' read -r fault words name; do
	[ -n "$fault" ] || continue
	case $fault in
	refused) url="http://127.0.0.1:1/" ;;
	*) url="${U}_fault/$fault&p=" ;;
	esac
	start=$(date +%s)
	timeout 120 "$GXNEWS" --site-url "$url" --cache "$C" --list 园区 >"$T/out" 2>"$T/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	err=$(cat "$T/err")
	is "$rc" 0 "$name: --list still succeeds from the cache (${secs}s)"
	is "$(cat "$T/out")" "$(cat "$T/want")" "$name: the cached list is printed whole"
	contains "$err" "$words" "$name: stderr says what happened"
	contains "$err" "cached" "$name: stderr says the cached copy is shown"
	clean "$T/err" "$name: the message holds no control"
	snapshot "$T/after"
	ok $(cmp -s "$T/before" "$T/after"; echo $?) "$name: nothing cached before is lost"
	cp "$T/after" "$T/before"
done <<'FAULTS'
status?code=500|server error (500)|a 500 on every page
status?code=503|503|a 503 on every page
404?x=1|not found (404)|a 404 on every page
stall?x=1|stall|a server that stalls mid-body
endless?x=1|32 MB|an endless body
gzip-bomb?x=1|32 MB|a gzip bomb
redirect-loop?x=1|too many redirects|a redirect loop
redirect-file?x=1|file:|a redirect to file:///etc/passwd
reset?x=1|closed the connection|a connection reset without an answer
refused|connection refused|a refused connection
FAULTS

# A 200 page that is not the site at all (a captive portal, a maintenance
# page, a 429 answered later by such a page): the tabs and lists it does
# not show must stay, and stderr says the page held no list.
for fault in 'status?code=200' '429?key=k1&after=1'; do
	"$GXNEWS" --site-url "${U}_fault/$fault&p=" --cache "$C" --list rank-all >"$T/out" 2>"$T/err"
	snapshot "$T/after"
	cmp -s "$T/before" "$T/after"
	ok $? "a 200 page with no list ($fault): nothing cached before is lost"
	err=$(cat "$T/err")
	case $err in *"no "*|*"not"*|*"empty"*|*"recogni"*) r=0 ;; *) r=1 ;; esac
	ok $r "a 200 page with no list ($fault): stderr says the page held no list"
done
done_testing
