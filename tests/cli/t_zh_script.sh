#!/bin/sh
# Simplified and Traditional Chinese on the command line: --zh-script for
# --dump, --format-text and --list, the zh-script setting, the default from
# the locale, and the layout after conversion.
. "$(dirname "$0")/../lib.sh"
Z="$top_srcdir/tests/fixtures/zhscript"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
run() { "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" "$@"; }

# Lines that start with closing punctuation (禁则: never at a line's start).
kinsoku() { grep -c '^[，。、；：？！”’）》」』】]'; }

out=$("$GXNEWS" --help)
contains "$out" "--zh-script SCRIPT" "--help lists --zh-script"
"$GXNEWS" --zh-script big5 --format-text </dev/null >/dev/null 2>"$T/err"
is $? 2 "--zh-script with an unknown script exits 2"
contains "$(cat "$T/err")" "simplified, traditional, hk or tw" "and names the scripts"

if "$GXNEWS" --version | grep -q 'without OpenCC'; then
	# A build without OpenCC: asking for Traditional by name is an error.
	echo 经济 | "$GXNEWS" --format-text --zh-script tw >/dev/null 2>"$T/err"
	is $? 2 "without OpenCC, --zh-script tw exits 2"
	contains "$(cat "$T/err")" "OpenCC" "and says OpenCC is missing"
	printf 'zh-script tw\n' >"$T/cfg"
	got=$(echo 经济 | "$GXNEWS" --config "$T/cfg" --format-text 2>"$T/err")
	is "$got" "经济" "the zh-script setting without OpenCC shows the text as published"
	contains "$(cat "$T/err")" "OpenCC" "and says why"
	done_testing
	exit 0
fi
contains "$("$GXNEWS" --version)" "OpenCC" "--version names OpenCC"

# The demo article in each script, exactly, at 40 columns; no line wider,
# no line starting with closing punctuation.
for s in simplified traditional hk tw; do
	got=$(run --dump "$SAMPLE" --width 40 --zh-script $s)
	is "$got" "$(cat "$Z/dump-$s-40.txt")" "--dump --zh-script $s prints the article in $s"
	for w in 40 23; do
		got=$(run --dump "$SAMPLE" --width $w --zh-script $s)
		n=$(printf '%s\n' "$got" | widest)
		ok $([ "$n" -le $w ]; echo $?) "--zh-script $s --width $w: no line wider than $w ($n)"
		is "$(printf '%s\n' "$got" | kinsoku)" 0 "--zh-script $s --width $w: no line starts with closing punctuation"
	done
done
got=$(run --dump "$SAMPLE" --width 40 --zh-script tw --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["title"], d["source"], d["author"], d["editor"], sep="|")')
is "$got" "貴陽高新區以黨建引領賦能園區經濟高質量發展|貴陽高新區|陳佳藝|王丹萍" \
	"--dump --json --zh-script tw gives the fields in Taiwan characters"

# The cache keeps what the site published: offline, Simplified is as before.
got=$("$GXNEWS" --offline --cache "$T/c.db" --dump "$SAMPLE" --width 40 --zh-script simplified)
is "$got" "$(cat "$Z/dump-simplified-40.txt")" "after reading in tw, the cache still holds the Simplified article"

# --format-text: converted first, then laid out (a Taiwan word can be longer).
for s in simplified traditional hk tw; do
	got=$("$GXNEWS" --format-text --width 21 --zh-script $s <"$Z/para.txt")
	is "$got" "$(cat "$Z/para-$s-21.txt")" "--format-text --zh-script $s"
done
got=$(printf '手机内存不足时，把照片存进U盘。\n' | "$GXNEWS" --format-text --width 21 --zh-script tw)
is "$got" "$(printf '手機記憶體不足時，把\n照片存進隨身碟。')" "a phrase that grows (内存 -> 記憶體) moves the break"
got=$(printf '\033[31m经济\033]0;x\007\n' | "$GXNEWS" --format-text --width 20 --zh-script tw | od -c)
lacks "$got" '033' "escape codes do not pass through conversion"

# --list: titles converted; a tab found by its published or shown name.
got=$(run --list 园区 --zh-script tw | head -n 1)
is "$got" "$(printf '2022-07-04\t貴陽高新區以黨建引領賦能園區經濟高質量發展\t%s' "$SAMPLE")" \
	"--list --zh-script tw prints titles in Taiwan characters"
got=$(run --list 園區 --zh-script tw | head -n 1)
contains "$got" "貴陽高新區" "--list finds the tab by its shown name 園區"
got=$(run --list 园区 --zh-script hk --json | python3 -c '
import json, sys
print(json.load(sys.stdin)[0]["title"])')
is "$got" "貴陽高新區以黨建引領賦能園區經濟高質量發展" "--list --json --zh-script hk"

# The zh-script setting, and --zh-script over it.
printf 'zh-script traditional\n' >"$T/cfg"
got=$(echo 为人民 | "$GXNEWS" --config "$T/cfg" --format-text)
is "$got" "爲人民" "the zh-script setting is used"
got=$(echo 为人民 | "$GXNEWS" --config "$T/cfg" --format-text --zh-script hk)
is "$got" "為人民" "--zh-script goes before the setting"
printf 'zh-script zh_TW\n' >"$T/cfg"
echo x | "$GXNEWS" --config "$T/cfg" --format-text >/dev/null 2>"$T/err"
is $? 2 "a bad zh-script setting exits 2"
contains "$(cat "$T/err")" "cfg:1" "and names the file and line"

# The default follows the locale: zh_TW, zh_HK Traditional, others Simplified.
for l in zh_TW.UTF-8:為人民 zh_HK.UTF-8:為人民 zh_CN.UTF-8:为人民 C.UTF-8:为人民; do
	got=$(echo 为人民 | env -u LC_ALL LANG="${l%%:*}" "$GXNEWS" --format-text 2>/dev/null)
	is "$got" "${l#*:}" "with LANG=${l%%:*} and no setting, 为人民 is $got"
done
got=$(echo 软件 | env -u LC_ALL LANG=C.UTF-8 LC_MESSAGES=zh_TW.UTF-8 "$GXNEWS" --format-text 2>/dev/null)
is "$got" "軟體" "LC_MESSAGES=zh_TW gives Taiwan words"
got=$(echo 软件 | env -u LC_ALL LANG=zh_TW.UTF-8 "$GXNEWS" --format-text --zh-script simplified 2>/dev/null)
is "$got" "软件" "--zh-script simplified shows a zh_TW reader what the site published"

done_testing
