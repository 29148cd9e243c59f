#!/bin/sh
# Broken disks and broken runs: a reload killed with SIGKILL, a full disk,
# a read-only cache, a corrupt or truncated cache, a config file cut
# mid-line, a missing site profile.  Each time the user is told what
# happened and what to do, and nothing cached before is lost.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"
TABS="rank-all rank-month picks 要闻 园区 企业"

# snapshot CACHE FILE: every tab as the cache has it.
snapshot() {
	for tab in $TABS; do
		echo "== $tab"
		"$GXNEWS" --offline --cache "$1" --list "$tab" 2>/dev/null || echo "(exit $?)"
	done >"$2"
}
# mounted DIR SIZE: a tmpfs of SIZE at DIR (root only); 1 if not possible.
mounted() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2" tmpfs "$1" 2>/dev/null || return 1
	_cleanup_hooks="umount_all $_cleanup_hooks"
	_mounts="$_mounts $1"
}
_mounts=""
umount_all() { for m in $_mounts; do umount "$m" 2>/dev/null; done; _mounts=""; }

# the whole demo, so the e-paper host is served beside the main one
server_start "$top_srcdir/data/demo"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
G="$T/good.db"
"$GXNEWS" --site-url "$U" --cache "$G" --sync >/dev/null 2>&1; ok $? "a good --sync fills the cache"
snapshot "$G" "$T/good"
n=$(grep -vc '^==' "$T/good"); ok $([ "$n" -ge 40 ]; echo $?) "the cache lists $n articles"

# ---- a reload killed with SIGKILL ------------------------------------------
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
msleep() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }
# kept BEFORE AFTER: every article a tab listed BEFORE it still lists
# AFTER, by URL (a killed run may add to the cache, and learn an article's
# date, never take from it).
urls() { awk -F'\t' '/^== / { tab = $0; next } !/^\(exit/ { print tab " " $NF }' "$1" | sort; }
kept() { urls "$2" >"$2.u"; urls "$1" | comm -23 - "$2.u" | head -n 5; }

cp "$G" "$T/k.db"
"$GXNEWS" --site-url "http://127.0.0.1:$PORT/_fault/slow?ms=3000&p=" --cache "$T/k.db" --sync >/dev/null 2>&1 &
pid=$!; sleep 1
kill -KILL $pid 2>/dev/null; ok $? "--sync waits on a slow server (3 s a page), and is killed while it waits"
wait $pid 2>/dev/null
snapshot "$T/k.db" "$T/after"
ok $(cmp -s "$T/good" "$T/after"; echo $?) "--sync killed while waiting on a slow server: --offline lists all it did before"

# A cache with every list but no article, so that --sync writes article
# after article; killed at 5 moments spread over the time a whole --sync
# takes here, so that they fall while it writes on a fast machine and on a
# slow one alike.
B="$T/lists-only.db"
for tab in $TABS; do "$GXNEWS" --site-url "$U" --cache "$B" --list "$tab" >/dev/null 2>&1; done
snapshot "$B" "$T/before"
# fetched DB: how many articles the cache holds whole
fetched() {
	python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles WHERE fetched > 0").fetchone()[0])' "$1"
}
cp "$B" "$T/k.db"
t0=$(ms_now); "$GXNEWS" --site-url "$U" --cache "$T/k.db" --sync >/dev/null 2>&1; d=$(( $(ms_now) - t0 ))
all=$(fetched "$T/k.db")
ok $([ "$(fetched "$B")" -eq 0 ] && [ "$all" -ge 40 ]; echo $?) \
	"a whole --sync from a cache of lists writes the articles ($all, in ${d}ms)"
lost="" landed=0 partial=0 moments=""
for k in 1 2 3 4 5; do
	ms=$(( d * k / 6 ))
	cp "$B" "$T/k.db"
	"$GXNEWS" --site-url "$U" --cache "$T/k.db" --sync >/dev/null 2>&1 &
	pid=$!; msleep $ms
	kill -KILL $pid 2>/dev/null && landed=$((landed + 1))
	wait $pid 2>/dev/null
	got=$(fetched "$T/k.db")
	moments="$moments ${ms}ms:$got"
	[ "$got" -gt 0 ] && [ "$got" -lt "$all" ] && partial=$((partial + 1))
	snapshot "$T/k.db" "$T/after"
	lost="$lost$(kept "$T/before" "$T/after")"
