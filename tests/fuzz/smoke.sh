#!/bin/sh
# tests/fuzz/smoke.sh [SECONDS]: builds the fuzz targets with clang in a
# separate build dir (configure CC=clang --enable-fuzzing) and runs each
# for SECONDS (default 20) on its seed corpus; one TAP line per target.
#   FUZZ_BUILDDIR  the build dir (default: TOP/build-fuzz)
#   FUZZ_WORKDIR   scratch corpora (default: ${TMPDIR:-/tmp}/gxnews-fuzz-smoke)
set -u
secs=${1:-20}
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${FUZZ_BUILDDIR:-$top/build-fuzz}
export FUZZ_WORKDIR=${FUZZ_WORKDIR:-${TMPDIR:-/tmp}/gxnews-fuzz-smoke}

if ! command -v clang >/dev/null 2>&1; then
	echo "1..0 # SKIP clang is not installed (apt-get install clang libclang-rt-14-dev)"
	exit 0
fi
mkdir -p "$dir"
if [ ! -f "$dir/Makefile" ] || [ "$top/configure" -nt "$dir/Makefile" ]; then
	(cd "$dir" && CC=clang "$top/configure" --enable-fuzzing >"$dir/.configure.log" 2>&1) || {
		echo "Bail out! configure --enable-fuzzing failed (see $dir/config.log)"; exit 1; }
fi
# Every target the build declares, each a TAP line.
targets=$(make -s -C "$dir" list-fuzz-targets 2>/dev/null | sed -n 's|^tests/fuzz/fuzz_||p')
if [ -z "$targets" ]; then
	echo "Bail out! the build declares no fuzz target (make list-fuzz-targets)"; exit 1
fi
progs=""
for t in $targets; do progs="$progs tests/fuzz/fuzz_$t"; done
if ! make -s -C "$dir" -j"$(nproc 2>/dev/null || echo 2)" $progs >"$dir/.fuzz-build.log" 2>&1; then
	echo "Bail out! building the fuzz targets failed:"
	tail -n 20 "$dir/.fuzz-build.log" | sed 's/^/# /'
	exit 1
fi
n=0 failed=0
for t in $targets; do
	n=$((n + 1))
	line=$(FUZZ_BUILDDIR="$dir" sh "$top/tests/fuzz/run.sh" "$t" "$secs" 2>&1)
	if [ $? -eq 0 ]; then
		echo "ok $n - $line"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz $t"
		printf '%s\n' "$line" | sed 's/^/#   /'
	fi
done
echo "1..$n"
[ $failed -eq 0 ]
