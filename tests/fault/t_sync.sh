#!/bin/sh
# --sync for real offline reading: on the local test server serving the
# demo site and its e-paper, then with the server stopped, every article of
# pages 1-3 of every channel (the default sync-pages; a channel of four
# pages is read to its third) and the whole e-paper edition opens (and the
# next day's edition replaces it); what was never fetched says so in one
# line.  sync-pages (config, --set, --sync=N) limits the pages; a sync run
# again fetches nothing it has; exit 0/1/2; a bar on a terminal, plain
# lines otherwise; a host past its sync-host-budget is left and named; a
# feed is synced with its items.  (S in the reader: tests/screen/t_sync_key.sh.)
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
. "$top_srcdir/tests/fault/fault.sh"
command -v python3 >/dev/null || skip_all "python3 is needed for the test server"
ROOT="$top_srcdir/data/demo"

net_server "$ROOT"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
C="$T/c.db"
"$GXNEWS" --site-url "$U" --cache "$C" --sync >"$T/out" 2>"$T/err"
is "$?" 0 "--sync on the demo: exit 0, everything fetched"
is "$(tail -n 1 "$T/err")" "Synced: 14 list pages, 81 articles, 20 pictures, 1.3 MB fetched" \
	"--sync: the last line counts lists, articles, pictures and bytes"
is "$(cat "$T/out")" "" "--sync: nothing on stdout"
lacks "$(cat "$T/err")" "$(printf '\r')" "--sync not on a terminal: plain lines, no bar"
n200=$(grep -c '^200 ' "$T/log")

# ---- with the network gone ------------------------------------------------
net_server_stop
# tab | articles it lists after a sync (both pages of each channel, the
# four 版面 of the e-paper's edition)
while read -r tab want; do
	"$GXNEWS" --offline --cache "$C" --list "$tab" >"$T/list.$want" 2>"$T/err"
	is "$?:$(wc -l <"$T/list.$want" | tr -d ' ')" "0:$want" "offline, $tab lists all $want articles sync took"
	cut -f 3 "$T/list.$want" >>"$T/urls"
done <<'TABS'
要闻 20
园区 24
企业 22
数字报 15
rank-all 10
rank-month 10
picks 6
TABS
sort -u "$T/urls" >"$T/all"
total=$(wc -l <"$T/all" | tr -d ' ')
bad=0
while read -r url; do
	"$GXNEWS" --offline --cache "$C" --dump "$url" --width 60 >"$T/art" 2>"$T/err" &&
		[ "$(wc -l <"$T/art")" -ge 3 ] || { bad=$((bad + 1)); echo "# cannot read offline: $url"; }
done <"$T/all"
is "$bad" 0 "offline, every one of the $total articles listed opens"
ok $([ "$total" -ge 80 ]; echo $?) "that is every article the sync counted ($total)"
"$GXNEWS" --offline --cache "$C" --dump http://www.chinahightech.com/html/yuanqu/2022/0615/51876.html >"$T/art" 2>&1
contains "$(cat "$T/art")" "强链：让创新成果就地转化" "offline, a two-page article has its second page"
"$GXNEWS" --cache "$C" --site-url "$U" --list 园区 >"$T/out" 2>"$T/err"
is "$?:$(wc -l <"$T/out" | tr -d ' ')" "0:24" "the server gone, without --offline: --list answers from the cache"
contains "$(cat "$T/err")" "connection refused" "and says what failed"
"$GXNEWS" --cache "$C" --site-url "$U" --dump http://www.chinahightech.com/html/qiye/2021/1112/49870.html >"$T/art" 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "the server gone: a synced article opens without a word"

# ---- sync-pages ------------------------------------------------------------
net_server "$ROOT"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
P2=http://www.chinahightech.com/html/yuanqu/2022/0422/51034.html   # on 园区 page 2
grep -qxF "$P2" "$T/all"; ok $? "the page-2 article of the check is on 园区's page 2 after a full sync"
mkdir -p "$XDG_CONFIG_HOME/gxnews"
for how in "--sync=1" "--set sync-pages=1" "config sync-pages 1" \
           "config source chinahightech sync-pages 1"; do
	rm -f "$T/p.db"*
	case $how in
	--sync=1) "$GXNEWS" --site-url "$U" --cache "$T/p.db" --sync=1 >/dev/null 2>"$T/err" ;;
	--set*) "$GXNEWS" --site-url "$U" --cache "$T/p.db" --set sync-pages=1 --sync >/dev/null 2>"$T/err" ;;
	config*) case $how in
	         *source*) printf 'source chinahightech sync-pages 1\n' ;;
	         *) printf 'sync-pages 1\n' ;;
	         esac >"$XDG_CONFIG_HOME/gxnews/config"
	         "$GXNEWS" --site-url "$U" --cache "$T/p.db" --sync >/dev/null 2>"$T/err"
	         rm -f "$XDG_CONFIG_HOME/gxnews/config" ;;
	esac
	is "$?" 0 "$how: the sync succeeds"
	n=$("$GXNEWS" --offline --cache "$T/p.db" --list 园区 2>/dev/null | wc -l | tr -d ' ')
	is "$n" 12 "$how: 园区 has its first page only"
	n=$("$GXNEWS" --offline --cache "$T/p.db" --list 数字报 2>/dev/null | wc -l | tr -d ' ')
	is "$n" 15 "$how: the e-paper's edition is still whole"
