#!/bin/sh
# Pictures on the command line: --images and the images setting, --dump
# drawing an article's photo as symbols, sixel, kitty or iTerm2 bytes,
# --sync keeping pictures for reading with the network gone, and bombs,
# cut-short and false pictures as caption lines that say why.
. "$(dirname "$0")/../lib.sh"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
run() { "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" "$@"; }

contains "$("$GXNEWS" --help)" "--images MODE" "--help lists --images"
"$GXNEWS" --images on --format-text </dev/null >/dev/null 2>"$T/err"
is $? 2 "--images with an unknown mode exits 2"
contains "$(cat "$T/err")" "auto, symbols, sixel, kitty, iterm or off" "and names the modes"
printf 'images big\n' >"$T/bad.cfg"
"$GXNEWS" --config "$T/bad.cfg" --format-text </dev/null >/dev/null 2>"$T/err"
is $? 2 "the images setting with an unknown mode is an error"
contains "$(cat "$T/err")" "bad.cfg:1" "that names the file and the line"

if "$GXNEWS" --version | grep -q 'without libchafa'; then
	got=$(run --dump "$SAMPLE" --width 60 --images symbols)
	contains "$got" "[图][1]" "without libchafa the picture is its caption line"
	done_testing
	exit 0
fi
contains "$("$GXNEWS" --version)" "libchafa" "--version names libchafa"
contains "$("$GXNEWS" --version)" "JPEG PNG WebP GIF" "and the formats it decodes"

# auto draws only on a terminal: into a pipe, the captions of before.
export TERM=xterm-256color
plain=$(run --dump "$SAMPLE" --width 60)
contains "$plain" "[图][1]" "into a pipe, the photo is its caption line"
lacks "$plain" "$(printf '\033')" "and no escape sequence is written"
is "$(run --dump "$SAMPLE" --width 60 --images off)" "$plain" "--images off: the same"

# symbols named outright: the photo between its paragraphs, coloured.
sym=$(run --dump "$SAMPLE" --width 60 --images symbols)
before=$(printf '%s\n' "$sym" | grep -n '经济高速发展的背后' | cut -d: -f1)
caption=$(printf '%s\n' "$sym" | grep -n '^\[图\]\[1\]' | cut -d: -f1)
rows=$(printf '%s\n' "$sym" | sed -n "$((before + 1)),$((caption - 1))p" | grep -c '38;5;')
ok $([ "$rows" -ge 6 ] && [ "$rows" -le 12 ]; echo $?) \
	"--images symbols: the photo's rows stand between its paragraph and its caption ($rows rows, at most 12)"
