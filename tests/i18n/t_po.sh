#!/bin/sh
# Translations: every string a user can see is translated into Chinese, and
# the catalogs pass msgfmt's checks.  The template is made afresh from the
# sources here (into $T, never into the source tree), so a string added to
# the code and not to po/zh_CN.po fails this test at once.
. "$(dirname "$0")/../lib.sh"
PO="$top_srcdir/po"
for tool in xgettext msgmerge msgfmt msgattrib; do
	command -v $tool >/dev/null 2>&1 ||
		skip_all "$tool is not installed (Debian package gettext)"
done

# msgids of a catalog, one a line, for diagnostics
msgids() { msgattrib --no-wrap "$@" 2>/dev/null | sed -n 's/^msgid "\(..*\)"$/\1/p'; }

# ---- the template --------------------------------------------------------
files=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$PO/POTFILES.in")
# shellcheck disable=SC2086  # one word per file
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	--add-comments=TRANSLATORS: --package-name=gxnews -o "$T/gxnews.pot" $files) 2>"$T/err"
ok $? "xgettext reads every file of po/POTFILES.in"
[ -s "$T/err" ] && sed 's/^/#   /' "$T/err"
n=$(($(grep -c '^msgid ' "$T/gxnews.pot" 2>/dev/null || echo 1) - 1))   # less the header
ok $([ "$n" -gt 0 ]; echo $?) "the sources have user-visible strings ($n)"

# Every source file with _("…") or N_("…") must be in POTFILES.in, or its
# strings never reach a translator (headers too: keys.h holds the help of
# every action).
missing=""
for f in $(cd "$top_srcdir" && grep -lE '(^|[^A-Za-z0-9_])N?_\("' src/*.c src/*.h); do
	printf '%s\n' $files | grep -qxF "$f" || missing="$missing $f"
done
is "${missing# }" "" "po/POTFILES.in lists every source file with translatable strings"

# ---- each catalog ----------------------------------------------------------
langs="zh_CN"
for f in "$PO"/*.po; do
	[ -f "$f" ] || continue
	l=$(basename "$f" .po)
	[ "$l" = zh_CN ] || langs="$langs $l"
done
for l in $langs; do
	if [ ! -f "$PO/$l.po" ]; then
		_n=$((_n + 1)); echo "not ok $_n - po/$l.po exists"
		continue
	fi
	msgmerge --quiet -o "$T/$l.po" "$PO/$l.po" "$T/gxnews.pot" 2>"$T/err"
	ok $? "msgmerge brings po/$l.po up to the sources"
	stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$T/$l.po" 2>&1)
	rc=$?
	num() { printf ' %s\n' "$stats" | sed -nE "s/.*[^0-9]([0-9]+) $1.*/\\1/p" | head -n 1; }
	translated=$(num 'translated')
	untranslated=$(num 'untranslated')
	fuzzy=$(num 'fuzzy')
	# no count of translated messages: msgfmt failed, nothing was checked
	[ $rc -eq 0 ] && [ -n "$translated" ] || untranslated="msgfmt failed"
	is "${untranslated:-0}+${fuzzy:-0}" "0+0" \
		"every string is translated into $l ($stats)"
	if [ "${untranslated:-0}" != 0 ] || [ "${fuzzy:-0}" != 0 ]; then
		msgids --untranslated --no-obsolete "$T/$l.po" | head -n 60 |
			sed 's/^/#   untranslated: /'
		msgids --only-fuzzy --no-obsolete "$T/$l.po" | head -n 30 |
			sed 's/^/#   fuzzy: /'
	fi
	LC_ALL=C msgfmt -c -o /dev/null "$PO/$l.po" 2>"$T/err"
	ok $? "msgfmt -c accepts po/$l.po"
	sed 's/^/#   /' "$T/err" | head -n 20
done

done_testing
