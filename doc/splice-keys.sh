#!/bin/sh
# splice-keys.sh [-i] PAGE GEN-KEYS: PAGE (doc/gxnews.1) with the lines
# between its ".\" BEGIN KEYS" and ".\" END KEYS" marks replaced by what
# GEN-KEYS (the built doc/gen-keys) prints.  To stdout, or with -i into
# PAGE itself:
#     doc/splice-keys.sh -i doc/gxnews.1 build/doc/gen-keys
set -eu
inplace=no
if [ "${1:-}" = -i ]; then inplace=yes; shift; fi
if [ $# -ne 2 ]; then
	echo "usage: $0 [-i] PAGE GEN-KEYS" >&2
	exit 2
fi
page=$1 gen=$2
grep -q '^\.\\" BEGIN KEYS' "$page" && grep -q '^\.\\" END KEYS' "$page" || {
	echo "$0: $page has no BEGIN KEYS / END KEYS marks" >&2
	exit 1
}
keys=$(mktemp "${TMPDIR:-/tmp}/gxnews-keys.XXXXXX")
out=$(mktemp "${TMPDIR:-/tmp}/gxnews-page.XXXXXX")
trap 'rm -f "$keys" "$out"' EXIT
"$gen" > "$keys"
awk -v keys="$keys" '
	/^\.\\" END KEYS/ { skip = 0 }
	!skip { print }
	/^\.\\" BEGIN KEYS/ { while ((getline l < keys) > 0) print l; skip = 1 }
' "$page" > "$out"
if [ $inplace = yes ]; then
	cat "$out" > "$page"
else
	cat "$out"
fi
