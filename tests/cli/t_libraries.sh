#!/bin/sh
# Libraries opened when first needed: the network library (libcurl and the
# TLS, Kerberos, LDAP and SSH libraries it pulls in) when the network is
# first used, libchafa and the decoders when a picture is first drawn.
# Reading the cache loads neither; a library that cannot be opened loses
# what it does only, with a line saying why.
. "$(dirname "$0")/../lib.sh"

soname_of() { sed -n "s/^#define $1_SONAME \"\(.*\)\"\$/\1/p" "$top_builddir/config.h"; }
soname=$(soname_of CURL)
[ -n "$soname" ] || skip_all "no CURL_SONAME in $top_builddir/config.h"
feed="$top_srcdir/tests/fixtures/feed/cn-dates.xml"
printf 'feed file://%s 源\n' "$feed" >"$T/conf"
run() { "$GXNEWS" --config "$T/conf" --site-url file:///nonexistent/ --cache "$T/c.db" "$@"; }

lacks "$(ldd "$GXNEWS" 2>&1)" "libcurl" "gxnews is not linked with libcurl"

LD_DEBUG=files run --list 源 >"$T/list" 2>"$T/ld"
is $? 0 "a fetch succeeds (exit 0)"
contains "$(cat "$T/ld")" "file=$soname" "a fetch opens $soname"
n=$(wc -l <"$T/list")
ok $([ "$n" -gt 0 ]; echo $?) "and lists the feed's items ($n)"

LD_DEBUG=files run --offline --list 源 >"$T/list2" 2>"$T/ld2"
is $? 0 "reading the cache succeeds (exit 0)"
lacks "$(cat "$T/ld2")" "file=$soname" "reading the cache does not open $soname"
is "$(cat "$T/list2")" "$(cat "$T/list")" "and lists the same items"

# A library that cannot be opened: a file of its name that is no library,
# found first on LD_LIBRARY_PATH.
mkdir "$T/broken"
echo "not a library" >"$T/broken/$soname"
LD_LIBRARY_PATH="$T/broken" run --list 源 >"$T/list3" 2>"$T/err3"
is $? 1 "with $soname unloadable, a fetch fails (exit 1)"
contains "$(cat "$T/err3")" "cannot start the network library: " "and says the network library cannot start"
contains "$(cat "$T/err3")" "$T/broken/$soname" "naming the file it tried"
LD_LIBRARY_PATH="$T/broken" run --offline --list 源 >"$T/list4" 2>/dev/null
is $? 0 "reading the cache still succeeds (exit 0)"
is "$(cat "$T/list4")" "$(cat "$T/list")" "with every item cached"
v=$(LD_LIBRARY_PATH="$T/broken" "$GXNEWS" --version 2>&1)
is $? 0 "--version still succeeds (exit 0)"
contains "$v" "libcurl (not loaded: " "and says libcurl is not loaded"

# Pictures: the demo article's photo, a JPEG, drawn as symbols.
chafa=$(soname_of CHAFA) jpeg=$(soname_of JPEG)
if [ -z "$chafa" ] || [ -z "$jpeg" ]; then
	echo "ok $((_n + 1)) # SKIP pictures: built without libchafa or libjpeg"
	_n=$((_n + 1))
	done_testing
	exit 0
fi
for lib in "$chafa" "$jpeg" "$(soname_of PNG)" "$(soname_of GIF)"; do
	lacks "$(ldd "$GXNEWS" 2>&1)" "$lib" "gxnews is not linked with $lib"
done
lacks "$(cat "$T/ld2")" "file=$chafa" "reading the cache does not open $chafa"
SAMPLE=http://www.chinahightech.com/html/yuanqu/2022/0704/52101.html
dump() { "$GXNEWS" --site-url "$DEMO" --cache "$T/d.db" --dump "$SAMPLE" --width 60 \
	--images symbols "$@"; }
dump >"$T/dump" 2>&1
is $? 0 "the demo article is read (exit 0)"
LD_DEBUG=files dump --offline >"$T/dump2" 2>"$T/ld5"
contains "$(cat "$T/ld5")" "file=$chafa" "drawing its photo opens $chafa"
contains "$(cat "$T/ld5")" "file=$jpeg" "and $jpeg"
rows=$(grep -c '38;5;' "$T/dump2")
ok $([ "$rows" -ge 6 ]; echo $?) "and draws it ($rows rows of colour)"
for lib in "$jpeg" "$chafa"; do
	rm -rf "$T/broken"
	mkdir "$T/broken"
	echo "not a library" >"$T/broken/$lib"
	LD_LIBRARY_PATH="$T/broken" dump --offline >"$T/dump3" 2>&1
	is $? 0 "with $lib unloadable, the article is still shown (exit 0)"
	contains "$(cat "$T/dump3")" "经济高速发展的背后" "with its text"
	contains "$(tr -d '\n ' <"$T/dump3")" "picturescannotbeshown:$T/broken/$lib" \
		"and its photo's caption saying why"
	lacks "$(cat "$T/dump3")" "38;5;" "and no picture drawn"
done
done_testing
