#!/bin/sh
# Bad networks in bounded time, with the defaults users get: against a
# server that stalls, one that trickles, a black hole (SYN dropped) and one
# that resets mid-page, `gxnews --list` answers within its 15 s budget
# (net-timeout) with the cached list and one line on stderr that names the
# host, what it did and since when the copy is; `gxnews --dump` the same.
# The budget is a setting (config, --net-timeout, --set); a host that
# failed is remembered in the cache and asked once; Retry-After is honoured
# up to its cap; one host that fails is that host, not "offline"; "site
# none" never touches the site.
# Every server is on 127.0.0.0/8.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
. "$top_srcdir/tests/fault/fault.sh"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"
BUDGET=15       # the default net-timeout
SLACK=3         # start-up, the cache, a loaded machine

net_server "$top_srcdir/data/demo"
B="http://127.0.0.1:$PORT"
U="$B/www.chinahightech.com/"
C0="$T/good.db"
for tab in 要闻 园区 rank-all; do "$GXNEWS" --site-url "$U" --cache "$C0" --list $tab >/dev/null 2>&1; done
"$GXNEWS" --offline --cache "$C0" --list 园区 >"$T/want" 2>/dev/null
ok $([ "$(wc -l <"$T/want")" -ge 10 ]; echo $?) "a good first run caches 园区 ($(wc -l <"$T/want") articles)"

# run_list NAME SITE-URL [OPTION...]: --list 园区 on a fresh copy of the good
# cache; sets rc, secs, err.
run_list() {
	_name=$1 _url=$2; shift 2
	cp "$C0" "$T/c.db"
	_t0=$(now)
	timeout 120 "$GXNEWS" "$@" --site-url "$_url" --cache "$T/c.db" --list 园区 >"$T/out" 2>"$T/err"
	rc=$?
	secs=$(since "$_t0")
	err=$(cat "$T/err")
}

# name | site URL | what stderr must say | budget the answer comes within
while IFS='|' read -r name url words; do
	[ -n "$name" ] || continue
	url=$(eval "printf '%s' \"$url\"")
	run_list "$name" "$url"
	is "$rc" 0 "$name: --list succeeds from the cache"
	below "$secs" $((BUDGET + SLACK))
	ok $? "$name: answers within the ${BUDGET} s budget (${secs} s)"
	is "$(cat "$T/out")" "$(cat "$T/want")" "$name: the cached list is printed whole"
	contains "$err" "$words" "$name: stderr says what the host did"
	contains "$err" "showing the copy cached at" "$name: and since when the copy is"
	is "$(wc -l <"$T/err" | tr -d ' ')" 1 "$name: on one line"
	lacks "$err" "offline" "$name: one host failing is not 'offline'"
	clean "$T/err" "$name: the message holds no control"
done <<'SERVERS'
a server that stalls mid-page|$B/_fault/stall?x=1&p=|127.0.0.1 stopped sending the page (stalled for 5 s)
a server that trickles a byte every 500 ms|$B/_fault/trickle?x=1&p=|127.0.0.1 sends too slowly (under 100 bytes/s for 5 s)
a black hole (every SYN dropped)|http://127.0.0.2:$HOLE/|cannot reach 127.0.0.2: no connection within 5 s
a server that resets the connection mid-page|$B/_fault/reset-mid-body?x=1&p=|127.0.0.1 broke off the connection
a server that sends 250 bytes/s, fast enough never to stall|$B/_fault/trickle?ms=4&p=|127.0.0.1 took longer than 15 s
SERVERS

