#!/bin/sh
# tests/valgrind.sh [BUILDDIR]: every unit test binary of a normal (not
# sanitizer) build under valgrind memcheck, one TAP line each: ok when the
# test passes and valgrind finds no error and no definite leak.
#   VALGRIND_SKIP  space-separated test names to leave out (default: none)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-${top_builddir:-$top/build}}" && pwd)
export top_srcdir="${top_srcdir:-$top}" LC_ALL=C.UTF-8
if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed (apt-get install valgrind)"
	exit 0
fi
n=0 failed=0
logdir="$build/tests/valgrind"
mkdir -p "$logdir"
for t in "$build"/tests/unit/test_*; do
	case $t in *.o|*.log|*.trs|*.c) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	n=$((n + 1))
	case " ${VALGRIND_SKIP:-} " in
	*" $name "*) echo "ok $n - $name # SKIP left out by VALGRIND_SKIP"; continue ;;
	esac
	start=$(date +%s)
	# Each test runs from the build dir, as make check runs it.
	(cd "$build" && valgrind -q --error-exitcode=99 --leak-check=full \
		--suppressions="$top/tests/valgrind.supp" \
		--errors-for-leak-kinds=definite --show-leak-kinds=definite \
		--track-origins=yes --log-file="$logdir/$name.vg" \
		"$t" >"$logdir/$name.out" 2>&1)
	rc=$?
	secs=$(( $(date +%s) - start ))
	notok=$(grep -c '^not ok' "$logdir/$name.out")
	if [ $rc -eq 0 ] && [ "$notok" -eq 0 ]; then
		echo "ok $n - $name: valgrind clean, all tests pass (${secs}s)"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name: exit $rc, $notok failing tests (${secs}s)"
		grep -m 20 -E '==[0-9]+== (Invalid|Conditional|Use of|Syscall|Mismatched|[0-9,]+ bytes in)|^not ok' \
			"$logdir/$name.vg" "$logdir/$name.out" | sed 's/^/#   /'
	fi
done
echo "1..$n"
[ $failed -eq 0 ]
