#!/bin/sh
# Nothing lost on a kill: a --sync killed with SIGKILL at random moments,
# 24 times (four caches started empty, six kills each: the first at a
# moment of the first half of the time a sync takes, the others after one
# to eight pages more came), each time leaves a cache that passes PRAGMA
# integrity_check, opens, and lists and holds at least everything it did
# before the kill; run to its end at last, the sync leaves the cache a sync
# never interrupted does.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/fault/fault.sh"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server and the checks"
KILLS=24
TABS="要闻 园区 企业 数字报 rank-all rank-month picks"

# snapshot CACHE FILE: every tab as --offline lists it, each line tagged
# with its tab; and every article the cache can open (sorted).
snapshot() {
	for tab in $TABS; do
		"$GXNEWS" --offline --cache "$1" --list "$tab" 2>/dev/null | sed "s/^/$tab	/"
	done | sort >"$2"
}
# check CACHE: "ok BODIES" (PRAGMA integrity_check and the article bodies
# held), or what is wrong
check() {
	python3 - "$1" <<'PY'
import sqlite3, sys
try:
    db = sqlite3.connect(sys.argv[1])
    r = db.execute("PRAGMA integrity_check").fetchone()[0]
    # killed before its tables were made, a cache is empty, not broken
    made = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'bodies'").fetchone()[0]
    n = (db.execute("SELECT count(*) FROM bodies").fetchone()[0] if made else 0) if r == "ok" else ""
    print(r, n)
except Exception as e:
    print("error:", e)
PY
}

# slow enough (20 ms a page) that a sync lasts a couple of seconds
net_server "$top_srcdir/data/demo" --latency-ms 20
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
_t0=$(now)
"$GXNEWS" --site-url "$U" --cache "$T/ref.db" --sync >/dev/null 2>&1
ok $? "a sync never interrupted: the reference"
# the kills fall within the time that sync took (on a loaded machine, longer)
span=$(awk -v s="$(since "$_t0")" 'BEGIN { ms = int(s * 1000); print (ms > 1500 ? ms : 1500) }')
snapshot "$T/ref.db" "$T/ref"

C="$T/c.db"
broken=0 lost=0 unopened=0 grew=0 bodies=0
i=0
while [ $i -lt $KILLS ]; do
	if [ $((i % 6)) -eq 0 ]; then
		rm -f "$C" "$C-wal" "$C-shm"
		: >"$T/before"
		had=0
	fi
	i=$((i + 1))
	rnd=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	asked=$(grep -c '^200 ' "$T/log")
	_t0=$(now)
	"$GXNEWS" --site-url "$U" --cache "$C" --sync >/dev/null 2>&1 &
	pid=$!
	if [ $(((i - 1) % 6)) -eq 0 ]; then     # an empty cache: in its first half
		ms=$((rnd % (span / 2)))
		sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	else                                    # after one to eight pages more came
		wait_until 30 sh -c "[ \$(grep -c '^200 ' '$T/log') -gt $((asked + rnd % 8)) ] ||
			! kill -0 $pid 2>/dev/null"
	fi
	ms=$(awk -v s="$(since "$_t0")" 'BEGIN { print int(s * 1000) }')
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	r=$(check "$C")
	case $r in
	"ok "*) n=${r#ok }
	        [ "$n" -ge "$had" ] || { bodies=$((bodies + 1)); echo "# kill $i at ${ms} ms: $had articles before, $n after"; }
	        [ "$n" -gt "$had" ] && grew=$((grew + 1))
	        had=$n ;;
	*) broken=$((broken + 1)); echo "# kill $i at ${ms} ms: integrity_check: $r" ;;
	esac
	# opened: it lists picks, or says picks was never fetched (the kill
	# fell before the sync came to it)
	"$GXNEWS" --offline --cache "$C" --list picks >/dev/null 2>"$T/err" ||
		grep -q "this tab was never fetched" "$T/err" ||
		[ ! -s "$T/before" ] || { unopened=$((unopened + 1)); echo "# kill $i at ${ms} ms: $(cat "$T/err")"; }
	snapshot "$C" "$T/after"
	# a line is its tab and its address: a ranking's row gains its date
	# once its article is fetched, and is not lost for that
	cut -f 1,4 "$T/before" | sort >"$T/before.k"
	cut -f 1,4 "$T/after" | sort >"$T/after.k"
	missing=$(comm -23 "$T/before.k" "$T/after.k" | wc -l)
	[ "$missing" -eq 0 ] || { lost=$((lost + 1)); echo "# kill $i at ${ms} ms: $missing list lines lost"; }
	cp "$T/after" "$T/before"
done
is "$broken" 0 "$KILLS kills at random moments of a sync: PRAGMA integrity_check says ok every time"
is "$unopened" 0 "$KILLS kills: the cache opens every time"
is "$lost" 0 "$KILLS kills: nothing listed before a kill is gone after it"
is "$bodies" 0 "$KILLS kills: no article stored before a kill is gone after it"
ok $([ "$grew" -ge $((KILLS / 3)) ]; echo $?) "the kills fell while the sync was storing ($grew of $KILLS found more articles than before)"
"$GXNEWS" --site-url "$U" --cache "$C" --sync >/dev/null 2>"$T/err"
is "$?" 0 "after the kills, a sync runs to its end"
snapshot "$C" "$T/after"
cmp -s "$T/ref" "$T/after"
ok $? "and leaves the cache listing what an uninterrupted sync does"
bad=0
for url in $(cut -f 4 "$T/ref" | sort -u); do
	"$GXNEWS" --offline --cache "$C" --dump "$url" >/dev/null 2>&1 || bad=$((bad + 1))
done
is "$bad" 0 "and every article listed opens offline"
done_testing