done
is "$lost" "" "--sync killed at 5 moments while it writes: nothing listed before is lost"
ok $([ $landed -ge 3 ] && [ $partial -ge 1 ]; echo $?) \
	"and kills landed midway, with some articles written and some not (moment:articles$moments)"

# ---- synced to disk ------------------------------------------------------------
# A killed process loses nothing of what SQLite committed; a power cut
# loses what was never synced.  Every fsync and fdatasync, noted by a shim.
if ${CC:-cc} -shared -fPIC -o "$T/count_fsync.so" "$top_srcdir/tests/fixtures/fault/count_fsync.c" \
	-ldl 2>"$T/cc.err"; then
	cp "$B" "$T/s.db"
	LD_PRELOAD="$T/count_fsync.so" COUNT_FSYNC="$T/fsyncs" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$GXNEWS" --site-url "$U" --cache "$T/s.db" --sync >/dev/null 2>"$T/s.err"
	rc=$?
	n=$(grep -c "$T/s.db" "$T/fsyncs" 2>/dev/null)
	ok $([ $rc -eq 0 ] && [ "${n:-0}" -ge 1 ]; echo $?) \
		"--sync that writes syncs the cache to disk (exit $rc, ${n:-0} syncs of s.db or its WAL)"
	[ "${n:-0}" -ge 1 ] || { tail -n 3 "$T/s.err"; cat "$T/fsyncs"; } 2>&1 | sed 's/^/#   /'
else
	_n=$((_n + 1)); echo "ok $_n # SKIP no C compiler for the fsync shim"
fi

# ---- a full disk -----------------------------------------------------------
# A cache with the lists but not the articles, so --sync has to write.
L="$T/lists.db"
for tab in rank-all 园区; do "$GXNEWS" --site-url "$U" --cache "$L" --list $tab >/dev/null 2>&1; done
snapshot "$L" "$T/lists"
kb=$(( $(wc -c <"$G") * 2 / 1024 + 6144 ))	# the file, and a WAL of up to 1000 pages
if mounted "$T/full" ${kb}k; then
	cp "$L" "$T/full/c.db"
	# Fill the disk, leaving 8 KB.
	dd if=/dev/zero of="$T/full/filler" bs=1k count=$(( $(df -k "$T/full" | awk 'NR==2 { print $4 }') - 8 )) 2>/dev/null
	"$GXNEWS" --site-url "$U" --cache "$T/full/c.db" --sync >/dev/null 2>"$T/err"
	rc=$?
	ok $([ $rc -ne 0 ]; echo $?) "a full disk: --sync that cannot save fails (exit $rc)"
	contains "$(cat "$T/err")" "disk full" "a full disk: the message says the disk is full"
	contains "$(cat "$T/err")" "free some space" "a full disk: the message says what to do"
	clean "$T/err" "a full disk: the message holds no control"
	snapshot "$T/full/c.db" "$T/after"
	ok $(cmp -s "$T/lists" "$T/after"; echo $?) "a full disk: --offline lists all it did before"
	rm -f "$T/full/filler"
	"$GXNEWS" --site-url "$U" --cache "$T/full/c.db" --sync >/dev/null 2>"$T/err"
	rc=$?
	ok $rc "space freed: --sync works again"
	[ $rc -eq 0 ] || tail -n 5 "$T/err" | sed 's/^/#   /'
else
	for i in 1 2 3 4 5 6; do _n=$((_n + 1)); echo "ok $_n # SKIP a full disk needs root to mount a small tmpfs"; done
fi

# ---- a read-only cache -----------------------------------------------------
# chmod does not stop root: a read-only tmpfs does.
if mounted "$T/ro" 4m; then
	cp "$G" "$T/ro/c.db"
	"$GXNEWS" --offline --cache "$G" --list 园区 >"$T/ro.want" 2>/dev/null
	mount -o remount,ro "$T/ro"
	"$GXNEWS" --offline --cache "$T/ro/c.db" --list 园区 >"$T/out" 2>"$T/err"
	ok $? "a read-only cache: --offline --list still reads it"
	ok $(cmp -s "$T/out" "$T/ro.want"; echo $?) "a read-only cache: the whole list is shown"
	"$GXNEWS" --site-url "$U" --cache "$T/ro/c.db" --list 园区 >"$T/out" 2>"$T/err"
	contains "$(cat "$T/err")" "ro/c.db" "a read-only cache: the message names the file"
	contains "$(cat "$T/err")" "read-only" "a read-only cache: the message says it cannot be written"
	contains "$(cat "$T/err")" "--cache another file" "a read-only cache: the message says what to do"
	umount "$T/ro"
