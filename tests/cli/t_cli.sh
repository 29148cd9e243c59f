#!/bin/sh
# Command-line tests: --list, --dump, --format-text, --offline, errors.
. "$(dirname "$0")/../lib.sh"
X="$top_srcdir/tests/fixtures/demo/www.chinahightech.com"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
run() { "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" "$@"; }

out=$("$GXNEWS" --help); ok $? "--help exits 0"
contains "$out" "--list TAB" "--help lists --list"
out=$("$GXNEWS" --version); contains "$out" "gxnews 0.1.0" "--version names the version"
contains "$out" "SQLite" "--version names the libraries in use"

"$GXNEWS" --no-such-option >/dev/null 2>&1; is $? 2 "an unknown option exits 2"
"$GXNEWS" --width abc --format-text </dev/null >/dev/null 2>&1; is $? 2 "a bad --width exits 2"

# The ranking in order, with full titles taken from the title attribute.
want=$(awk -F'\t' '$1 == "rank-all" { print "\t" $3 "\t" $4 }' "$X/index.html.expect")
got=$(run --list 排行·全部 2>"$T/err"); ok $? "--list 排行·全部 exits 0"
is "$got" "$want" "--list 排行·全部 prints the ranking in order with full titles"
lacks "$got" "…" "no ranking title is cut short"
got=$(run --list rank-month); want=$(awk -F'\t' '$1 == "rank-month" { print "\t" $3 "\t" $4 }' "$X/index.html.expect")
is "$got" "$want" "--list rank-month prints the month's ranking"

# A channel: page 1 of its list, with dates.
got=$(run --list 园区)
want=$(awk -F'\t' '$1 == "item" { print $2 "\t" $3 "\t" $4 }' "$X/html/yuanqu/index.html.expect")
is "$got" "$want" "--list 园区 prints the channel's first page with dates"

# The sample article as the pager lays it out.
got=$(run --dump "$SAMPLE" --width 60); ok $? "--dump exits 0"
contains "$got" "贵阳高新区以党建引领赋能园区经济高质量发展" "--dump shows the title"
contains "$got" "2022-07-04 12:18:01" "--dump shows the time"
contains "$got" "贵阳高新区" "--dump shows the source"
contains "$got" "陈佳艺" "--dump shows the author"
contains "$got" "王丹萍" "--dump shows the editor"
contains "$got" "　　今年1至5月" "--dump indents the first paragraph by two U+3000"
lacks "$got" "版权与免责声明" "--dump drops the disclaimer"
lacks "$got" "扫描添加" "--dump drops the QR captions"
w=$(printf '%s\n' "$got" | widest); ok $([ "$w" -le 60 ]; echo $?) "--dump --width 60: no line wider than 60 (widest $w)"
bad=$(printf '%s\n' "$got" | grep -c '^[，。、；：？！”’）》」』】]')
is "$bad" 0 "--dump: no line starts with closing punctuation"
got40=$(run --dump "$SAMPLE" --width 40)
w=$(printf '%s\n' "$got40" | widest); ok $([ "$w" -le 40 ]; echo $?) "--dump --width 40: no line wider than 40 (widest $w)"
ok $([ "$(printf '%s\n' "$got40" | wc -l)" -gt "$(printf '%s\n' "$got" | wc -l)" ]; echo $?) \
	"a narrower --dump takes more lines"

