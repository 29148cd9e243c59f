#!/bin/sh
# A feed larger than the default page limit, read with the limit raised:
# every item stored and listed, in memory that does not grow with the
# feed (the page waits in a file and is parsed and stored as it is read).
. "$(dirname "$0")/../lib.sh"

n=36000
"${PYTHON3:-python3}" - "$T/large.xml" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
para = "高新区科技创新产业集群专精特新企业研发投入同比增长人工智能集成电路" * 5
with open(path, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>大源</title>')
    for i in range(n - 1, -1, -1):
        f.write('<item><title>第%d条 芯片</title><link>http://example.com/%d.html</link>'
                '<pubDate>Mon, 06 Jan 2025 %02d:%02d:00 +0800</pubDate>'
                '<description>&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;%s&lt;/p&gt;</description></item>\n'
                % (i, i, i // 60 % 24, i % 60, para, para))
    f.write('</channel></rss>\n')
PY
size=$(wc -c <"$T/large.xml")
mb=$((size / 1048576))
printf 'max-page-size 64\nfeed file://%s 大源\n' "$T/large.xml" >"$T/large.conf"
ok $([ "$mb" -gt 32 ]; echo $?) "the feed ($mb MB) is larger than the default limit of 32 MB"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$T/rss" "$GXNEWS" --config "$T/large.conf" --site-url file:///nonexistent/ \
		--cache "$T/large.db" --list 大源 >"$T/list" 2>"$T/err"
	rc=$?
else
	"$GXNEWS" --config "$T/large.conf" --site-url file:///nonexistent/ \
		--cache "$T/large.db" --list 大源 >"$T/list" 2>"$T/err"
	rc=$?
fi
is $rc 0 "with max-page-size 64 it is read (exit 0)"
is "$(wc -l <"$T/list")" "$n" "every one of its $n items is listed"
is "$(head -n 1 "$T/list" | cut -f 2 | cut -d ' ' -f 1)" "第$((n - 1))条" "the newest first"
is "$(tail -n 1 "$T/list" | cut -f 2 | cut -d ' ' -f 1)" "第0条" "and the oldest last"
n_cached=$("$GXNEWS" --config "$T/large.conf" --offline --cache "$T/large.db" --list 大源 2>/dev/null | wc -l)
is "$n_cached" "$n" "offline, the cache lists them all"
if ldd "$GXNEWS" 2>/dev/null | grep -q 'libasan\|libtsan\|libmsan'; then
	echo "ok $((_n + 1)) # SKIP peak memory: a sanitizer build keeps freed memory"
	_n=$((_n + 1))
elif [ ! -s "$T/rss" ]; then
	echo "ok $((_n + 1)) # SKIP peak memory: no GNU time (Debian: time)"
	_n=$((_n + 1))
else
	kb=$(tail -n 1 "$T/rss")
	ok $([ "$kb" -lt $((size / 1024)) ]; echo $?) \
		"its peak memory ($((kb / 1024)) MB) is less than the feed's size ($mb MB)"
fi
done_testing
