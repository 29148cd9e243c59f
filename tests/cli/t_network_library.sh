#!/bin/sh
# The network library (libcurl and the TLS, Kerberos, LDAP and SSH
# libraries it pulls in) is opened when the network is first used: reading
# the cache does not load it, a fetch does, and a library that cannot be
# opened loses the network only, with a line saying why.
. "$(dirname "$0")/../lib.sh"

soname=$(sed -n 's/^#define CURL_SONAME "\(.*\)"$/\1/p' "$top_builddir/config.h")
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
done_testing
