#!/bin/sh
# Screen test: the real binary in tmux (100x30, UTF-8): tabs, list, article.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

tmux_start 100 30 "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
wait_for "２０２４年成都高新区新增市场主体超6万户"
ok $? "the first channel's list appears"
s=$(screen)
top=$(printf '%s\n' "$s" | head -n 1)
contains "$top" "要闻" "the tab bar shows the channel 要闻"
contains "$top" "园区" "the tab bar shows the channel 园区"
contains "$top" "排行·全部" "the tab bar shows 排行·全部"
contains "$top" "排行·本月" "the tab bar shows 排行·本月"
contains "$top" "编辑推荐" "the tab bar shows 编辑推荐"
contains "$s" "2025-01-17" "list rows show their date"
# the date column starts at the same cell on every row
cols=$(printf '%s\n' "$s" | sed -n '2,11p' | python3 -c '
import sys, unicodedata
for line in sys.stdin:
    line = line.rstrip("\n")
    w = 0
    for i, c in enumerate(line):
        if line[i:i+4].isdigit() and line[i+4:i+5] == "-" and i > 3:
            print(w); break
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
' | sort -u | wc -l)
is "$cols" 1 "the date column is aligned on every row"

keys Enter
wait_for "王晓" 10
s=$(screen)
contains "$s" "２０２４年成都高新区新增市场主体超6万户" "Enter opens the article with its title"
contains "$s" "2025-01-17 09:30" "the article shows its time"
contains "$s" "中国高新网" "the article shows its source"
contains "$s" "王晓" "the article shows its author"
contains "$s" "　　记者从成都高新区获悉" "the body is indented by two U+3000"
lacks "$s" "分享到" "no share buttons"

keys G
wait_status "100%" 5
s=$(screen)
contains "$s" "刘敏" "G goes to the end, where the editor is named"

keys q
wait_for "多地高新区部署2025年重点工作" 5
ok $? "q goes back to the list"
keys Tab
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 10
ok $? "Tab changes to the next channel's list"
keys Enter
wait_for "陈佳艺" 10
ok $? "Enter opens the real sample article, with its author"
s=$(screen)
contains "$s" "　　今年1至5月,贵阳高新区" "its first paragraph is there, indented"
keys q
wait_for "武汉东湖高新区" 5
keys j Enter
wait_for "胡晓峰" 10
s=$(screen)
contains "$(printf '%s\n' "$s" | sed -n 2p)" "武汉东湖高新区" "j then Enter opens the second article, title first"
keys q
wait_for "武汉东湖高新区" 5
keys q
wait_until 5 eval '! alive'
tmux -S "$_tmux_sock" has-session 2>/dev/null
ok $([ $? -ne 0 ]; echo $?) "q from the list quits"
done_testing
