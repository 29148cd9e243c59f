#!/bin/sh
# Screen test: the article view: the header block, the body laid out with
# Chinese line-breaking rules at 80, 100 and 40 columns, image placeholders
# and numbered links, the position indicator, scrolling keys, J/K and n/p
# to the next and previous article, the ways back to the list.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

# layout NAME: the article's lines fit and none starts with punctuation
# that must not start a line
layout() {
	is "$(screen | sed '1d;$d' | cells check "$2")" "" \
		"$1: lines fit $2 columns, none starts with ，。、；：？！”’）》」』】, no controls"
}
# whole NAME WIDTH: the same, on every screen of the article (Space to the end)
whole() {
	keys g
	wait_status " 1-" 5
	for _p in 1 2 3 4 5 6; do
		layout "$1 (screen $_p)" "$2"
		case $(status_line) in *" 100%"*) break ;; esac
		_was=$(status_line)
		keys Space
		wait_until 5 eval '[ "$(status_line)" != "$_was" ]'
	done
	keys g
	wait_status " 1-" 5
}

tmux_start 80 24 "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
keys Enter
wait_for "王晓" 10
ok $? "Enter opens the article"
s=$(screen)
is "$(row 1)" "２０２４年成都高新区新增市场主体超6万户" "the title heads the article"
contains "$(row 2)" "2025-01-17 09:30" "then its time"
contains "$(row 2)" "中国高新网" "and its source (来源)"
contains "$(row 2)" "王晓" "and its author (作者)"
contains "$s" "　　记者从成都高新区获悉" "paragraphs are indented by two U+3000"
contains "$(status_line)" "1-22/22 100%" "the status line says where the reader is"
around=$(screen_e | cells around "２０２４年成都")
contains "$around" "bold" "the title is bold"
layout "80x24 demo article" 80

keys J
wait_for "多地高新区部署2025年重点工作" 10
ok $? "J opens the next article without going back"
keys K
wait_for "王晓" 10
ok $? "K opens the previous one"
keys n
wait_for "多地高新区部署2025年重点工作" 10
ok $? "n (no search) opens the next article"
keys p
wait_for "王晓" 10
ok $? "p opens the previous one"
keys K
wait_status "first article" 5
ok $? "K on the first article says so"

keys q
wait_for "多地高新区部署2025年重点工作" 5
ok $? "q goes back to the list"
contains "$(status_line)" " 1/" "with the article still selected"
for back in h Left Escape; do
	keys Enter
	wait_for "王晓" 5
	keys "$back"
	wait_gone "王晓" 5
	ok $? "$back goes back to the list"
done
alive
ok $? "and the reader is still running"

# a long article: scrolling keys and the position indicator
keys 2
wait_for "以“链”为纲" 10
wait_gone "Loading" 5
keys g
wait_status " 1/" 5
n=$(screen | grep -n "以“链”为纲" | head -n 1 | cut -d: -f1)
i=2
while [ $i -lt "$n" ]; do keys j; i=$((i + 1)); done
wait_status " $((n - 1))/" 5
keys Enter
wait_for "孙立新" 10
ok $? "a two-page article opens"
contains "$(screen)" "Comments: 1" "its comment count (评论) is in the header"
st=$(status_line)
contains "$st" " 1-22/" "the indicator starts at line 1"
keys j
wait_status " 2-23/" 5
ok $? "j scrolls one line"
keys k
wait_status " 1-22/" 5
ok $? "k scrolls back"
keys Down Down
wait_status " 3-24/" 5
ok $? "Down scrolls"
keys Up
wait_status " 2-23/" 5
ok $? "Up scrolls back"
keys Space
wait_status " 23-44/" 5
ok $? "Space scrolls a screen (less one line)"
keys b
wait_status " 2-23/" 5
ok $? "b scrolls back a screen"
keys NPage
wait_status " 23-44/" 5
ok $? "PageDown scrolls a screen"
keys PPage
wait_status " 2-23/" 5
ok $? "PageUp scrolls back"
keys G
wait_status "100%" 5
ok $? "G goes to the end"
keys g
wait_status " 1-22/" 5
ok $? "g goes to the top"
keys End
wait_status "100%" 5
ok $? "End goes to the end"
keys Home
wait_status " 1-22/" 5
ok $? "Home goes to the top"
s=$(screen)
whole "80x24 two-page article" 80
keys G
wait_status "100%" 5
s=$(screen)
contains "$s" "Links:" "the links are listed at the end"
contains "$s" "[1] http://www.chinahightech.com/uploadfile/2022/0615/" "numbered, with their URLs"
keys g
wait_status " 1-22/" 5
wait_until 10 eval '[ "$(screen_e | cells picrows | grep -c .)" -gt 0 ]'
ok $? "its photo is drawn on the first screen (pictures are on by default)"
keys i
wait_status "Pictures hidden" 5
contains "$(screen)" "[图: 北湖科技园内的光电企业生产车间][1]" \
	"with pictures hidden (i), an image is a placeholder with its caption and number"
keys i
wait_status "Pictures shown" 5

resize_to 100 30
whole "100x30 two-page article" 100
resize_to 40 15
whole "40x15 two-page article" 40

# the fixture's punctuation-heavy article at three widths (from a copy of
# the mirror, changed under the reader below)
cp -R "$top_srcdir/tests/fixtures/ui/www.chinahightech.com" "$T/um"
chmod -R u+w "$T/um"
tmux_restart 80 24 "$GXNEWS" --site-url "file://$T/um/" --cache "$T/u.db"
wait_for "危险" 10
keys Enter
wait_for "李测试" 10
ok $? "the fixture's article opens"
whole "80x24 punctuation" 80
keys q j Enter
wait_status "cannot read" 5
ok $? "an article missing from the site: the status line says why"
contains "$(screen)" "C1控制红色标题" "and the list stays"
keys k Enter
wait_for "李测试" 10
# The page on the site gains a paragraph: F fetches it again and shows it.
sed -i 's|记者从高新区获悉|F键重新取回的段落。</p><p>　　&|' "$T/um/yaowen/2025-02/10/content_90001.html"
lacks "$(screen)" "F键重新取回的段落" "the article shown is the one cached"
keys F
wait_for "F键重新取回的段落" 10
ok $? "F fetches the full text again and shows it"
resize_to 100 30
whole "100x30 punctuation" 100
resize_to 40 15
whole "40x15 punctuation" 40
done_testing