# GBK article with characters outside GB2312.
got=$(run --dump http://www.chinahightech.com/html/qiye/2021/1112/49870.html --width 80)
contains "$got" "王喆" "a GBK page keeps 喆, outside GB2312"
contains "$got" "朱镕" "a GBK page keeps 镕, outside GB2312"

# --json for scripts: valid JSON with the same content.
got=$(run --list 排行·全部 --json | python3 -c '
import json, sys
for it in json.load(sys.stdin): print(it["rank"], it["title"], it["url"], sep="\t")')
want=$(awk -F'\t' '$1 == "rank-all" { print $2 "\t" $3 "\t" $4 }' "$X/index.html.expect")
is "$got" "$want" "--list --json gives the ranking as JSON objects"
got=$(run --dump "$SAMPLE" --width 50 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["title"], d["source"], d["author"], d["editor"], d["comments"], sep="|")')
is "$got" "贵阳高新区以党建引领赋能园区经济高质量发展|贵阳高新区|陈佳艺|王丹萍|0" "--dump --json gives the article's fields"

# A page the site does not have: a clear message, exit 1.
run --dump http://www.chinahightech.com/html/yuanqu/2022/0101/1.html >/dev/null 2>"$T/err"
is $? 1 "--dump of a missing page exits 1"
contains "$(cat "$T/err")" "0101/1.html" "and the message names the page"

# --format-text: a CJK-aware fmt.
got=$(printf '%s\n' "他说：“今天天气很好，我们去公园吧。”然后走了。" | "$GXNEWS" --format-text --width 10)
is "$(printf '%s\n' "$got" | tr -d '\n')" "他说：“今天天气很好，我们去公园吧。”然后走了。" "--format-text loses nothing"
bad=$(printf '%s\n' "$got" | grep -c '^[，。”]')
is "$bad" 0 "--format-text: no line starts with ，。”"
w=$(printf '%s\n' "$got" | widest); ok $([ "$w" -le 10 ]; echo $?) "--format-text --width 10: no line wider than 10"
got=$(printf '%s\n' "　　今年1至5月，园区实现营业收入。" "  ASCII spaces go" | "$GXNEWS" --format-text --width 20)
is "$got" "$(printf '%s\n' "　　今年1至5月，园区" "实现营业收入。" "ASCII spaces go")" \
	"--format-text keeps a paragraph's U+3000 indent (and adds none)"

# Offline: the same list from the cache, without the mirror.
got=$("$GXNEWS" --offline --site-url file:///nonexistent/ --cache "$T/c.db" --list 排行·全部 | cut -f2,3)
want=$(awk -F'\t' '$1 == "rank-all" { print $3 "\t" $4 }' "$X/index.html.expect")
is "$got" "$want" "--offline --list prints the cached ranking"
got=$("$GXNEWS" --offline --cache "$T/c.db" --dump "$SAMPLE" --width 60)
contains "$got" "　　今年1至5月" "--offline --dump reads the cached article"
"$GXNEWS" --offline --cache "$T/empty.db" --list 排行·全部 >/dev/null 2>"$T/err"
is $? 1 "--offline on an empty cache fails"
contains "$(cat "$T/err")" "排行·全部" "and names the tab it could not find"

# A dead mirror: the cache answers and the user is told.
got=$("$GXNEWS" --site-url file:///nonexistent/ --cache "$T/c.db" --list 排行·全部 2>"$T/err" | cut -f2,3)
is "$got" "$want" "with the site unreachable, --list prints the cached ranking"
contains "$(cat "$T/err")" "cached" "and stderr says the copy is from the cache"

# Profiles and config with mistakes are named by file and line.
printf 'ambiguous-width 3\n' > "$T/bad.conf"
"$GXNEWS" --config "$T/bad.conf" --list x >/dev/null 2>"$T/err"; is $? 2 "a bad config exits 2"
contains "$(cat "$T/err")" "bad.conf:1:" "the config error names file and line"
# The page size limit: max-page-size (config) and --max-page-size.  A feed
# over the limit is an error that says how to raise it; raised, it is read.
"${PYTHON3:-python3}" - "$T/big.xml" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>大</title>')
    for i in range(1500):
        f.write('<item><title>第%d条</title><link>http://example.com/%d</link>'
                '<description>%s</description></item>\n' % (i, i, "高新技术" * 80))
    f.write('</channel></rss>\n')
PY
printf 'max-page-size 1\nfeed file://%s 大\n' "$T/big.xml" > "$T/limit.conf"
"$GXNEWS" --config "$T/limit.conf" --site-url file:///nonexistent/ --cache "$T/limit.db" \
	--list 大 >/dev/null 2>"$T/err"
is $? 1 "max-page-size 1: a 1.5 MB feed is refused with exit status 1"
contains "$(cat "$T/err")" "limit of 1 MB" "the refusal says the limit"
contains "$(cat "$T/err")" "--max-page-size" "and how to raise it"
n=$("$GXNEWS" --config "$T/limit.conf" --max-page-size 2 --site-url file:///nonexistent/ \
	--cache "$T/limit.db" --list 大 2>/dev/null | wc -l)
is "$n" 1500 "--max-page-size 2 over the config's 1: the feed is read whole"
printf 'max-page-size 0\n' > "$T/bad.conf"
"$GXNEWS" --config "$T/bad.conf" --list x >/dev/null 2>"$T/err"; is $? 2 "max-page-size 0 is a config error"
contains "$(cat "$T/err")" "max-page-size must be" "which says what it takes"
"$GXNEWS" --max-page-size 0 --list x >/dev/null 2>"$T/err"; is $? 2 "--max-page-size 0 is refused"

# Dates: a feed's instant in the reader's zone (TZ), the site's own dates
# in Beijing time whatever TZ says.  04:18 UTC is still the 3rd in New York.
printf 'feed file://%s/tests/fixtures/feed/date-forms.xml 日期\n' "$top_srcdir" >"$T/feeds.conf"
got=$(TZ=EST+5 "$GXNEWS" --config "$T/feeds.conf" --site-url "$DEMO" --cache "$T/tz.db" --list 日期 | head -n 1)
is "$got" "2022-07-03	W3C-DTF Z	http://forms.example/1" "a feed's date is its day in the reader's zone (New York)"
got=$(TZ=CST-8 "$GXNEWS" --config "$T/feeds.conf" --site-url "$DEMO" --cache "$T/tz.db" --offline --list 日期 | head -n 1)
is "$got" "2022-07-04	W3C-DTF Z	http://forms.example/1" "the same cached date in Beijing is the 4th"
got=$(TZ=EST+5 "$GXNEWS" --config "$T/feeds.conf" --site-url "$DEMO" --cache "$T/tz.db" --offline --list 日期 --json)
contains "$got" '"date": "2022-07-03", "title": "W3C-DTF Z"' "--json gives the day in the reader's zone too"
got=$(TZ=EST+5 run --list 园区)
want=$(awk -F'\t' '$1 == "item" { print $2 "\t" $3 "\t" $4 }' "$X/html/yuanqu/index.html.expect")
is "$got" "$want" "the site's list dates stay in Beijing time in any zone"
done_testing
