#!/bin/sh
# Screen test: o opens the article in $BROWSER (the URL one argument, no
# shell; the screen given to a text browser and taken back after), number
# keys open the article's numbered links, URLs that are not http(s) are
# refused, a graphical browser is not waited for.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

fake_browser
export BROWSER_ARGS="$T/browser.args"
args() { cat "$BROWSER_ARGS" 2>/dev/null; }
# opened NAME URL: the fake browser ran with URL as its one argument and
# is waiting; Enter ends it and the reader is back
opened() {
	wait_until 5 test -s "$BROWSER_ARGS"
	wait_for "FAKE BROWSER: 1" 5
	ok $? "$1: the browser runs on the terminal"
	is "$(args)" "$2" "$1: with the URL as its only argument"
	rm -f "$BROWSER_ARGS"
	keys Enter
	wait_gone "FAKE BROWSER" 5
	wait_status "Opened $(printf '%s' "$2" | cut -c1-30)" 5
	ok $? "$1: the reader comes back, saying what it opened"
}

tmux_start 80 24 env -u DISPLAY -u WAYLAND_DISPLAY BROWSER="$T/browser" \
	"$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/c.db"
wait_for "危险" 10
keys o
opened "o in the list" "http://www.chinahightech.com/yaowen/2025-02/10/content_90001.html"
contains "$(screen)" "危险" "the list is drawn again"

keys 3
wait_for "十三个链接的文章" 5
keys Enter
wait_for "李测试" 10
ok $? "the article with 13 links opens"
keys G
wait_status "100%" 5
s=$(screen)
contains "$s" "[13] mailto:editor@example.com" "its links are numbered"
contains "$s" "[15] http://www.chinahightech.com/images/b.jpg" "images are numbered too"
contains "$s" "[12] ftp://ftp.example.com/file.txt" "link 12 is an ftp URL"
keys o
opened "o in the article" "http://www.chinahightech.com/lianjie/2025-02/03/content_92001.html"

keys 5
opened "5 (no link 5x)" "https://example.com/link5"
keys 1
wait_status "Link 1: https://example.com/link1" 5
ok $? "1 could begin 10-13: the status line shows link 1 and waits"
ok $([ ! -e "$BROWSER_ARGS" ]; echo $?) "nothing is opened yet"
keys Enter
opened "1 Enter" "https://example.com/link1"
keys 1 1
opened "1 1" "https://example.com/link11"
keys 1 2
wait_status "Not opening ftp://ftp.example.com/file.txt" 5
ok $? "an ftp link is refused"
ok $([ ! -e "$BROWSER_ARGS" ]; echo $?) "and no browser runs"
keys 1 3
wait_status "Not opening mailto:editor@example.com" 5
ok $? "a mailto link is refused"
keys 1 Escape
wait_gone "Link 1:" 5
keys Enter
sleep 0.3
ok $([ ! -e "$BROWSER_ARGS" ]; echo $?) "Esc drops a number being typed"
contains "$(status_line)" "100%" "and Esc with a number typed stays in the article"
keys 1 6
wait_status "There is no link 16" 5
ok $? "a number past the last link says so"
keys q
wait_for "十三个链接的文章" 5

# $BROWSER with arguments and %s: still one argument for the URL
tmux_restart 80 24 env -u DISPLAY -u WAYLAND_DISPLAY BROWSER="$T/browser --new-tab %s:lynx" \
	"$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/c.db"
wait_for "危险" 10
keys o
wait_until 5 test -s "$BROWSER_ARGS"
wait_for "FAKE BROWSER: 2" 5
ok $? "BROWSER='browser --new-tab %s:lynx' runs the first choice with two arguments"
is "$(args)" "--new-tab
http://www.chinahightech.com/yaowen/2025-02/10/content_90001.html" "the URL in place of %s"
keys Enter
wait_gone "FAKE BROWSER" 5

# no browser at all
tmux_restart 80 24 env -u DISPLAY -u WAYLAND_DISPLAY BROWSER="$T/no-such-browser" \
	"$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/c.db"
wait_for "危险" 10
keys o
wait_status "Cannot start the browser" 5
ok $? "a browser that is not there: the status line says so"
contains "$(screen)" "危险" "and the list is still drawn"

# a graphical browser that keeps running is not waited for
cat >"$T/slow-browser" <<'EOS'
#!/bin/sh
echo "$@" >"$BROWSER_ARGS"
echo "GUI NOISE"
echo $$ >"$BROWSER_ARGS.pid"
exec sleep 30
EOS
chmod +x "$T/slow-browser"
tmux_restart 80 24 env DISPLAY=:99 BROWSER="$T/slow-browser" \
	"$GXNEWS" --site-url "$UI_MIRROR" --cache "$T/c.db"
wait_for "危险" 10
start=$(date +%s)
keys o
wait_status "Opened http://www.chinahightech.com/" 10
ok $? "with DISPLAY set the browser is started"
keys j
wait_status " 2/" 5
ok $(( $(date +%s) - start < 8 ? 0 : 1 )) "and the reader goes on without waiting for it to end"
lacks "$(screen)" "GUI NOISE" "its output does not scribble on the screen"
is "$(args)" "http://www.chinahightech.com/yaowen/2025-02/10/content_90001.html" \
	"it got the URL"
kill "$(cat "$BROWSER_ARGS.pid")" 2>/dev/null
done_testing
