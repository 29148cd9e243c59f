#!/bin/sh
# Screen test: S in the reader runs what --sync runs, in the background:
# the keys still answer, the status line counts it and says when it is
# done (and how many failed), and what it took then opens offline (an
# article from a list's second page included); offline, a tab never
# fetched says so.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/fault/fault.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"

# the demo served a page every 20 ms (a sync takes a while), two of its
# articles missing
mkdir -p "$T/root"
cp -r "$top_srcdir/data/demo/www.chinahightech.com" "$top_srcdir/data/demo/paper.chinahightech.com" "$T/root/"
rm "$T/root/www.chinahightech.com/html/yuanqu/2022/0704/52101.html" \
   "$T/root/www.chinahightech.com/html/qiye/2021/1112/49870.html"
net_server "$T/root" --latency-ms 20
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
P2=http://www.chinahightech.com/html/qiye/2022/0125/50312.html   # on 企业's page 2

tmux_start 100 24 "$GXNEWS" --site-url "$U" --cache "$T/s.db"
wait_for "园区" 10
wait_until 10 eval '! status_line | grep -q Loading'
keys S
wait_status "Sync: lists" 5
ok $? "S: the status line counts the sync as it goes ($(status_line | cut -c1-60))"
keys j
wait_status " 2/" 5
ok $? "S: the reader still answers keys"
wait_status "Synced:" 60
ok $? "S: the status line says when it is done"
contains "$(status_line)" "2 failed" "S: and how many pages failed"
# the first sync's summary stays on the status line: the second is told
# by the server being asked again, and by its own summary
asked=$(wc -l <"$T/log")
keys S
wait_until 10 sh -c "[ \$(wc -l <'$T/log') -gt $asked ]"
ok $? "S again: a second sync starts"
wait_status "0 KB fetched" 60
ok $? "S again: nothing fetched twice (only the missing two asked again): $(status_line | cut -c1-70)"
tmux_stop
# a cache that has the rankings but never fetched 园区
"$GXNEWS" --site-url "$U" --cache "$T/n.db" --list rank-all >/dev/null 2>&1
net_server_stop
"$GXNEWS" --offline --cache "$T/s.db" --dump "$P2" >"$T/art" 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "after S, an article from a list's second page opens offline"

tmux_start 100 24 "$GXNEWS" --offline --cache "$T/n.db"
wait_for "园区" 10
keys Tab
wait_status 园区 5
wait_for "(never fetched: it needs the network; S fetches everything for offline)" 5
ok $? "offline, a tab never fetched says so in one line, not an empty screen"
tmux_stop
done_testing
