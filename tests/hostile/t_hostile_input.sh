#!/bin/sh
# Hostile sizes and shapes through the whole reader: a 20 MB title,
# 100,000-deep nesting, XXE and entity loops (in site pages and in feeds),
# invalid UTF-8, NUL bytes and overlong sequences on --format-text.  Each must finish quickly, print nothing a
# terminal acts on, and keep the text around the damage.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
command -v python3 >/dev/null || skip_all "python3 is needed to write the pages"
ART=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
W="$T/www.chinahightech.com"
M="file://$W/"
cd "$T" || exit 1
run() { timeout 120 "$GXNEWS" --site-url "$M" --cache "$T/c.db" "$@"; }

# A home page, a list page with a 20 MB title, an article 100,000 levels
# deep, with a 1 MB title and an XXE entity.
python3 - "$W" <<'PY'
import os, sys
w = sys.argv[1]
os.makedirs(w + '/html/yuanqu/2022/0704')
head = b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<html><head><meta charset="utf-8"></head><body>'
long = '长'.encode() * (20 * 1024 * 1024 // 3)
open(w + '/index.html', 'wb').write(head +
    '<div id="nav"><ul><li><a href="/">首页</a><ul><li><a href="/html/yuanqu/">园区</a></li></ul></li></ul></div></body></html>'.encode())
open(w + '/html/yuanqu/index.html', 'wb').write(head +
    b'<div id="index-gz"><ul><li><h3><a href="http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html" title="' +
    long + b'">x</a></h3><span class="time">2022-07-04</span></li>' +
    '<li><h3><a href="http://www.chinahightech.com/html/yuanqu/2022/0703/52100.html">短标题&xxe;&a;</a></h3></li></ul></div></body></html>'.encode())
open(w + '/html/yuanqu/2022/0704/52101.html', 'wb').write(head +
    '<div class="title_nr"><h1>'.encode() + long[:3 * 1024 * 1024] +
    '&xxe;</h1><div class="addtime">2022-07-04 12:18:01</div></div><div class="content"><p>开头&xxe;&a;</p>'.encode() +
    b'<div>' * 100000 + '深处的文字'.encode() + b'</div>' * 100000 + '<p>结尾</p></div></body></html>'.encode())
PY

start=$(date +%s)
run --list 园区 >"$T/list" 2>"$T/list.err"; ok $? "a list page with a 20 MB title is read (exit 0)"
ok $(( $(date +%s) - start > 60 )) "and within a minute"
clean "$T/list" "the 20 MB title prints no control"
contains "$(cut -f2 "$T/list")" "短标题" "the item after the 20 MB title is listed too"
lacks "$(cat "$T/list")" "root:" "an XXE entity in a page does not read /etc/passwd"
len=$(head -n 1 "$T/list" | cut -f2 | tr -d '\n' | wc -m)
ok "$([ "$len" -le 1001 ]; echo $?)" "a 20 MB title is cut to FEED_TITLE_MAX (1000) characters, as feed titles are ($len)"

start=$(date +%s)
run --dump "$ART" --width 60 >"$T/dump" 2>"$T/dump.err"; ok $? "an article 100,000 elements deep with a 1 MB title is laid out (exit 0)"
ok $(( $(date +%s) - start > 60 )) "and within a minute"
clean "$T/dump" "the deep article prints no control"
contains "$(cat "$T/dump")" "开头" "the text before the deep nesting is shown"
lacks "$(cat "$T/dump")" "root:" "an XXE entity in an article does not read /etc/passwd"
w=$(wc -L <"$T/dump")
ok $([ "$w" -le 60 ]; echo $?) "no line of it is wider than 60 columns (widest $w)"

# Feeds from the config: XXE and a billion laughs.  Each is a tab whose
# item is listed, around the entity it does not expand.
printf 'feed file://%s/tests/fixtures/feed/xxe.xml XXE\nfeed file://%s/tests/fixtures/feed/billion-laughs.xml LOL\n' \
	"$top_srcdir" "$top_srcdir" >"$T/conf"
for tab in XXE LOL; do
	start=$(date +%s)
	timeout 60 "$GXNEWS" --config "$T/conf" --site-url "$M" --cache "$T/f.db" --list $tab >"$T/feed" 2>"$T/feed.err"
	is $? 0 "the $tab feed is a tab, listed (exit 0)"
	ok $(( $(date +%s) - start >= 30 )) "the $tab feed is read in under 30 s"
	case $tab in
	XXE) want="before &xxe; after	http://xxe.example/1" ;;
	LOL) want="ha &lol9; ha	http://lol.example/1" ;;
	esac
	contains "$(cat "$T/feed")" "$want" "the $tab feed's item is listed, its entity left as text"
	clean "$T/feed" "the $tab feed prints no control"
	lacks "$(cat "$T/feed" "$T/feed.err")" "root:" "the $tab feed never reads /etc/passwd"
	lacks "$(cat "$T/feed")" "lollollol" "the $tab feed's entities are not expanded"
done

# --format-text on broken bytes.
printf 'a\033[2Jb\302\233' >"$T/in"; printf '31mc \342\200\256d\000e\377f\300\257g\340\200\257h\355\240\200i\n' >>"$T/in"
"$GXNEWS" --format-text --width 20 <"$T/in" >"$T/fmt" 2>&1; ok $? "--format-text of ESC, C1, RLO, NUL and bad bytes exits 0"
clean "$T/fmt" "and prints no control and valid UTF-8"
got=$(tr -d '\n' <"$T/fmt")
contains "$got" "ab" "an ESC sequence goes whole"
contains "$got" "c d" "a C1 sequence and an RLO go"
contains "$got" "de" "a NUL byte goes"
contains "$got" "f��g" "an overlong 2-byte sequence becomes one U+FFFD a byte"
contains "$got" "g���h" "an overlong 3-byte sequence becomes three U+FFFD"
contains "$got" "h���i" "an encoded surrogate becomes three U+FFFD"
head -c 3000000 /dev/urandom >"$T/rnd"
timeout 60 "$GXNEWS" --format-text --width 7 <"$T/rnd" >"$T/fmt2" 2>&1; ok $? "--format-text of 3 MB of random bytes exits 0"
clean "$T/fmt2" "and prints no control"
done_testing
