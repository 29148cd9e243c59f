#!/bin/sh
# A mirror of the site whose pages (tests/fixtures/hostile/, written by
# make-hostile.py) carry escape sequences, C1 controls, bidi overrides,
# invalid UTF-8, NUL bytes and shell metacharacters in titles, tab names,
# authors, bodies and links: what --list, --dump, --sync and the reader
# print holds none of them, and the text around them is still there.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/tests/hostile/hostile.sh"
command -v python3 >/dev/null || skip_all "python3 is needed to check bytes"
M="file://$top_srcdir/tests/fixtures/hostile/www.chinahightech.com/"
ART=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
cd "$T" || exit 1
run() { "$GXNEWS" --site-url "$M" --cache "$T/c.db" "$@"; }

run --list rank-all >"$T/rank" 2>"$T/rank.err"; ok $? "--list rank-all of hostile titles exits 0"
clean "$T/rank" "--list rank-all prints no escape, C1 or bidi control"
clean "$T/rank.err" "and says nothing hostile on stderr"
got=$(cat "$T/rank")
first=$(head -n 1 "$T/rank" | cut -f2)
contains "$first" "贵阳" "the text before an ESC/OSC sequence in a title is still there"
contains "$first" "高新区" "and the text after it"
contains "$got" "东湖高新区" "a C1 CSI sequence goes whole, the text stays"
contains "$got" "杭州txt.exe高新区" "a right-to-left override is dropped, the text stays"
contains "$got" "青岛�" "invalid UTF-8 and overlong bytes become U+FFFD"
contains "$got" "江北" "a title with a NUL byte is not cut at it"
is "$(printf '%s\n' "$got" | wc -l | tr -d ' ')" 6 "all six hostile ranking entries are listed"

run --list picks >"$T/picks" 2>&1; clean "$T/picks" "--list picks prints no control"
run --list ch:http://www.chinahightech.com/html/yuanqu/ >"$T/list" 2>"$T/list.err"
ok $? "the channel whose tab name holds an escape sequence is listed (by its key)"
clean "$T/list" "a channel list of hostile titles prints no control"
l=$(cut -f2,3 "$T/list")
contains "$l" "贵阳高新区" "its first title reads whole"
is "$(grep -c "	http://www.chinahightech.com/html/yuanqu/20" "$T/list")" 6 \
	"the six article links are listed, the one whose query holds \$( and backticks too"
contains "$l" "51811.html?q='\$(touch%20gxnews-pwned-1)'%60touch%20gxnews-pwned-2%60" \
	"that link percent-encoded as a browser sends it (spaces and backticks escaped)"
for s in javascript '`' "	-o" " gxnews-pwned"; do
	lacks "$l" "$s" "no list entry holds '$s' (no script link, no raw backtick, space or option)"
done
run --list no-such-tab >/dev/null 2>"$T/tabs.err"
bad=$(bad_bytes "$T/tabs.err")
ok "$([ -z "$bad" ]; echo $?)" "the 'no tab named' message lists tab names without their controls $bad"

run --dump "$ART" --width 60 >"$T/dump" 2>"$T/dump.err"; ok $? "--dump of the hostile article exits 0"
clean "$T/dump" "--dump prints no escape, C1 or bidi control"
clean "$T/dump.err" "and nothing hostile on stderr"
d=$(cat "$T/dump")
contains "$d" "第一段" "text before an escape sequence in the body stays"
contains "$d" "结束。" "text after an OSC title sequence stays"
contains "$d" "控制红色正常。" "C1 CSI sequences (&#x9b;, &#155;) go whole"
contains "$d" "方向cod.exe与隔离完。" "bidi overrides and isolates go"
contains "$d" "陈" "the author is shown"
for s in javascript JaVaScRiPt vbscript "data:" "file:" "/etc/passwd"; do
	lacks "$d" "$s" "no '$s' link reaches the link list"
done
for s in 脚本链接 大小写脚本 空格脚本 制表脚本 VB脚本 数据链接 本地文件 大写文件; do
	lacks "$d" "$s[" "the $s link gets no number"
done
contains "$d" "正常链接[" "an ordinary link is numbered"
links=$(printf '%s\n' "$d" | sed -n '/^Links:/,$p')
lacks "$links" '$(' "no URL in the link list holds a raw \$( to paste into a shell"
lacks "$links" '`' "no URL in the link list holds a raw backtick"
for w in 1 10; do
	run --dump "$ART" --width $w >"$T/dump$w" 2>&1; ok $? "--dump --width $w of the hostile article exits 0"
	clean "$T/dump$w" "--dump --width $w prints no control"
done

run --sync >"$T/sync" 2>&1
clean "$T/sync" "--sync over the hostile mirror prints no control"
run --offline --list rank-all >"$T/off" 2>&1; clean "$T/off" "the cached titles print no control offline"
ls "$T" | grep -q pwned; ok $((! $?)) "no link's shell metacharacters ran a command (no marker file)"
done_testing