done
"$GXNEWS" --offline --cache "$T/p.db" --dump "$P2" >"$T/out" 2>"$T/err"
is "$?:$(wc -l <"$T/err" | tr -d ' ')" "1:1" "an article sync did not take: exit 1, one line"
contains "$(cat "$T/err")" "not in the cache" "an article sync did not take: it says so"
"$GXNEWS" --offline --cache "$T/p.db" --list 要闻 >/dev/null 2>"$T/err"
is "$(cat "$T/err")" "" "offline, a list sync took: no complaint"
"$GXNEWS" --site-url "$U" --cache "$T/new.db" --list rank-all >/dev/null 2>&1
"$GXNEWS" --offline --cache "$T/new.db" --list 园区 >"$T/out" 2>"$T/err"
is "$?:$(cat "$T/out")" "1:" "offline, a tab whose list was never fetched: exit 1, nothing listed"
is "$(cat "$T/err")" "gxnews: offline, and this tab was never fetched; run gxnews --sync while online" \
	"offline, a tab never fetched says so in one line"
"$GXNEWS" --site-url "$U" --cache "$T/p.db" --sync=0 >/dev/null 2>"$T/err"
is "$?" 2 "--sync=0 is a usage error"

# ---- resume: nothing fetched twice ---------------------------------------
: >"$T/log"
"$GXNEWS" --site-url "$U" --cache "$C" --sync >/dev/null 2>"$T/err"
is "$?" 0 "a second sync: exit 0"
is "$(grep -c '^200 ' "$T/log")" 0 "a second sync fetches nothing again (every page 304 or not asked)"
is "$(grep -c 'content\|/20[0-9][0-9]/' "$T/log")" 0 "a second sync does not even ask for the articles it has"
net_server_stop
net_server "$ROOT" --latency-ms 20
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
rm -f "$T/k.db"*
"$GXNEWS" --site-url "$U" --cache "$T/k.db" --sync >/dev/null 2>&1 &
pid=$!
wait_until 20 sh -c "[ \$(grep -c '^200 .*/20[0-9][0-9]/' '$T/log') -ge 30 ]"
kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
first=$(grep -c '^200 ' "$T/log")
"$GXNEWS" --site-url "$U" --cache "$T/k.db" --sync >/dev/null 2>"$T/err"
is "$?" 0 "a sync killed half way and run again: exit 0"
twice=$(grep '^200 ' "$T/log" | sort | uniq -d | wc -l | tr -d ' ')
ok $([ "$twice" -le 8 ]; echo $?) "run again, it fetches again at most what was in flight ($twice pages twice, of $first before the kill)"
for tab in 要闻 园区 企业 数字报; do
	"$GXNEWS" --offline --cache "$T/k.db" --list $tab >"$T/a" 2>/dev/null
	"$GXNEWS" --offline --cache "$C" --list $tab >"$T/b" 2>/dev/null
	cmp -s "$T/a" "$T/b"; ok $? "killed and run again: $tab is as a sync that was never interrupted left it"
done
net_server_stop

# ---- the default: pages 1-3 of a channel of four ------------------------------
# 园区 given a page 3 and a page 4, each listing twelve articles of its own
# (copies of page 2's, under 2023/ and 2024/)
rm -rf "$T/deep"; mkdir -p "$T/deep"
cp -r "$ROOT/www.chinahightech.com" "$ROOT/paper.chinahightech.com" "$T/deep/"
python3 - "$T/deep/www.chinahightech.com/html/yuanqu" <<'PY'
import os, re, shutil, sys
d = sys.argv[1]
base = "http://www.chinahightech.com/html/yuanqu/"
name = {1: "index.html", 2: "2.html", 3: "3.html", 4: "4.html"}
def pages_div(k):
    nums = " ".join("<span>%d</span>" % i if i == k else
                    '<a href="%s%s">%d</a>' % (base, name[i], i) for i in range(1, 5))
    return ('<div id="pages" class="text-c"><a class="a1">48条</a> '
            '<a class="a1" href="%s%s">上一页</a> %s <a class="a1" href="%s%s">下一页</a></div>'
            % (base, name[max(k - 1, 1)], nums, base, name[min(k + 1, 4)]))
