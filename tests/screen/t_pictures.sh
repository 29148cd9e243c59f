#!/bin/sh
# Screen test: pictures drawn as coloured symbols in a real terminal (tmux,
# TERM=xterm-256color): the demo article's photo between its paragraphs,
# the text below it moved down by its height, scrolled past, hidden and
# shown again with i, full screen with I; the e-paper's page picture above
# its list; the photo still there after --sync with the server gone; bombs
# and a cut-short JPEG as caption lines; no ambiguous-width symbol on a
# terminal that draws those two columns wide.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
"$GXNEWS" --version | grep -q 'without libchafa' && skip_all "built without libchafa"

. "$top_srcdir/tests/screen/pictures.sh"

tmux_start 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
open_sample
ok $? "the demo article opens at once, its text before its photo"
wait_until 10 _has_picture
ok $? "the photo comes in the background and is drawn"
rows=$(picrows)
n=$(count "$rows")
para=$(rowof "经济高速发展的背后")
cap=$(rowof "[图][1]")
ok $([ "$n" -ge 6 ] && [ "$n" -le 14 ]; echo $?) \
	"as $n rows of symbols, at most half the screen (14 of 28 rows)"
is "$(first "$rows")" "$((para + 2))" "it starts below its paragraph and a blank line"
ok $([ "$(last "$rows")" -lt "$cap" ] && [ "$((cap - $(last "$rows")))" -le 2 ]; echo $?) \
	"its caption line [图][1] stands right below it"
sgr=$(screen_e | cells sgr)
contains "$sgr" "48;5;" "its cells have 256-colour backgrounds"
ok $([ "$(screen | cells blocks | grep -c .)" -ge 4 ]; echo $?) "and block symbols"
w=$(screen | sed '1d;$d' | widest)
ok $([ "$w" -le 80 ]; echo $?) "nothing is drawn past the right edge ($w)"
total=$(status_line | sed 's|.*/\([0-9]*\) .*|\1|')

# i hides it: the text below moves up by its height; i shows it again.
after=$(rowof "雅光电子")
keys i
wait_status "Pictures hidden" 5
ok $? "i hides the pictures and says so"
is "$(picrows | grep -c .)" 0 "no picture is drawn"
is "$(rowof "[图][1]")" "$((cap - (cap - para - 2)))" "the caption moves up to where the photo began"
is "$(( after - $(rowof "雅光电子") ))" "$((cap - para - 2))" \
	"the text below the photo moves up by the room it took"
contains "$(status_line)" "/$((total - cap + para + 2)) " "the article is that many lines shorter"
keys i
wait_status "Pictures shown" 5
wait_until 5 _has_picture
ok $? "i shows them again"
is "$(rowof "[图][1]")" "$cap" "in the same place"

# Scrolling past it.
keys j
wait_until 5 eval '[ "$(rowof "[图][1]")" = "$((cap - 1))" ]'
ok $? "j moves the photo up one row with the text"
i=1
while [ $i -lt $((para + 3)) ]; do keys j; i=$((i + 1)); done
wait_until 5 eval '[ "$(rowof "[图][1]")" = "$((cap - para - 3))" ]'
ok $? "further down, the photo's top is above the screen"
rows=$(picrows)
is "$(first "$rows")" 1 "its lower rows are drawn from the top row"
is "$(count "$rows")" "$((n - 2))" "all but the two rows scrolled off"
i=0
while [ $i -lt $((cap - para - 4)) ]; do keys j; i=$((i + 1)); done
wait_until 5 eval '[ "$(rowof "[图][1]")" = "1" ]'
ok $? "scrolled past it, its caption is at the top"
is "$(picrows | grep -c .)" 0 "and none of it is drawn"
keys k k
wait_until 5 eval '[ "$(picrows | grep -c .)" = 2 ]'
ok $? "k brings its last rows back"

# I: full screen; q comes back.
keys I
wait_status "q back  i hide pictures" 5
ok $? "I shows the picture on the screen full screen"
ok $([ "$(picrows | grep -c .)" -ge 20 ]; echo $?) "as high as the screen allows"
keys q
wait_until 5 eval '[ "$(picrows | grep -c .)" = 2 ]'
ok $? "q goes back to the article where it was"

# The e-paper: the page picture of the selected article's page above its list.
keys q
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 5
keys 4
wait_for "国家高新区上半年主要经济指标保持稳定增长" 10
ok $? "the e-paper tab lists page A1's articles"
wait_until 10 _has_picture 5
ok $? "with the page picture (版面图) above them"
rows=$(picrows)
item=$(rowof "国家高新区上半年主要经济指标保持稳定增长")
ok $([ "$(last "$rows")" -lt "$item" ] && [ "$(first "$rows")" -ge 1 ]; echo $?) \
	"drawn between the tabs and the list"
