#!/bin/sh
# Screen test: resizes, one at a time and in storms, in the list and in an
# article: the layout follows the size, the article keeps its first visible
# character at the top, the list keeps its selection; and the screen is
# never frozen by the network: drawn from the cache at once, keys and
# resizes handled while a refresh hangs, Esc cancels it.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
command -v "${PYTHON3:-python3}" >/dev/null || skip_all "python3 is needed"

C="$T/c.db"
"$GXNEWS" --site-url "$DEMO" --cache "$C" --sync >/dev/null 2>&1
ok $? "the demo site is cached for the test (--sync)"

# fits W H NAME: what is drawn fits the terminal
fits() {
	is "$(screen | cells check "$1")" "" "$3: at ${1}x$2 every line fits, none starts badly"
}

tmux_start 80 24 "$GXNEWS" --offline --cache "$C"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
keys 2
wait_for "以“链”为纲" 5
n=$(screen | grep -n "以“链”为纲" | head -n 1 | cut -d: -f1)
i=2
while [ $i -lt "$n" ]; do keys j; i=$((i + 1)); done
wait_status " $((n - 1))/" 5
keys Enter
wait_for "孙立新" 5
keys j j j j j
wait_status " 6-27/" 5
ok $? "the article is scrolled to its sixth line"
top=$(row 1)
first=$(printf '%s' "$top" | sed 's/^[　 ]*//' | cut -c1-4)

resize_to 40 15
fits 40 15 "article"
r12="$(row 1)$(row 2)"
contains "$(row 1)" "$(printf '%s' "$first" | cut -c1)" "at 40x15 the top line holds the first character that was at the top"
contains "$r12" "$first" "and the text goes on from it"
resize_to 100 30
fits 100 30 "article"
contains "$(row 1)$(row 2)" "$first" "at 100x30 the same text is at the top"
for size in 50x20 61x17 120x40 33x12 90x25 45x30 70x15 100x20 40x15; do
	resize "${size%x*}" "${size#*x}"
done
resize_to 80 24
is "$(row 1)" "$top" "after a storm of resizes, back at 80x24 the top line is exactly the one before"
fits 80 24 "article after the storm"

keys q
wait_for "以“链”为纲" 5
wait_status " $((n - 1))/" 5
ok $? "the list kept the selection"
for size in 100x30 40x15 20x5 19x5 60x20 80x24; do
	resize_to "${size%x*}" "${size#*x}"
	case $size in
	19x5) contains "$(screen)" "too small" "at 19x5 the screen says it is too small" ;;
	20x5) fits 20 5 "list" ;;
	*) wait_status " $((n - 1))/" 5
	   ok $? "at $size the selection is the same"
	   fits "${size%x*}" "${size#*x}" "list"
	   is "$(screen | sed '1d;$d' | cells datecol | wc -l | tr -d ' ')" 1 "at $size the dates are aligned" ;;
	esac
done
around=$(screen_e | cells around "以“链”为纲")
contains "$around" "reverse" "the selected row is still highlighted"

# never frozen: a site that does not answer
http_start "$top_srcdir/data/demo/www.chinahightech.com"
# (a patient user's net-timeout: the refresh outlasts the storm below)
tmux_restart 80 24 "$GXNEWS" --net-timeout 60 --site-url "http://127.0.0.1:$HTTP_PORT/_fault/silent?p=" --cache "$C"
wait_for "２０２４年成都高新区新增市场主体超6万户" 5
ok $? "the list is drawn from the cache while the site does not answer"
wait_status "Loading" 5
ok $? "the status line says a refresh is under way"
keys j
wait_status " 2/" 2
ok $? "keys work during the refresh"
keys R
for size in 50x20 61x17 120x40 33x12 90x25 45x30 70x15 100x20 40x15 19x5 10x5 1x1 3x2 \
            55x22 77x19 81x25 64x16 80x24; do
	resize "${size%x*}" "${size#*x}"
done
resize_to 80 24
alive
ok $? "a storm of resizes during the refresh does not kill the reader"
fits 80 24 "list after a storm during a refresh"
contains "$(status_line)" " 2/" "the selection survived it"
contains "$(status_line)" "Loading" "the refresh is still under way"
keys Enter
wait_for "王晓" 2 || wait_for "多地高新区" 2
ok $? "a cached article opens during the refresh"
for size in 40x15 100x30 30x10 80x24; do resize "${size%x*}" "${size#*x}"; done
resize_to 80 24
fits 80 24 "article after a storm during a refresh"
keys q Escape
wait_status "Cancelled" 5
ok $? "Esc cancels the refresh"
wait_until 5 eval '! status_line | grep -q Loading'
ok $? "and the status line stops saying Loading"
keys q
wait_until 5 eval '! alive'
ok $? "q quits"
done_testing