page2 = open(os.path.join(d, "2.html"), encoding="utf-8").read()
for k, year in ((3, "2023"), (4, "2024")):
    head, rest = page2.split('<div id="index-gz"', 1)
    items, tail = rest.split('<div id="pages"', 1)
    for old in sorted(set(re.findall(r"html/yuanqu/2022/(\d{4}/\d+\.html)", items))):
        os.makedirs(os.path.join(d, year, old[:4]), exist_ok=True)
        shutil.copy(os.path.join(d, "2022", old), os.path.join(d, year, old))
    items = items.replace("html/yuanqu/2022/", "html/yuanqu/%s/" % year)
    open(os.path.join(d, name[k]), "w", encoding="utf-8").write(
        head + '<div id="index-gz"' + items + '<div id="pages"' + tail)
for k in range(1, 5):
    f = os.path.join(d, name[k])
    t = open(f, encoding="utf-8").read()
    t = re.sub(r'<div id="pages".*?</div>', lambda m: pages_div(k), t, count=1, flags=re.S)
    open(f, "w", encoding="utf-8").write(t)
PY
net_server "$T/deep"
: >"$T/log"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
"$GXNEWS" --site-url "$U" --cache "$T/d.db" --sync >/dev/null 2>"$T/err"
is "$?" 0 "a channel of four pages: --sync with its defaults, exit 0"
net_server_stop
"$GXNEWS" --offline --cache "$T/d.db" --list 园区 >"$T/list" 2>"$T/err"
is "$?:$(wc -l <"$T/list" | tr -d ' ')" "0:36" "offline, 园区 lists pages 1, 2 and 3 (36 articles)"
is "$(grep -c '/yuanqu/2023/' "$T/list")" 12 "page 3's twelve articles among them"
bad=0
for url in $(cut -f 3 "$T/list"); do
	"$GXNEWS" --offline --cache "$T/d.db" --dump "$url" --width 60 >"$T/art" 2>/dev/null &&
		[ "$(wc -l <"$T/art")" -ge 3 ] || { bad=$((bad + 1)); echo "# cannot read offline: $url"; }
done
is "$bad" 0 "offline, every article of 园区's pages 1-3 opens"
is "$(grep -c 'yuanqu/4.html\|/yuanqu/2024/' "$T/log")" 0 "page 4 (past the default sync-pages 3) and its articles: not asked"
"$GXNEWS" --offline --cache "$T/d.db" --dump "$(grep -o 'http://[^"]*/yuanqu/2024/[0-9/]*\.html' \
	"$T/deep/www.chinahightech.com/html/yuanqu/4.html" | head -n 1)" >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "1:gxnews: offline, and this article is not in the cache" \
	"offline, an article of page 4 says in one line that it was never fetched"