# ---- --dump keeps the same budget -----------------------------------------
# an article the cache has opens at once whatever the host does; one it
# lacks is given up within the budget, with one line naming the host
CACHED=$(head -n 1 "$T/want" | cut -f 3)
ARTICLE=http://www.chinahightech.com/html/yuanqu/2022/0422/51034.html    # on 园区 page 2
"$GXNEWS" --offline --cache "$C0" --dump "$ARTICLE" >/dev/null 2>&1
is "$?" 1 "the article of the --dump checks is not in the good cache"
while IFS='|' read -r name url words; do
	[ -n "$name" ] || continue
	url=$(eval "printf '%s' \"$url\"")
	cp "$C0" "$T/d.db"
	"$GXNEWS" --site-url "$U" --cache "$T/d.db" --dump "$CACHED" >/dev/null 2>&1
	_t0=$(now)
	timeout 120 "$GXNEWS" --site-url "$url" --cache "$T/d.db" --dump "$CACHED" >"$T/out" 2>"$T/err"
	rc=$?; secs=$(since "$_t0")
	is "$rc:$(cat "$T/err")" "0:" "--dump, $name: a cached article opens without a word"
	below "$secs" "$SLACK"; ok $? "--dump, $name: at once (${secs} s)"
	_t0=$(now)
	timeout 120 "$GXNEWS" --site-url "$url" --cache "$T/d.db" --dump "$ARTICLE" >"$T/out" 2>"$T/err"
	rc=$?; secs=$(since "$_t0")
	is "$rc:$(wc -l <"$T/err" | tr -d ' ')" "1:1" "--dump, $name: an article not cached fails with one line"
	below "$secs" $((BUDGET + SLACK))
	ok $? "--dump, $name: within the ${BUDGET} s budget (${secs} s)"
	contains "$(cat "$T/err")" "$words" "--dump, $name: stderr says what the host did"
done <<'SERVERS'
a server that stalls mid-page|$B/_fault/stall?x=4&p=|127.0.0.1 stopped sending the page (stalled for 5 s)
a server that trickles a byte every 500 ms|$B/_fault/trickle?x=4&p=|127.0.0.1 sends too slowly (under 100 bytes/s for 5 s)
a black hole (every SYN dropped)|http://127.0.0.2:$HOLE/|cannot reach 127.0.0.2: no connection within 5 s
a server that resets the connection mid-page|$B/_fault/reset-mid-body?x=4&p=|127.0.0.1 broke off the connection
SERVERS

# ---- the reader while the host stalls -------------------------------------
cp "$C0" "$T/ui.db"
_t0=$(now)
tmux_start 80 24 "$GXNEWS" --site-url "$B/_fault/stall?x=9&p=" --cache "$T/ui.db"
wait_for "园区" 5
wait_status "127.0.0.1: nothing for" 5
ok $? "the reader: a stalled host is named on the status line within 5 s ($(since "$_t0") s)"
keys j
wait_status " 2/" 1
ok $? "the reader: a key is answered while the host stalls"
tmux_stop
cp "$C0" "$T/ui.db"
python3 "$top_srcdir/tests/fault/keylat.py" 40 1000 "$GXNEWS" \
	--site-url "$B/_fault/stall?x=10&p=" --cache "$T/ui.db" >"$T/lat"
ok $? "the reader: 40 keys while the host stalls, each answered within 1 s ($(cat "$T/lat"))"