contains "$(screen | sed -n "$item"p)" "[The page as printed; I: full screen]" \
	"its caption line right above the first article"
keys I
wait_status "480×660" 5
ok $? "I shows the page full screen"
keys q q
wait_until 5 eval '! alive'

# After --sync, the photo is shown with the server gone.
http_start "$top_srcdir/data/demo/www.chinahightech.com"
"$GXNEWS" --site-url "http://127.0.0.1:$HTTP_PORT/" --cache "$T/s.db" --sync >/dev/null 2>&1
http_stop
tmux_restart 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "http://127.0.0.1:$HTTP_PORT/" \
	--cache "$T/s.db"
open_sample
wait_until 10 _has_picture
ok $? "with the network gone after --sync, the photo is drawn"
is "$(count "$(picrows)")" "$n" "as large as before"

# Hostile pictures in the article: caption lines that say why.
cp -R "$top_srcdir/data/demo/www.chinahightech.com" "$T/m"
chmod -R u+w "$T/m"
mkdir -p "$T/m/p"
cp "$top_srcdir/tests/fixtures/image/bomb-1x60000.png" "$top_srcdir/tests/fixtures/image/truncated.jpg" "$T/m/p/"
sed -i 's|<p>　　经济高速发展的背后,是高质量党建的赋能。</p>|&<p><img src="/p/bomb-1x60000.png" alt="长条"></p><p><img src="/p/truncated.jpg" alt="残图"></p>|' \
	"$T/m/html/yuanqu/2022/0704/52101.html"
tmux_restart 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "file://$T/m/" --cache "$T/h.db"
open_sample
wait_for "(not shown: 1×60000 pixels" 10
ok $? "a 1 × 60,000 PNG is a caption line saying it is not shown"
wait_for "[图: 残图][2] (damaged picture: the JPEG data ends early)" 10
ok $? "a cut-short JPEG is a caption line saying so"
wait_until 10 _has_picture
ok $? "the good photo after them is drawn"
alive
ok $? "and the reader goes on"

# An article of 30 large pictures in the cache, each 64 MiB once decoded
# (seconds for all of them): its text comes at once, they are decoded
# between keys, and q leaves it at once.
cp -R "$top_srcdir/data/demo/www.chinahightech.com" "$T/b"
chmod -R u+w "$T/b"
mkdir -p "$T/b/p"
imgs=""
for i in $(seq 1 30); do
	cp "$top_srcdir/tests/fixtures/image/bomb-4096x4096.png" "$T/b/p/b$i.png"
	imgs="$imgs<p><img src=\"/p/b$i.png\" alt=\"大图$i\"></p>"
done
sed -i "s|<p>　　经济高速发展的背后,是高质量党建的赋能。</p>|&$imgs|" \
	"$T/b/html/yuanqu/2022/0704/52101.html"
"$GXNEWS" --site-url "file://$T/b/" --cache "$T/b.db" --sync >/dev/null 2>&1
tmux_restart 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "file://$T/b/" --cache "$T/b.db"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
keys ']'
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 10
keys g Enter
wait_for "经济高速发展的背后" 3
ok $? "an article of 30 pictures of 4096 × 4096 in the cache: its text is shown at once"
wait_until 20 _has_picture
ok $? "its first picture is drawn as it is decoded"
keys q
wait_gone "经济高速发展的背后" 3
ok $? "q leaves it at once, the other pictures not waited for"
keys q

# A terminal drawing ambiguous-width characters two columns wide: only
# symbols of one column.
tmux_restart 80 30 env TERM=xterm-256color "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" \
	--ambiguous-width 2
open_sample
keys g          # the article reopens where it was left; the photo is at the top
wait_until 10 _has_picture
ok $? "with ambiguous-width 2 the photo is drawn"
is "$(screen | cells blocks | grep -c 'U+258[0-9A-F]\|U+259[2-5]')" 0 \
	"with none of the blocks East Asian Width calls ambiguous"

# A source line turns the site's pictures off: its article shows the
# caption where the photo was, nothing drawn.
printf 'source chinahightech images off\n' >"$T/off.cfg"
tmux_restart 80 30 env TERM=xterm-256color "$GXNEWS" --config "$T/off.cfg" --site-url "$DEMO" \
	--cache "$T/c.db"
open_sample
keys g
wait_for "[图][1]" 5
sleep 2         # the photo is in the cache: drawn by now if it were shown
is "$(rowof "[图][1]")" "$(($(rowof "经济高速发展的背后") + 2))" \
	"source chinahightech images off: the caption stands right below the paragraph"
is "$(picrows)" "" "and no picture is drawn"
done_testing
