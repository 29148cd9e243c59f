#!/bin/sh
# The reader speaks the user's language: zh_CN, zh_TW and English (C.UTF-8).
. "$(dirname "$0")/../lib.sh"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
has_locale() { locale -a 2>/dev/null | grep -qi "^$1\.utf-\?8$"; }
in_lang() {	# in_lang LOCALE ARGS...
	l=$1; shift
	LC_ALL=$l LANG=$l "$GXNEWS" "$@"
}

"$GXNEWS" --site-url "$DEMO" --cache "$T/c.db" --dump "$SAMPLE" >/dev/null 2>&1
for l in zh_CN zh_TW; do
	if ! has_locale $l; then
		_n=$((_n + 1)); echo "ok $_n # SKIP no $l.UTF-8 locale on this machine"
		continue
	fi
	help=$(in_lang $l.UTF-8 --help)
	dump=$(in_lang $l.UTF-8 --offline --cache "$T/c.db" --dump "$SAMPLE" --width 60)
	err=$(in_lang $l.UTF-8 --offline --cache "$T/empty.db" --list nosuch 2>&1)
	case $l in
	zh_CN)
		contains "$help" "用法" "zh_CN: --help is in Simplified Chinese"
		contains "$dump" "来源：贵阳高新区" "zh_CN: the article header says 来源："
		contains "$dump" "（责任编辑：王丹萍）" "zh_CN: the editor line reads （责任编辑：…）"
		contains "$err" "nosuch" "zh_CN: an error names what it could not find" ;;
	zh_TW)
		contains "$help" "用法" "zh_TW: --help is in Traditional Chinese"
		contains "$dump" "來源：貴陽高新區" "zh_TW: the article header says 來源： and the text is in Traditional"
		dump=$(in_lang $l.UTF-8 --offline --cache "$T/c.db" --dump "$SAMPLE" --width 60 --zh-script simplified)
		contains "$dump" "來源：贵阳高新区" "zh_TW with --zh-script simplified: the text as published" ;;
	esac
done
help=$(in_lang C.UTF-8 --help)
contains "$help" "Usage:" "C.UTF-8: --help is in English"
LANGUAGE=zh_CN help=$(LC_ALL=C.UTF-8 "$GXNEWS" --help)
contains "$help" "Usage:" "LANGUAGE alone does not switch a C locale (gettext rule)"
done_testing
