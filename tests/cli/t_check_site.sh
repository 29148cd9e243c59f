#!/bin/sh
# gxnews --check-site: which rule reads each field of the site, on the demo
# mirror (the profile's, all of them), on a copy whose markup changed (the
# generic rule named), on a site that cannot be read (exit 1) and on another
# Chinese news site (the generic rules alone).  And nothing lost: a refresh
# that reads fewer than half of a list keeps the cached one.
. "$(dirname "$0")/../lib.sh"
OTHER="file://$top_srcdir/tests/fixtures/othersite/"
X="$top_srcdir/tests/fixtures/demo/www.chinahightech.com"

# The demo mirror: every field by the profile's rule, exit 0.
out=$("$GXNEWS" --cache "$T/c.db" --check-site "$DEMO"); ok $? "--check-site on the demo mirror exits 0"
contains "$out" "channels   profile   要闻 (4)" "--check-site names the rule that read the channels"
for kind in home rank-all rank-month picks list article; do
	printf '%s\n' "$out" | grep -q "^$kind  "
	ok $? "--check-site reads a page of kind $kind"
done
is "$(printf '%s\n' "$out" | grep -c '^  [a-z-]* *generic ')" 0 "--check-site on the demo mirror: nothing read by the generic rules"
is "$(printf '%s\n' "$out" | grep -c '^  [a-z-]* *fallback ')" 0 "--check-site on the demo mirror: nothing read by a fallback"
is "$(printf '%s\n' "$out" | grep -c '^article  ')" 3 "--check-site reads one article of each template (old, new, paper)"
contains "$out" "0 by its fallbacks, 0 by the generic rules" "--check-site counts the fields per rule"

# A copy whose list dates are written 2022年7月4日: the field that fell back is named.
"${PYTHON3:-python3}" "$top_srcdir/tests/drift/mkvariants.py" "$top_srcdir/data/demo" "$T/v" date-cn >/dev/null
out=$("$GXNEWS" --cache "$T/v.db" --check-site="file://$T/v/date-cn/www.chinahightech.com/")
ok $? "--check-site=URL on a changed copy exits 0: every field is still read"
contains "$out" "  date       generic   2022-07-04" "--check-site names the list dates the generic rules read"

# Nothing can be read: exit 1, and why.
out=$("$GXNEWS" --cache "$T/n.db" --check-site file:///nonexistent/ 2>&1)
is $? 1 "--check-site on a site that cannot be read exits 1"
contains "$out" "lack a field every page has" "--check-site says what to fix"

# Another Chinese news site: lists and articles by the generic rules alone.
out=$("$GXNEWS" --cache "$T/o.db" --site-url "$OTHER" --check-site)
ok $? "--check-site on another site: every field a page must have is found"
contains "$out" "  body       generic" "another site's text is read by the generic rules"
got=$("$GXNEWS" --cache "$T/o.db" --site-url "$OTHER" --list 新闻中心 2>"$T/err")
is "$got" "2022-07-04	全市高新技术企业数量突破五千家	http://www.chinahightech.com/xwzx/202207/t20220704_1003.html
2022-07-01	科技成果转化对接会在高新区举行	http://www.chinahightech.com/xwzx/202207/t20220701_1002.html
2022-06-30	市科技局召开上半年工作总结会	http://www.chinahightech.com/xwzx/202207/t20220630_1001.html" \
	"another site: --list gives its channel's list, dates from [2022-07-04]"
contains "$(cat "$T/err")" "read by generic rules" "and says the generic rules read it"
got=$("$GXNEWS" --cache "$T/o.db" --site-url "$OTHER" --list 通知公告 2>/dev/null | cut -f1 | tr '\n' ' ')
is "$got" "2022-06-20 2022-06-15 " "another site: a <dl> list with dates written 2022.06.20"
got=$("$GXNEWS" --cache "$T/o.db" --site-url "$OTHER" --width 60 \
	--dump http://www.chinahightech.com/xwzx/202207/t20220701_1002.html 2>/dev/null)
contains "$got" "科技成果转化对接会在高新区举行" "another site: the article's title (an h2)"
contains "$got" "2022-07-01 15:20" "another site: its time, written 2022年07月01日 15:20"
contains "$got" "高新区管委会" "another site: its 信息来源"
contains "$got" "周敏" "another site: its 责任编辑"
contains "$got" "　　据介绍" "another site: its text"
lacks "$got" "分享到" "another site: no share buttons in the text"
lacks "$got" "相关新闻" "another site: no related links in the text"

# Nothing lost: a page 1 that reads half its list does not replace the cached one.
cp -R "$top_srcdir/data/demo" "$T/m"
chmod -R u+w "$T/m"
M="file://$T/m/www.chinahightech.com/"
"$GXNEWS" --cache "$T/m.db" --site-url "$M" --list 园区 >/dev/null 2>&1
"${PYTHON3:-python3}" - "$T/m/www.chinahightech.com/html/yuanqu/index.html" <<'EOF'
import re, sys
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
items = re.findall(r'<li>\s*<h3>.*?</li>\s*', t, re.S)
assert len(items) == 12, len(items)
for it in items[3:]:
    t = t.replace(it, '', 1)
open(p, 'w', encoding='utf-8').write(t)
EOF
got=$("$GXNEWS" --cache "$T/m.db" --site-url "$M" --list 园区 2>"$T/err")
want=$(awk -F'\t' '$1 == "item" { print $2 "\t" $3 "\t" $4 }' "$X/html/yuanqu/index.html.expect")
is "$got" "$want" "a page 1 with 3 of its 12 items: the cached list stays"
contains "$(cat "$T/err")" "the cached list is kept" "and the reader says so"
done_testing
