#!/bin/sh
# tests/fuzz/run.sh TARGET SECONDS: runs one libFuzzer target for SECONDS
# on the seed corpus tests/fuzz/corpus/TARGET, writing the inputs it finds
# to a scratch corpus outside the tree, and prints one summary line:
#   fuzz TARGET: N runs in S s (E exec/s), cov C, corpus K; no crash
# A crash, leak, timeout or broken property: the reproducer is copied to
# the scratch dir's artifacts/ and the exit status is 1.
#
#   FUZZ_BUILDDIR  build dir configured with --enable-fuzzing (the one
#                  holding tests/fuzz/fuzz_TARGET); default: .
#   FUZZ_WORKDIR   scratch corpora and artifacts; default:
#                  ${TMPDIR:-/tmp}/gxnews-fuzz
#   FUZZ_ARGS      more libFuzzer options (e.g. -jobs=2 -workers=2)
set -u
target=${1:?usage: run.sh TARGET SECONDS}
secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
builddir=${FUZZ_BUILDDIR:-.}
work=${FUZZ_WORKDIR:-${TMPDIR:-/tmp}/gxnews-fuzz}
bin="$builddir/tests/fuzz/fuzz_$target"

# The largest input worth trying: a page, a feed, a profile, a paragraph.
case $target in
feed|site) max_len=65536 ;;
render) max_len=32768 ;;
charset|profile) max_len=16384 ;;
text|conf|zhscript|query) max_len=4096 ;;
jpeg|png|webp|gif) max_len=65536 ;;
*) echo "run.sh: unknown target '$target'" >&2; exit 2 ;;
esac
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin not built (configure with CC=clang --enable-fuzzing, then make fuzz)" >&2
	exit 2
fi
mkdir -p "$work/corpus/$target" "$work/artifacts" "$work/logs"
log="$work/logs/$target.log"
# top_srcdir: the site target loads data/sites/chinahightech.site.
top_srcdir=$top \
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$secs" -rss_limit_mb=2048 -max_len="$max_len" \
	-malloc_limit_mb=512 \
	-timeout=25 -print_final_stats=1 \
	-artifact_prefix="$work/artifacts/$target-" ${FUZZ_ARGS:-} \
	"$work/corpus/$target" "$here/corpus/$target" >"$log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
cov=$(sed -n 's/^#[0-9]*.*cov: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
corp=$(ls "$work/corpus/$target" | wc -l)
if [ $rc -eq 0 ]; then
	echo "fuzz $target: ${runs:-?} runs in $secs s (${rate:-?} exec/s), cov ${cov:-?}, corpus $corp; no crash"
	exit 0
fi
echo "fuzz $target: FAILED (exit $rc) after ${runs:-?} runs; log $log"
grep -E '^(==[0-9]+==ERROR|SUMMARY|.*property broken|artifact_prefix|Test unit written)' "$log" | head -n 8
exit 1
