#!/bin/sh
# The manuals: they render without a warning, and they say what the program
# does: every option of --help, every setting of the config, every action,
# key and screen element, every key of the profile format; the KEYS section
# is what doc/gen-keys prints from the key table; the examples work.
. "$(dirname "$0")/../lib.sh"
DOC="$top_srcdir/doc"
SRC="$top_srcdir/src"
PAGES="gxnews.1 gxnews.conf.5 gxnews-site.5"

# Man source as plain text: the escapes the pages use, undone.
unman() {
	sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\(lq/“/g' -e 's/\\(rq/”/g' \
	    -e 's/\\(em/—/g' -e 's/\\(en/–/g' -e 's/\\&//g' -e 's/\\f[BIRP]//g' \
	    -e 's/\\e/\\/g' "$@"
}
# section PAGE NAME: the source lines of one .SH section, unescaped
section() {
	unman "$1" | awk -v s=".SH $2" '$0 == s || $0 == s "\"" { f = 1; next }
		/^\.SH / { f = 0 } f'
}
# has_line TEXT NEEDLE: whether NEEDLE is one whole line of TEXT
has_line() { printf '%s\n' "$1" | grep -qxF -- "$2"; }

# ---- rendering -------------------------------------------------------------
if ! command -v groff >/dev/null 2>&1; then
	echo "ok 1 # SKIP groff is not installed (Debian package groff-base)"
	_n=1
else
	for p in $PAGES; do
		# -k: preconv reads the page's coding line, as man(1) does
		groff -k -ww -man -Tutf8 "$DOC/$p" >"$T/out" 2>"$T/err"
		rc=$?
		is "$rc:$(cat "$T/err")" "0:" "$p renders with groff -ww and not one warning"
	done
	contains "$(groff -k -man -Tutf8 "$DOC/gxnews.1" 2>/dev/null)" "中国高新网" \
		"the Chinese in gxnews(1) comes out as Chinese"
fi
if command -v man >/dev/null 2>&1; then
	for p in $PAGES; do
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$DOC/$p" 2>"$T/err")
		is "$(cat "$T/err")" "" "man -l $p prints no warning"
		w=$(printf '%s\n' "$out" | wc -L)     # display columns, CJK as two
		ok $([ "$w" -le 80 ]; echo $?) "man -l $p fits 80 columns (widest $w)"
	done
else
	for p in $PAGES; do
		_n=$((_n + 1)); echo "ok $_n # SKIP man is not installed (Debian package man-db)"
	done
fi

# ---- gxnews(1) against the program -----------------------------------------
gen="$top_builddir/doc/gen-keys"
if [ -x "$gen" ]; then
	"$top_srcdir/doc/splice-keys.sh" "$DOC/gxnews.1" "$gen" >"$T/want.1" 2>"$T/err"
	diff -u "$DOC/gxnews.1" "$T/want.1" >"$T/diff"
	rc=$?
	ok $rc "the KEYS section of gxnews(1) is what doc/gen-keys prints from the key table"
	[ $rc -eq 0 ] || { sed 's/^/#   /' "$T/diff" | head -n 40
		echo "#   (update it: doc/splice-keys.sh -i doc/gxnews.1 $gen)"; }
else
	ok 1 "doc/gen-keys was built (it prints the KEYS section of gxnews(1))"
fi

# Options as --help shows them: "--name ARG<TAB>help".
"$GXNEWS" --help | awk -F'  +' '/^  --/ { print $2 "\t" $3 }' >"$T/help"
ok $([ -s "$T/help" ]; echo $?) "--help lists options"
opts=$(section "$DOC/gxnews.1" OPTIONS)
while IFS='	' read -r tag help; do
	name=${tag%% *}
	# the .B or .BI line of the option, with the line after it
	got=$(printf '%s\n' "$opts" | awk -v name="$name" '
		took { print; exit }
		/^\.BI? / { t = $0; sub(/^\.BI? /, "", t); gsub(/"/, "", t); gsub(/  +/, " ", t)
			split(t, w, " "); if (w[1] == name) { print t; took = 1 } }')
	is "$got" "$tag
$help" "gxnews(1) documents $name with the words of --help"
done <"$T/help"
for name in $(printf '%s\n' "$opts" | sed -n 's/^\.BI\{0,1\} \(--[a-z-]*\).*/\1/p'); do
	cut -f1 "$T/help" | sed 's/[ [].*//' | grep -qxF -- "$name"
	ok $? "gxnews(1)'s option $name is an option of the program"
done

# ---- gxnews.conf(5) against src/conf.c and src/keys.h -----------------------
conf=$(unman "$DOC/gxnews.conf.5")
settings=$(sed -n '/static const struct setting/,/^};/p' "$SRC/conf.c" |
	sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p')
ok $([ -n "$settings" ]; echo $?) "the settings table of src/conf.c is found"
for s in $settings; do
	printf '%s\n' "$conf" | grep -q "^\.B[IR]\{0,1\} $s\( \|$\)"
	ok $? "gxnews.conf(5) documents the setting $s"
done
sed -n 's/^[[:space:]]*_([A-Z_]*, *"\([^"]*\)", *N_("\(.*\)")) *\\\{0,1\}$/\1	\2/p' \
	"$SRC/keys.h" >"$T/actions"
ok $([ -s "$T/actions" ]; echo $?) "the action table of src/keys.h is found"
while IFS='	' read -r name help; do
	got=$(printf '%s\n' "$conf" | awk -v b=".B $name" 'took { print; exit } $0 == b { took = 1 }')
	is "$got" "$help" "gxnews.conf(5) names the action $name with its help text"
done <"$T/actions"
for el in $(sed -n 's/^[[:space:]]*_([A-Z_]*, *"\([a-z-]*\)", *-\{0,1\}[0-9].*/\1/p' "$SRC/keys.h"); do
	has_line "$conf" ".B $el"
	ok $? "gxnews.conf(5) describes the screen element $el"
done

# The example config and the page's EXAMPLES, read by the program itself.
sed -n 's/^#\([a-z][a-z-]* .*\)/\1/p' "$DOC/config.example" >"$T/example.conf"
ok $([ "$(wc -l <"$T/example.conf")" -ge 10 ]; echo $?) "config.example shows at least ten settings"
"$GXNEWS" --config "$T/example.conf" --format-text </dev/null >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "every setting config.example shows, uncommented, is accepted"
printf '%s\n' "$conf" | awk '/^\.SH EXAMPLES/ { f = 1 } f && /^\.EX/ { g = 1; next }
	g && /^\.EE/ { exit } g' >"$T/page.conf"
"$GXNEWS" --config "$T/page.conf" --format-text </dev/null >/dev/null 2>"$T/err"
is "$?:$(cat "$T/err")" "0:" "the EXAMPLES of gxnews.conf(5) are a config the program accepts"
printf 'site chinahightech\ncolour date red default\n' >"$T/bad.conf"
"$GXNEWS" --config "$T/bad.conf" --format-text </dev/null >/dev/null 2>"$T/err"
is "$?" 2 "a config error exits 2, as gxnews(1) says"
contains "$(cat "$T/err")" "$T/bad.conf:2: unknown setting 'colour'" \
	"and names the file and the line, as gxnews.conf(5) shows"

# ---- gxnews-site(5) against src/site.c ---------------------------------------
site=$(unman "$DOC/gxnews-site.5")
keys=$( { sed -n 's/^[[:space:]]*_(F_[A-Z]*, *"\([a-z]*\)").*/\1/p' "$SRC/site.c"
	grep -o 'strcmp(key, "[a-z]*")' "$SRC/site.c" | sed 's/.*"\(.*\)".*/\1/'; } | sort -u)
ok $([ "$(printf '%s\n' "$keys" | wc -l)" -ge 20 ]; echo $?) "the profile keys of src/site.c are found"
for k in $keys; do
	printf '%s\n' "$site" | grep -Eq "^\.B[IR]? (.*[ \"])?$k([ \"]|$)"
	ok $? "gxnews-site(5) documents the key $k"
done
for s in '[site]' '[channels]' '[list NAME]' '[article NAME]' '[rank all], [rank month], [picks]'; do
	has_line "$site" ".SS $s" || has_line "$site" ".SS \"$s\""
	ok $? "gxnews-site(5) has a section on $s"
done
printf '%s\n' "$site" | awk '/^\.SH EXAMPLE/ { f = 1 } f && /^\.EX/ { g = 1; next }
	g && /^\.EE/ { exit } g' >"$T/example.site"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
want=$("$GXNEWS" --site-url "$DEMO" --cache "$T/real.db" --list rank-all 2>/dev/null)
got=$("$GXNEWS" --profile "$T/example.site" --site-url "$DEMO" --cache "$T/ex.db" --list rank-all 2>"$T/err")
ok $([ -n "$want" ] && [ "$got" = "$want" ]; echo $?) \
	"the worked example of gxnews-site(5) reads the demo's ranking as the installed profile does"
[ -s "$T/err" ] && sed 's/^/#   /' "$T/err"
got=$("$GXNEWS" --profile "$T/example.site" --site-url "$DEMO" --cache "$T/ex.db" --list 园区 2>/dev/null | head -n 1)
contains "$got" "$SAMPLE" "the worked example reads a channel of the old template"
got=$("$GXNEWS" --profile "$T/example.site" --site-url "$DEMO" --cache "$T/ex.db" --dump "$SAMPLE" 2>/dev/null)
contains "$got" "陈佳艺" "the worked example reads an article with its author"
printf '[site]\nurl = http://x.example/\n[list a]\nitem = //li\nurl = a/@href\ntitel = a\n' >"$T/bad.site"
"$GXNEWS" --profile "$T/bad.site" --offline --cache "$T/bad.db" --list x >/dev/null 2>"$T/err"
contains "$(cat "$T/err")" "$T/bad.site:6: unknown key 'titel' in [list a]" \
	"a profile error reads as gxnews-site(5) shows it"

done_testing
