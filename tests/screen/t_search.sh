#!/bin/sh
# Screen test: / in the list asks for a search on the status line (UTF-8,
# Backspace by grapheme cluster, Esc cancels) and shows the results as a
# tab; n/N find titles; / in an article highlights the matches, n/N go from
# one to the next.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

tmux_start 80 24 "$GXNEWS" --site-url "$DEMO" --cache "$T/c.db"
wait_for "２０２４年成都高新区新增市场主体超6万户" 10
wait_gone "Loading" 5
keys 2
wait_for "贵阳高新区以党建引领赋能园区经济高质量发展" 10
wait_gone "Loading" 5
keys 1
wait_status "要闻" 5

keys /
wait_status "Search the cache:" 5
ok $? "/ asks for a search on the status line"
keys -l "高新区"
wait_status "Search the cache: 高新区" 5
ok $? "Chinese is typed in"
keys BSpace
wait_until 5 eval '[ "$(status_line | sed "s/ *\$//")" = "Search the cache: 高新" ]'
ok $? "Backspace takes one character off"
keys -l "$(printf 'e\314\201')"
wait_status "Search the cache: 高新e" 5
keys BSpace
wait_until 5 eval '[ "$(status_line | sed "s/ *\$//")" = "Search the cache: 高新" ]'
ok $? "Backspace takes off e and its combining accent together (one cluster)"
keys -l "👍🏽"
wait_status "Search the cache: 高新👍" 5
keys BSpace
wait_until 5 eval '[ "$(status_line | sed "s/ *\$//")" = "Search the cache: 高新" ]'
ok $? "Backspace takes off an emoji with its skin tone together"
keys Escape
wait_status "Cancelled" 5
ok $? "Esc cancels the search"
lacks "$(row 0)" "Search:" "and no search tab appears"

keys / && keys -l "高新区" && keys Enter
wait_status "articles match 高新区" 5
ok $? "Enter searches the cache"
contains "$(row 0)" "Search: 高新区" "the results are a tab"
around=$(screen_e | head -n 1 | cells around "Search: 高新区")
contains "$around" "reverse" "and it is the current tab"
s=$(screen)
contains "$s" "贵阳高新区以党建引领赋能园区经济高质量发展" "titles from every channel are found"
contains "$s" "２０２４年成都高新区新增市场主体超6万户" "from the first channel too"
lacks "$s" "北京中关村：新一批概念验证中心挂牌" "a title without the term is not listed"
is "$(screen | sed '1d;$d' | cells datecol | wc -l | tr -d ' ')" 1 "the results' dates are aligned"
keys Enter
wait_for "Source:" 10
ok $? "a result opens"
keys q
wait_status "Search: 高新区" 5

keys /
wait_status "Search the cache:" 5
keys -l "没有这个词"
keys Enter
wait_status "Nothing in the cache matches 没有这个词" 5
ok $? "a search that finds nothing says so"

# n / N in a channel's list: the next title holding the search
keys 1
wait_status "要闻" 5
keys / && keys -l "上海" && keys Enter
wait_status "match 上海" 5
keys 1
wait_status " 1/" 5
keys n
wait_until 5 eval 'screen_e | cells around "上海张江" | grep -q reverse'
ok $? "n in a list selects the next title holding the search"
keys N
wait_until 5 eval 'screen_e | cells around "上海张江" | grep -q reverse'
ok $? "N finds it backwards (the only one)"

# / in an article
keys g Enter
wait_for "王晓" 10
keys /
wait_status "Find in the article:" 5
ok $? "/ in an article asks what to find"
keys -l "高新区"
keys Enter
wait_status "Match 1 of" 5
ok $? "the first match is shown"
total=$(status_line | sed -n 's/.*Match 1 of \([0-9]*\) .*/\1/p')
ok $([ "${total:-0}" -ge 5 ]; echo $?) "all matches are counted ($total)"
hl=$(screen_e | cells around "高新区" | grep -c reverse)
ok $([ "$hl" -ge 3 ]; echo $?) "matches are highlighted in reverse video ($hl on screen)"
plain=$(screen_e | cells around "市场主体的快速" | grep -c reverse)
is "$plain" 0 "other text is not"
keys n
wait_status "Match 2 of $total" 5
ok $? "n goes to the next match"
keys N
wait_status "Match 1 of $total" 5
ok $? "N goes back"
keys N
wait_status "Match $total of $total for 高新区 (from the end)" 5
ok $? "N on the first match wraps to the last"
keys n
wait_status "Match 1 of $total for 高新区 (from the top)" 5
ok $? "n on the last wraps to the first"
keys /
keys -l "同比增长9.7%"
keys Enter
wait_status "Match 1 of 1" 5
ok $? "a phrase broken across two lines is found"
contains "$(screen_e | cells around "9.7%")" "reverse" "its part on the second line is highlighted"
contains "$(screen_e | cells around "同比增长" | head -n 1)" "reverse" "and its part on the first"
keys /
keys -l "火星"
keys Enter
wait_status "Not in this article: 火星" 5
ok $? "a word not in the article says so"
done_testing
