#!/bin/sh
# One width rule: what the layout counts is what the terminal draws.  Every
# kind of grapheme cluster (ZWJ sequences, flags, keycaps, VS15 and VS16,
# skin tones, combining and spacing marks, Hangul jamo, ideographs,
# ambiguous punctuation) goes through --format-text and --dump at every
# width from 20 to 120, and every line is measured as the terminal counts
# it, code point by code point with the C library's wcwidth (widest, from
# cells.py), never as a screen capture that would clip it.
. "$(dirname "$0")/../lib.sh"
F="$top_srcdir/tests/fixtures"
UI="file://$F/ui/www.chinahightech.com/"
CLUSTERS="file://$F/text/clusters.html"
EMOJI=http://www.chinahightech.com/yaowen/2025-02/14/content_90005.html
dump() { "$GXNEWS" --site-url "$UI" --cache "$T/c.db" --dump "$@" 2>>"$T/err"; }

# each_width NAME COMMAND...: COMMAND --width W at W = 20..120, every line
# measured at once; one test.
each_width() {
	name=$1; shift
	rm -rf "$T/w"; mkdir "$T/w"
	w=20 files="" empty=""
	while [ $w -le 120 ]; do
		"$@" --width $w >"$T/w/$w" 2>>"$T/err"
		[ -s "$T/w/$w" ] || empty="$empty $w"
		files="$files $T/w/$w:$w"
		w=$((w + 1))
	done
	is "$empty" "" "$name: laid out at every width"
	is "$(cells fits --amb "$amb" $files)" "" \
		"$name: no line wider than asked for, widths 20-120"
}

amb=1
each_width "--format-text, every kind of cluster" \
	sh -c '"$GXNEWS" --format-text "$@" <"$0"' "$F/text/clusters.txt"
each_width "--format-text, a Chinese article" \
	sh -c '"$GXNEWS" --format-text "$@" <"$0"' "$F/text/sample.txt"
each_width "--dump, every kind of cluster in an article" dump "$CLUSTERS"
each_width "--dump, the screen tests' emoji article" dump "$EMOJI"
amb=2
each_width "--dump --ambiguous-width 2, every kind of cluster" \
	dump "$CLUSTERS" --ambiguous-width 2

# What the terminals disagree on is taken out, and counted as taken out.
got=$(dump "$CLUSTERS" --width 80)
lacks "$got" "$(printf '\342\200\215')" "no emoji joiner reaches the terminal"
lacks "$got" "$(printf '\357\270\217')" "no VS16"
lacks "$got" "$(printf '\360\237\217\275')" "no skin tone"
contains "$got" "👨👩👧" "a family is three emoji"
contains "$got" "🇨🇳🇺🇸" "flags stay"
contains "$got" "1⃣" "a keycap keeps its digit and U+20E3"
contains "$got" "$(printf 'e\314\201')" "a combining accent stays"

# Every other page in the fixtures with Chinese, emoji or marks, at the
# widths the issue names.
n=0 files=""
for f in $(find "$F" -name '*.html' | sort); do
	LC_ALL=C grep -q "$(printf '[\344-\351\360]')" "$f" 2>/dev/null || continue
	case $f in
	*/ui/*) url=http://www.chinahightech.com/${f#"$F"/ui/www.chinahightech.com/} ;;
	*) url=file://$f ;;
	esac
	for w in 20 40 80 120; do
		n=$((n + 1))
		dump "$url" --width $w >"$T/p$n" || continue
		files="$files $T/p$n:$w"
	done
done
ok $([ $n -ge 80 ]; echo $?) "pages from the fixtures laid out ($n)"
is "$(cells fits $files)" "" "none of them has a line wider than asked for at 20, 40, 80, 120"
done_testing
