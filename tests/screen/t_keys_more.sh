#!/bin/sh
# Screen test: the keys README names beside the common ones, each checked
# by what it does: l and → open an article, h and ← go back; ] and Tab go
# to the next tab, [ and Shift-Tab to the previous (around the ends); r
# reloads the tab shown and R every tab; F fetches a feed item's full
# text in place of its summary.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

# A mirror of our own, to change a page under the reader's feet, and a
# feed whose one item links to an article of it.
M="$T/m"
mkdir -p "$M"
cp -R "$top_srcdir/data/demo/." "$M/"
chmod -R u+w "$M"
U="file://$M/www.chinahightech.com/"
ART="$M/www.chinahightech.com/html/yuanqu/2022/0704/52101.html"
cat >"$T/feed.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>快讯</title><link>http://example.com/</link>
<item><title>一条快讯</title><link>file://$ART</link>
<description>只有摘要的一句话。</description><pubDate>Mon, 04 Jul 2022 12:00:00 +0800</pubDate></item>
</channel></rss>
EOF
printf 'feed file://%s 快讯\n' "$T/feed.xml" >"$T/conf"
C="$T/c.db"
"$GXNEWS" --config "$T/conf" --site-url "$U" --cache "$C" --sync >/dev/null 2>&1
ok $? "the mirror and the feed are cached"
tab() { status_line | awk '{ print $1 }'; }	# the tab shown, as the status line names it
tab_is() { [ "$(tab)" = "$1" ]; }

tmux_start 100 30 "$GXNEWS" --config "$T/conf" --site-url "$U" --cache "$C"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
ok $? "the reader shows the first tab"
is "$(tab)" "要闻" "the first tab is 要闻"

# ---- l → open, h ← back ----------------------------------------------------
keys l
wait_status "1-" 5; ok $? "l opens the article"
contains "$(row 1)" "２０２４年成都高新区新增市场主体超6万户" "the pager shows the article's title"
keys h
wait_until 5 tab_is 要闻; ok $? "h goes back to the list"
keys Right
wait_status "1-" 5; ok $? "→ opens the article"
keys Left
wait_until 5 tab_is 要闻; ok $? "← goes back to the list"
alive; ok $? "the reader still runs: h and ← went back, not out"

# ---- ] Tab next, [ Shift-Tab previous --------------------------------------
keys ']'
wait_until 5 tab_is 园区; ok $? "] goes to the next tab (园区)"
keys Tab
wait_until 5 tab_is 企业; ok $? "Tab goes to the next tab (企业)"
keys '['
wait_until 5 tab_is 园区; ok $? "[ goes to the previous tab (园区)"
keys BTab
wait_until 5 tab_is 要闻; ok $? "Shift-Tab goes to the previous tab (要闻)"
keys BTab
wait_until 5 tab_is Starred; ok $? "Shift-Tab on the first tab goes around to the last (Starred)"
keys ']'
wait_until 5 tab_is 要闻; ok $? "] on the last tab goes around to the first"

# ---- r reloads the tab shown, R every tab ----------------------------------
# 园区 was shown once (so fetched once this session); now its page lists
# a new article first (the first one's link and title changed).
OLD=$(awk -F'\t' '$1 == "item" { print $3 "\t" $4; exit }' \
	"$top_srcdir/tests/fixtures/demo/www.chinahightech.com/html/yuanqu/index.html.expect")
NEW="按R键重新载入后的新文章"
"${PYTHON3:-python3}" - "$M/www.chinahightech.com/html/yuanqu/index.html" "$OLD" "$NEW" <<'PY'
import sys
p, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
title, url = old.split('\t')
b = open(p, encoding='utf-8').read()
if title not in b or url.rsplit('/', 1)[1] not in b:
    sys.exit("the first article is not in the page")
b = b.replace(title, new).replace(url.rsplit('/', 1)[1], '59999.html')
open(p, 'w', encoding='utf-8').write(b)
PY
OLD=${OLD%%	*}
ok $? "the 园区 page changes under the reader"
keys r
wait_gone "Loading" 10
keys ']'
wait_until 5 tab_is 园区
sleep 1
SHORT=$("${PYTHON3:-python3}" -c 'import sys; print(sys.argv[1][:8])' "$OLD")
ok $(_shows "$SHORT" && _lacks "$NEW"; echo $?) "r reloads only the tab shown: 园区 still lists the old title ($SHORT…)"
keys '['
wait_until 5 tab_is 要闻
keys R
wait_gone "Loading" 10
keys ']'
wait_until 5 tab_is 园区
wait_for "$NEW" 5; ok $? "R reloads every tab: 园区 lists the new title"

# ---- F: a feed item's full text --------------------------------------------
i=0
while ! tab_is 快讯 && [ $i -lt 12 ]; do keys BTab; sleep 0.3; i=$((i + 1)); done
tab_is 快讯; ok $? "the feed is a tab (快讯)"
keys Enter
wait_for "只有摘要的一句话。" 5; ok $? "its item opens on the summary the feed gave"
lacks "$(screen)" "今年1至5月" "which is not the article's text"
keys h
wait_until 5 tab_is 快讯
keys F
wait_for "今年1至5月" 10; ok $? "F fetches the linked page and shows its full text"
lacks "$(status_line)" "UNIQUE" "without an error"
is "$(screen | cells check 100)" "" "the full text fits 100 columns"
keys h
wait_until 5 tab_is 快讯
"$GXNEWS" --offline --config "$T/conf" --cache "$C" --dump "file://$ART" --width 60 >"$T/dump" 2>&1
contains "$(cat "$T/dump")" "今年1至5月" "the full text is kept in the cache, for reading offline"
keys q
wait_until 5 eval '! alive'; ok $? "q quits"
done_testing
