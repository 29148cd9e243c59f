#!/bin/sh
# Screen test: Simplified and Traditional Chinese in the reader.  With
# LANG=zh_TW.UTF-8, `gxnews --demo` shows tabs, lists and articles in
# Taiwan characters; T switches to Simplified and back, the article keeping
# its place; searching 經濟 finds the articles holding 经济 (and the other
# way round); / in an article finds a word typed in either script.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
"$GXNEWS" --version | grep -q 'without OpenCC' && skip_all "gxnews was built without OpenCC"
locale -a 2>/dev/null | grep -qi '^zh_TW\.utf-\?8$' ||
	skip_all "no zh_TW.UTF-8 locale (tools/bootstrap makes one)"
TITLE_TW=貴陽高新區以黨建引領賦能園區經濟高質量發展
TITLE_CN=贵阳高新区以党建引领赋能园区经济高质量发展
BODY_TW=貴陽高新區新引進產業專案
BODY_CN=贵阳高新区新引进产业项目
fits() { [ "$(screen | widest)" -le "$1" ]; }

# ---- a reader in Taiwan: LANG=zh_TW.UTF-8 and nothing else ----------------
LC_ALL= LANG=zh_TW.UTF-8 tmux_start 80 24 "$GXNEWS" --demo
wait_for "園區" 10
ok $? "LANG=zh_TW.UTF-8 gxnews --demo: the tab 园区 reads 園區"
contains "$(row 0)" "要聞" "and 要闻 reads 要聞"
keys 2
wait_for "$TITLE_TW" 10
ok $? "the list of 園區 shows its titles in Taiwan characters"
lacks "$(screen)" "$TITLE_CN" "and not as published"
ok $(fits 80; echo $?) "no converted list line is wider than the screen"
keys 1 && wait_for "２０２４年成都高新區新增市場主體超6萬戶" 10
ok $? "the first tab's titles too (full-width digits kept)"
keys 2 && wait_for "$TITLE_TW" 10
keys Enter
wait_for "$BODY_TW" 10
ok $? "the article's text is in Taiwan characters and words (项目 is 專案)"
contains "$(screen)" "作者：陳佳藝" "and its author"
ok $(fits 80; echo $?) "no converted article line is wider than the screen"

# T: Simplified, as published, then back; the article stays open.
keys T
wait_for "$BODY_CN" 5
ok $? "T shows the article as published, in Simplified"
contains "$(status_line)" "簡體" "and the status line says so"
contains "$(row 1)" "$TITLE_CN" "the title too"
contains "$(row 0)" "园区" "and the tab bar"
keys Space && wait_until 5 eval '! screen | grep -q "作者"'
keys T
wait_until 5 eval 'screen | grep -q "[貴產黨]"'
ok $? "T again shows Taiwan characters"
contains "$(status_line)" "臺灣" "and the status line says which"
lacks "$(screen)" "作者" "the article keeps its place (it does not go back to the top)"

# / in the article: a word typed in Simplified is found as shown.
keys g
keys /
wait_status "在文章中尋找" 5
keys -l "经济" && keys Enter
wait_status "相符" 5
ok $? "/经济 finds 經濟 in the article shown in Taiwan characters"

# Search of the cache: 經濟 finds what was published as 经济.
keys q
wait_for "$TITLE_TW" 5
keys / && keys -l "經濟" && keys Enter
wait_status "篇文章符合 經濟" 10
ok $? "searching 經濟 finds articles"
contains "$(screen)" "$TITLE_TW" "among them the one published with 经济 in its title"
keys q
wait_until 10 eval '! alive'
ok $? "q quits"

# ---- a reader of Simplified, as the tests' locale ------------------------
LC_ALL=C.UTF-8 LANG=C.UTF-8 tmux_start 100 40 "$GXNEWS" --demo
wait_for "园区" 10
ok $? "with LC_ALL=C.UTF-8 the tabs are as published"
keys / && keys -l "經濟" && keys Enter
wait_status "articles match 經濟" 10
ok $? "in Simplified, searching 經濟 finds articles too"
contains "$(screen)" "$TITLE_CN" "the one with 经济, shown as published"
keys T
wait_status "Chinese in Traditional characters" 5
ok $? "T says it shows generic Traditional to a reader who asked for nothing else"
contains "$(screen)" "$TITLE_TW" "and shows it (waited for on the last row, drawn last)"
keys '?'
wait_for "Show Chinese in Simplified" 5
line=$(screen | grep -F "Show Chinese in Simplified")
contains "$line" "T" "the help lists T with what it does"
done_testing