else
	for i in 1 2 3 4 5; do _n=$((_n + 1)); echo "ok $_n # SKIP a read-only cache needs root to mount a tmpfs"; done
fi
"$GXNEWS" --site-url "$U" --cache /proc/version --list 园区 >/dev/null 2>"$T/err"
rc=$?
ok $([ $rc -ne 0 ]; echo $?) "an unwritable --cache /proc/version: exit non-zero ($rc)"
contains "$(cat "$T/err")" "/proc/version" "an unwritable cache: the message names it"
contains "$(cat "$T/err")" "--cache" "an unwritable cache: the message says to use --cache another file"
lacks "$(cat /proc/version)" "SQLite" "and /proc/version is untouched"

# ---- a corrupt cache -------------------------------------------------------
head -c 200000 /dev/urandom >"$T/r.db"
cp "$T/r.db" "$T/r.orig"
"$GXNEWS" --site-url "$U" --cache "$T/r.db" --list 园区 >"$T/out" 2>"$T/err"
ok $? "a cache of random bytes: --list goes on (exit 0)"
contains "$(cat "$T/err")" "moved to" "a cache of random bytes: the message says it was moved aside"
aside=$(ls "$T" | grep '^r\.db\.corrupt' | head -n 1)
ok $([ -n "$aside" ] && cmp -s "$T/$aside" "$T/r.orig"; echo $?) "the damaged file is kept, byte for byte ($aside)"
ok $([ "$(wc -l <"$T/out")" -gt 5 ]; echo $?) "and the list is fetched into a new cache"

cp "$G" "$T/t.db"; truncate -s 40000 "$T/t.db"; cp "$T/t.db" "$T/t.orig"
"$GXNEWS" --offline --cache "$T/t.db" --list 园区 >/dev/null 2>"$T/err"
contains "$(cat "$T/err")" "damaged" "a truncated cache: the message says it is damaged"
contains "$(cat "$T/err")" "moved to" "a truncated cache: and where it was moved"
aside=$(ls "$T" | grep '^t\.db\.corrupt' | head -n 1)
ok $([ -n "$aside" ] && cmp -s "$T/$aside" "$T/t.orig"; echo $?) "the truncated file is kept, byte for byte"
"$GXNEWS" --site-url "$U" --cache "$T/t.db" --list 园区 >/dev/null 2>&1; ok $? "and the reader goes on with a new cache"

# ---- a config file cut mid-line, a missing profile ---------------------------
printf 'mouse no\nambiguous-wid' >"$T/cut1"
printf 'mouse no\nfeed https://example.com/rss Some\nambiguous-width' >"$T/cut2"
printf 'mouse no\nbind' >"$T/cut3"
for c in cut1:2 cut2:3 cut3:2; do
	f=${c%%:*}
	"$GXNEWS" --config "$T/$f" --cache "$G" --offline --list 园区 >/dev/null 2>"$T/err"
	rc=$?
	ok $([ $rc -ne 0 ]; echo $?) "a config cut mid-line ($f): exit non-zero ($rc)"
	contains "$(cat "$T/err")" "$T/$c:" "a config cut mid-line ($f): the message names file:line"
done
"$GXNEWS" --profile /nonexistent/x.site --cache "$G" --list 园区 >/dev/null 2>"$T/err"
rc=$?
ok $([ $rc -ne 0 ]; echo $?) "--profile /nonexistent: exit non-zero ($rc)"
contains "$(cat "$T/err")" "/nonexistent/x.site" "--profile /nonexistent: the message names the file"
contains "$(cat "$T/err")" "No such file" "--profile /nonexistent: the message says it is missing"
snapshot "$G" "$T/after"
ok $(cmp -s "$T/good" "$T/after"; echo $?) "after all of it, the first cache still lists everything"
done_testing