# ---- the next day's e-paper -----------------------------------------------------
# the front page forwards to a new edition (a copy of the demo's, dated the
# 5th): its first 版面 holds 4 articles where the cached edition had 15, and
# is no shrunken copy of the old one
E="$T/deep/paper.chinahightech.com"
for d in layout content images pic; do cp -r "$E/pc/$d/202207/04" "$E/pc/$d/202207/05"; done
sed -i 's#202207/04#202207/05#g; s#2022-07-04#2022-07-05#g; s#2022年07月04日#2022年07月05日#g' \
	"$E"/pc/layout/202207/05/*.html "$E"/pc/content/202207/05/*.html "$E/index.html"
net_server "$T/deep"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
cp "$T/d.db" "$T/d2.db"
"$GXNEWS" --site-url "$U" --cache "$T/d.db" --list 数字报 >"$T/out" 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "the next day's edition: --list takes it, without a word"
is "$(grep -c '/202207/05/' "$T/out")" 4 "the next day's edition: its first 版面's 4 articles listed"
"$GXNEWS" --site-url "$U" --cache "$T/d2.db" --sync >/dev/null 2>"$T/err"
is "$?" 0 "the next day's edition: a sync takes it (exit 0)"
net_server_stop
"$GXNEWS" --offline --cache "$T/d2.db" --list 数字报 >"$T/out" 2>/dev/null
is "$(grep -c '/202207/05/' "$T/out")" 15 "the next day's edition: offline, all its 15 articles listed"

# ---- exit status ------------------------------------------------------------
mkdir -p "$T/root"
cp -r "$ROOT/www.chinahightech.com" "$ROOT/paper.chinahightech.com" "$T/root/"
rm "$T/root/www.chinahightech.com/html/yuanqu/2022/0704/52101.html" \
   "$T/root/www.chinahightech.com/html/qiye/2021/1112/49870.html"
net_server "$T/root"
U="http://127.0.0.1:$PORT/www.chinahightech.com/"
"$GXNEWS" --site-url "$U" --cache "$T/e.db" --sync >/dev/null 2>"$T/err"
is "$?" 1 "two articles missing on the server: exit 1"
is "$(grep -c '^failed: ' "$T/err")" 2 "the failures are listed, one a line"
contains "$(cat "$T/err")" "failed: http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html: page not found (404)" \
	"a failure names the page and what went wrong"
contains "$(tail -n 1 "$T/err")" "2 failed" "the last line counts them"
clean "$T/err" "the failures hold no control"
"$GXNEWS" --site-url "http://127.0.0.1:9/" --cache "$T/e2.db" --sync >/dev/null 2>"$T/err"
is "$?" 2 "no host answers: exit 2"
"$GXNEWS" --offline --cache "$T/e.db" --sync >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "1:gxnews: a sync needs the network; drop --offline" "--sync --offline: refused"

# ---- a host past its share of the sync ---------------------------------------
printf 'sync-host-budget 2\n' >"$XDG_CONFIG_HOME/gxnews/config"
_t0=$(now)
"$GXNEWS" --site-url "http://127.0.0.1:$PORT/_fault/trickle?x=1&p=" --cache "$T/b.db" --sync \
	>/dev/null 2>"$T/err"
rc=$?; secs=$(since "$_t0")
rm -f "$XDG_CONFIG_HOME/gxnews/config"
is "$rc" 2 "sync-host-budget 2 on a trickling host: nothing came, exit 2"
below "$secs" 5; ok $? "sync-host-budget 2: the host is left after 2 s (${secs} s)"
contains "$(cat "$T/err")" "127.0.0.1 used up its 2 s of the sync (sync-host-budget)" "sync-host-budget: the host is named"

# ---- feeds ---------------------------------------------------------------------
# a feed alone (site none): one item with its whole text, one with a summary
cp "$top_srcdir/tests/fault/feed.xml" "$T/root/"
printf 'site none\nfeed http://127.0.0.1:%s/feed.xml 订阅\n' "$PORT" >"$XDG_CONFIG_HOME/gxnews/config"
"$GXNEWS" --cache "$T/feed.db" --sync >/dev/null 2>"$T/err"
is "$?:$(tail -n 1 "$T/err")" "0:Synced: 1 list pages, 0 articles, 0 pictures, 1 KB fetched" "a feed alone: --sync fetches it"
"$GXNEWS" --offline --cache "$T/feed.db" --list 订阅 >"$T/out" 2>/dev/null
is "$(cut -f 2 "$T/out" | tr '\n' ' ')" "第一条 第二条 " "offline, the feed's items are listed"
"$GXNEWS" --offline --cache "$T/feed.db" --dump http://127.0.0.1/a1 >"$T/out" 2>&1
contains "$(cat "$T/out")" "第一条的全文。" "offline, a feed's item opens with its text"
"$GXNEWS" --offline --cache "$T/feed.db" --dump http://127.0.0.1/a2 >"$T/out" 2>&1
contains "$(cat "$T/out")" "第二条的摘要。" "offline, an item with a summary opens with it"
rm -f "$XDG_CONFIG_HOME/gxnews/config"

# ---- a bar on a terminal ------------------------------------------------------
printf '#!/bin/sh\n"$@"\necho "EXIT=$?"\nsleep 60\n' >"$T/run"
chmod +x "$T/run"
tmux_start 130 8 "$T/run" "$GXNEWS" --site-url "$U" --cache "$T/t.db" --sync
wait_for "EXIT=" 30
s=$(screen)
contains "$s" "[##############################] lists 14/14  articles 81/81  pictures" "on a terminal: a bar with counts"
contains "$s" " MB " "on a terminal: and bytes"
contains "$s" "failed: http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html" "on a terminal: failures on lines of their own"
contains "$s" "EXIT=1" "on a terminal: the same exit status"
net_server_stop
done_testing
