#!/bin/sh
# The feeds of tests/fixtures/feed, and variants of them, read as Python's
# feedparser reads them: each feed passes when gxnews agrees with it or
# differs only in a way tests/oracle/oracle.py explains; the agreement is
# printed.  Without feedparser the whole test is skipped, never passed.
. "$(dirname "$0")/../lib.sh"
py=""
for p in "${PYTHON3:-}" python3 /usr/bin/python3; do
	if [ -n "$p" ] && "$p" -c 'import feedparser' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -n "$py" ] || skip_all "python3-feedparser is not installed (apt-get install python3-feedparser)"
"$py" "$top_srcdir/tests/oracle/oracle.py" --tap --feed-json "$top_builddir/tests/oracle/feed_json" \
	--variants "$T/variants" "$top_srcdir/tests/fixtures/feed"