ok $(printf '%s' "$sym" | "${PYTHON3:-python3}" -c '
import re, sys
s = sys.stdin.read()
sys.exit(0 if re.search("\x1b\\[38;5;[0-9]+;48;5;[0-9]+m[\u2580-\u259f]", s) else 1)'; echo $?) \
	"in 256 colours, foreground and background, as block symbols"
is $(( $(printf '%s\n' "$sym" | wc -l) - $(printf '%s\n' "$plain" | wc -l) )) "$rows" \
	"the text after it moves down by its height"
w=$(printf '%s\n' "$sym" | sed 's/\x1b\[[0-9;]*m//g' | widest)
ok $([ "$w" -le 60 ]; echo $?) "no row of it is wider than the text column ($w)"

# The graphics protocols, as bytes.
six=$(run --dump "$SAMPLE" --width 60 --images sixel | tr -d '\n')
contains "$six" "$(printf '\033P0;1;0q"1;1;288;')" \
	"--images sixel: a sixel image (DCS q, raster 288 pixels wide: 36 cells of 8)"
contains "$six" "$(printf '\033\\[图][1]')" "ended by ST, its caption next"
kit=$(run --dump "$SAMPLE" --width 60 --images kitty)
contains "$kit" "$(printf '\033_Ga=T,f=32,s=')" "--images kitty: transmit and show, RGBA"
contains "$kit" "c=36,r=12" "in the cells the layout kept (36×12)"
it=$(run --dump "$SAMPLE" --width 60 --images iterm)
contains "$it" "$(printf '\033]1337;File=inline=1;width=36;height=12')" "--images iterm: OSC 1337 File, 36×12 cells"

# The setting does what the option does; the option wins.
printf 'images kitty\n' >"$T/kitty.cfg"
contains "$(run --config "$T/kitty.cfg" --dump "$SAMPLE" --width 60)" "$(printf '\033_G')" \
	"the images setting names a protocol for --dump"
lacks "$(run --config "$T/kitty.cfg" --dump "$SAMPLE" --width 60 --images off)" "$(printf '\033_G')" \
	"--images off overrides it"

# A source line sets the pictures of one site or feed: the site's article
# (listed, so its source is known) drawn otherwise, or not at all.
run --list 园区 >/dev/null 2>&1
printf 'images kitty\nsource chinahightech images off\n' >"$T/site-off.cfg"
is "$(run --config "$T/site-off.cfg" --dump "$SAMPLE" --width 60)" "$plain" \
	"source chinahightech images off: the site's photo is its caption line"
rm -f "$T/fresh.db"*
is "$("$GXNEWS" --site-url "$DEMO" --cache "$T/fresh.db" --config "$T/site-off.cfg" --dump "$SAMPLE" \
	--width 60)" "$plain" "an article never listed is the site's by its host: its photo not drawn either"
printf 'images kitty\nsource www.chinahightech.com images symbols\n' >"$T/site-sym.cfg"
got=$(run --config "$T/site-sym.cfg" --dump "$SAMPLE" --width 60)
lacks "$got" "$(printf '\033_G')" "source www.chinahightech.com images symbols: not kitty's"
contains "$got" "$(printf '\033[38;5;')" "but coloured symbols"
lacks "$(run --config "$T/site-sym.cfg" --dump "$SAMPLE" --width 60 --images off)" \
	"$(printf '\033')" "--images off hides every source's pictures"

# --sync keeps the pictures; with the server gone they are still shown.
http_start "$top_srcdir/data/demo/www.chinahightech.com"
"$GXNEWS" --site-url "http://127.0.0.1:$HTTP_PORT/" --cache "$T/s.db" --sync >/dev/null 2>"$T/sync"
contains "$(cat "$T/sync")" "fetched: http://www.chinahightech.com/uploadfile/2022/0704/20220704121530.jpg" \
	"--sync fetches the article's photo"
http_stop
got=$("$GXNEWS" --site-url "http://127.0.0.1:$HTTP_PORT/" --cache "$T/s.db" --dump "$SAMPLE" \
	--width 60 --images symbols 2>"$T/err")
is "$(printf '%s\n' "$got" | grep -c '38;5;')" "$rows" "with the network gone after --sync, the photo is drawn"
printf 'images off\n' >"$T/off.cfg"
"$GXNEWS" --site-url "$DEMO" --cache "$T/off.db" --config "$T/off.cfg" --sync >/dev/null 2>"$T/sync"
lacks "$(cat "$T/sync")" ".jpg" "images off: --sync fetches no picture"

# Hostile pictures: each a caption line saying why, the rest drawn.
M="$T/mirror/www.chinahightech.com"
mkdir -p "$M/html/yuanqu/2022/0801" "$M/p"
for f in photo.jpg bomb-1x60000.png bomb-20000x20000.png truncated.jpg not-a-picture.jpg; do
	cp "$top_srcdir/tests/fixtures/image/$f" "$M/p/"
done
{
	printf '<html><head><meta charset="utf-8"></head><body><div class="title_nr">'
	printf '<h1>图片测试</h1><div class="addtime">2022-08-01 09:00</div></div>'
	printf '<div class="content"><p>　　开头。</p>'
	printf '<p><img src="/p/photo.jpg" alt="照片"></p><p><img src="/p/bomb-1x60000.png" alt="长条"></p>'
	printf '<p><img src="/p/bomb-20000x20000.png" alt="巨图"></p><p><img src="/p/truncated.jpg" alt="残图"></p>'
	printf '<p><img src="/p/not-a-picture.jpg" alt="假图"></p><p>　　结尾。</p></div></body></html>\n'
} >"$M/html/yuanqu/2022/0801/60001.html"
got=$("$GXNEWS" --site-url "file://$M/" --cache "$T/h.db" --images symbols --width 80 \
	--dump http://www.chinahightech.com/html/yuanqu/2022/0801/60001.html 2>"$T/err")
ok $? "an article with hostile pictures is shown"
contains "$got" "[图: 长条][2] (not shown: 1×60000 pixels, more than 16384 on a side)" \
	"a 1 × 60,000 PNG is a caption line saying why"
contains "$got" "[图: 巨图][3] (not shown: 20000×20000 pixels, more than 16384 on a side)" \
	"a 20,000 × 20,000 PNG is a caption line saying why"
contains "$got" "[图: 残图][4] (damaged picture: the JPEG data ends early)" \
	"a truncated JPEG is a caption line saying why"
contains "$got" "[图: 假图][5] (not a picture gxnews can show)" \
	"an HTML page named .jpg is a caption line saying why"
ok $(printf '%s\n' "$got" | grep -q '38;5;'; echo $?) "and the good photo beside them is drawn"
contains "$got" "　　结尾。" "the text after them is all there"

# Over HTTP the Content-Type says nothing: a photo served as text/html is
# drawn, an HTML page served as image/jpeg is a caption line.
cp "$top_srcdir/tests/fixtures/image/photo.jpg" "$M/p/photo-page.html"
{
	printf '<html><head><meta charset="utf-8"></head><body><div class="title_nr">'
	printf '<h1>类型测试</h1><div class="addtime">2022-08-01 10:00</div></div>'
	printf '<div class="content"><p>　　开头。</p>'
	printf '<p><img src="/p/photo-page.html" alt="网页名"></p><p><img src="/p/not-a-picture.jpg" alt="假图"></p>'
	printf '<p>　　结尾。</p></div></body></html>\n'
} >"$M/html/yuanqu/2022/0801/60002.html"
http_start "$M"
got=$("$GXNEWS" --site-url "http://127.0.0.1:$HTTP_PORT/" --cache "$T/ct.db" --images symbols --width 80 \
	--dump http://www.chinahightech.com/html/yuanqu/2022/0801/60002.html 2>"$T/err")
http_stop
ok $(printf '%s\n' "$got" | grep -q '38;5;'; echo $?) "a JPEG served as text/html is drawn"
is "$(printf '%s\n' "$got" | grep -F '[图: 网页名]')" "[图: 网页名][1]" "with its caption line and no note"
contains "$got" "[图: 假图][2] (not a picture gxnews can show)" \
	"an HTML page served as image/jpeg is a caption line saying why"

done_testing