# ---- the budget is the user's: config, --net-timeout, --set -------------
mkdir -p "$XDG_CONFIG_HOME/gxnews"
S="$B/_fault/stall?x=2&p="
run_list "--net-timeout 6" "$S" --net-timeout 6
below "$secs" $((6 + SLACK)); ok $? "--net-timeout 6: answers within 6 s (${secs} s)"
contains "$err" "stalled for 2 s" "--net-timeout 6: the stall limit is a third of it"
printf 'net-timeout 6\n' >"$XDG_CONFIG_HOME/gxnews/config"
run_list "config net-timeout 6" "$S"
below "$secs" $((6 + SLACK)); ok $? "config net-timeout 6: answers within 6 s (${secs} s)"
contains "$err" "stalled for 2 s" "config net-timeout 6: the stall limit follows"
run_list "--set net-stall-timeout=1" "$S" --set net-stall-timeout=1
contains "$err" "stalled for 1 s" "--set net-stall-timeout=1 over the config's net-timeout"
printf 'net-timeout 30\nnet-stall-timeout 1\nnet-tries 1\n' >"$XDG_CONFIG_HOME/gxnews/config"
run_list "config net-stall-timeout, net-tries" "$S"
contains "$err" "stalled for 1 s" "config net-stall-timeout 1: a try ends after a second"
lacks "$err" "tried" "config net-tries 1: one try"
printf 'net-connect-timeout 1\n' >"$XDG_CONFIG_HOME/gxnews/config"
run_list "config net-connect-timeout 1" "http://127.0.0.2:$HOLE/"
contains "$err" "no connection within 1 s" "config net-connect-timeout 1: a black hole is left after a second"
below "$secs" 8; ok $? "config net-connect-timeout 1: three tries of a second, sooner than the default's two of 5 s (${secs} s)"
rm -f "$XDG_CONFIG_HOME/gxnews/config"
for bad in "net-timeout 0" "net-timeout soon" "net-tries 0" "sync-pages 0" "net-stall-timeout -1"; do
	printf '%s\n' "$bad" >"$XDG_CONFIG_HOME/gxnews/config"
	"$GXNEWS" --offline --cache "$C0" --list 园区 >/dev/null 2>"$T/err"
	is "$?" 2 "config '$bad' is refused (exit 2)"
	contains "$(cat "$T/err")" "config:1: ${bad%% *} takes" "config '$bad': the message names the setting and the line"
done
rm -f "$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --set net-timeout=x --offline --cache "$C0" --list 园区 >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "2:gxnews: --set: net-timeout takes a number of seconds from 1 to 3600, not 'x'" \
	"--set with a bad value is a usage error that names it"

# ---- a host that failed is remembered, and asked once ---------------------
S="$B/_fault/stall?x=3&p="
cp "$C0" "$T/h.db"
"$GXNEWS" --site-url "$S" --cache "$T/h.db" --list 园区 >/dev/null 2>&1
is "$(requests "stall?x=3")" 2 "a stalled host: its first page is tried twice, the list behind it not at all"
_t0=$(now)
"$GXNEWS" --site-url "$S" --cache "$T/h.db" --list 园区 >/dev/null 2>"$T/err"
secs=$(since "$_t0")
is "$(requests "stall?x=3")" 3 "run again a minute later: the host is asked once, not once per tab"
below "$secs" 8; ok $? "run again: one try of 5 s, not two (${secs} s)"
contains "$(cat "$T/err")" "stopped sending the page" "run again: stderr says what it did"
python3 - "$T/h.db" >"$T/hosts" <<'PY'
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute("SELECT name, fails, retry_at - failed_at, told FROM hosts"):
    print(*row)
PY
contains "$(cat "$T/hosts")" "127.0.0.1 2 120 0" "the cache keeps the host, its failures and a pause that doubles"
"$GXNEWS" --site-url "$U" --cache "$T/h.db" --list 园区 >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "the host answers again: the list is fresh, nothing on stderr"
python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM hosts').fetchone()[0])" "$T/h.db" >"$T/n"
is "$(cat "$T/n")" 0 "and the cache forgets that it failed"

# ---- Retry-After, up to its cap -------------------------------------------
R="$B/_fault/429?key=ra1&after=100000&p="
cp "$C0" "$T/r.db"
_t0=$(now)
"$GXNEWS" --site-url "$R" --cache "$T/r.db" --list 园区 >"$T/out" 2>"$T/err"
rc=$?; secs=$(since "$_t0")
is "$rc:$(cat "$T/out" | wc -l | tr -d ' ')" "0:$(wc -l <"$T/want" | tr -d ' ')" "Retry-After: 100000: the cached list at once"
below "$secs" 3; ok $? "Retry-After: 100000: not waited for (${secs} s)"
contains "$(cat "$T/err")" "asks to wait 100000 s" "Retry-After: 100000: stderr says what the server asked"
n=$(requests "key=ra1")
"$GXNEWS" --site-url "$R" --cache "$T/r.db" --list 园区 >/dev/null 2>"$T/err"
is "$(requests "key=ra1")" "$n" "Retry-After: the next run does not ask the host at all"
contains "$(cat "$T/err")" "asks to wait 100000 s" "Retry-After: and says why"
python3 -c "import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute('SELECT retry_at - failed_at, told FROM hosts').fetchone())" "$T/r.db" >"$T/n"
is "$(cat "$T/n")" "3600 1" "Retry-After: honoured up to its cap, an hour"
cp "$C0" "$T/r2.db"
_t0=$(now)
"$GXNEWS" --site-url "$B/_fault/429?key=ra2&after=1&p=" --cache "$T/r2.db" --list 园区 >/dev/null 2>&1
secs=$(since "$_t0")
is "$(requests "key=ra2")" 3 "Retry-After: 1: waited for, then asked again, then the list"
below 0.9 "$secs"; ok $? "Retry-After: 1: a second was waited (${secs} s)"

# ---- per host, said plainly -----------------------------------------------
# a feed on the test server whose items carry their text (nothing else to
# fetch), beside a copy of the site
mkdir -p "$T/root"
cp -r "$top_srcdir/data/demo/www.chinahightech.com" "$T/root/"
cp "$top_srcdir/tests/fault/feed.xml" "$T/root/"
net_server_stop
net_server "$T/root"
B="http://127.0.0.1:$PORT"
FEED="$B/feed.xml"
printf 'feed %s 订阅\n' "$FEED" >"$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --site-url "http://127.0.0.2:9/" --cache "$T/f.db" --list 订阅 >"$T/out" 2>"$T/err"
rc=$?
is "$rc:$(wc -l <"$T/out" | tr -d ' ')" "0:2" "the site refusing, the feed fine: the feed is listed"
contains "$(cat "$T/err")" "cannot reach 127.0.0.2: connection refused" "the site refusing: stderr names its host and what it did"
lacks "$(cat "$T/err")" "offline" "the site refusing, the feed fine: not 'offline'"
cp "$C0" "$T/ui2.db"
tmux_start 100 24 "$GXNEWS" --site-url "http://127.0.0.2:9/" --cache "$T/ui2.db"
wait_status "cannot reach 127.0.0.2: connection refused" 20
ok $? "the reader, the site refusing: the status line names its host and what it did"
lacks "$(status_line)" "offline" "the reader, the site refusing: not 'offline'"
tmux_stop
printf 'site none\nsite-url %s\nfeed %s 订阅\n' "$B/www.chinahightech.com/" "$FEED" >"$XDG_CONFIG_HOME/gxnews/config"
: >"$T/log"
"$GXNEWS" --cache "$T/n.db" --list 订阅 >"$T/out" 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "site none: the feed is listed, nothing on stderr"
is "$(grep -vc "feed.xml" "$T/log")" 0 "site none: the site is never asked anything"
"$GXNEWS" --cache "$T/n.db" --sync >/dev/null 2>&1
is "$(grep -vc "feed.xml" "$T/log")" 0 "site none: not even by --sync"
"$GXNEWS" --cache "$T/n.db" --list 园区 >/dev/null 2>"$T/err"
contains "$(cat "$T/err")" "no tab named" "site none: the site's tabs are gone"
printf 'feed http://127.0.0.3:9/feed.xml\n' >"$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --site-url "http://127.0.0.2:9/" --cache "$T/o.db" --sync >/dev/null 2>"$T/err"
rc=$?
is "$rc" 2 "no host answers: --sync exits 2"
contains "$(cat "$T/err")" "offline: no host answers" "no host answers: that, and only that, is 'offline'"
rm -f "$XDG_CONFIG_HOME/gxnews/config"
done_testing
