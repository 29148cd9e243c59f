#!/bin/sh
# tools/summary.awk, the line CI ends with, fed results made by the real
# TAP driver: a missing result, a stale one, an errored test, an expected
# failure with and without a reason, skipped checks and skipped plans, a
# check present in one build only, the once-run TAP logs (distcheck,
# valgrind, fuzz).  Each must change the verdict the way the rules say.
. "$(dirname "$0")/../lib.sh"
AWK=${AWK:-awk}
driver="$top_srcdir/build-aux/tap-driver.sh"

# fake BUILD TEST SCRIPT-BODY: run a test script under the TAP driver as
# make check does, leaving BUILD/TEST's .trs and .log; declare it.
fake() {
	_stem=${2%.sh}
	mkdir -p "$1/$(dirname "$2")"
	printf '%s\n' "$3" >"$T/body.sh"
	AM_TAP_AWK=$AWK sh "$driver" --test-name "$2" --log-file "$1/$_stem.log" \
		--trs-file "$1/$_stem.trs" --color-tests no --enable-hard-errors yes \
		--expect-failure no -- sh "$T/body.sh" >/dev/null 2>&1
	grep -qxF "$2" "$1/tests.declared" 2>/dev/null || echo "$2" >>"$1/tests.declared"
}
summary() {	# summary BUILDS TAPS: the summary's output; its status in $T/rc
	(cd "$T/w" && "$AWK" -f "$top_srcdir/tools/summary.awk" -v builds="$1" -v taps="$2"
	 echo $? >"$T/rc")
}
rc() { cat "$T/rc"; }
last() { printf '%s\n' "$1" | tail -n 1; }

# Two builds of the same three tests: all pass.
setup() {
	rm -rf "$T/w"; mkdir -p "$T/w"
	for b in build build-asan; do
		fake "$T/w/$b" tests/unit/test_a 'echo 1..3; echo ok 1; echo ok 2 - two; echo ok 3'
		fake "$T/w/$b" tests/cli/t_b.sh 'echo "ok 1 - b"; echo "ok 2 - c"; echo 1..2'
		fake "$T/w/$b" tests/cli/t_c.sh 'echo "ok 1 - d"; echo 1..1'
	done
	printf '1..1\nok 1 - make distcheck\n' >"$T/w/distcheck.tap"
	printf 'ok 1 - test_a: valgrind clean\n1..1\n' >"$T/w/valgrind.tap"
	printf 'ok 1 - fuzz feed\nok 2 - fuzz site\n1..2\n' >"$T/w/fuzz.tap"
}
BOTH="build build-asan"
TAPS="distcheck.tap valgrind.tap fuzz.tap"

setup
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "10 passed, 0 failed" "all pass: each check once, plus distcheck, valgrind and each fuzz target"
is "$(rc)" 0 "all pass: exit 0"

# A test's result missing from the ASan build.
setup; rm "$T/w/build-asan/tests/cli/t_b.trs"
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "8 passed, 1 failed" "a result missing in one build: failed once, its checks not passed"
contains "$out" "failed: tests/cli/t_b.sh: no result in build-asan" "it names the test and the build"
is "$(rc)" 1 "a missing result: exit 1"

# Missing in both builds: still failed, not forgotten.
setup; rm "$T/w/build/tests/cli/t_c.trs" "$T/w/build-asan/tests/cli/t_c.trs"
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "9 passed, 1 failed" "a declared test with no result anywhere: failed"

# A stale result: a .trs of a test the build no longer declares.
setup; cp "$T/w/build-asan/tests/cli/t_c.trs" "$T/w/build-asan/tests/cli/t_old.trs"
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "10 passed, 1 failed" "a stale .trs: a failure of its own"
contains "$out" "build-asan/tests/cli/t_old.trs: the result of a test build-asan does not declare (stale)" \
	"it names the stale file"
is "$(rc)" 1 "a stale result: exit 1"

# A test declared by one build only.
setup; grep -v t_c "$T/w/build/tests.declared" >"$T/d"; mv "$T/d" "$T/w/build/tests.declared"
rm "$T/w/build/tests/cli/t_c.trs"
out=$(summary "$BOTH" "$TAPS")
contains "$out" "failed: tests/cli/t_c.sh: not declared in build" "a test declared in one build only: failed"

# A build that declares nothing, or has no list.
setup; : >"$T/w/build-asan/tests.declared"
out=$(summary "$BOTH" "$TAPS")
contains "$out" "failed: build-asan: declares no tests" "a build declaring no tests: failed"
setup; rm "$T/w/build-asan/tests.declared"
out=$(summary "$BOTH" "$TAPS"); is "$(rc)" 1 "a build with no list of its tests: failed"

# Errored: exits non-zero after all its checks passed; a wrong plan; a
# crash before any output.
setup; fake "$T/w/build-asan" tests/cli/t_c.sh 'echo "ok 1 - d"; echo 1..1; exit 3'
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "10 passed, 1 failed" "a test that exits 3 after passing checks: failed"
contains "$out" "tests/cli/t_c.sh check 2: MISSING in build, ERROR in build-asan" "it says the test errored, and where"
setup; fake "$T/w/build" tests/cli/t_b.sh 'echo "ok 1 - b"; echo 1..2'
out=$(summary "$BOTH" "$TAPS")
is "$(rc)" 1 "a test that ran fewer checks than it planned: failed"
contains "$out" "ERROR in build" "a short plan is an error"
setup; printf ':global-test-result: PASS\n' >"$T/w/build/tests/cli/t_b.trs"
out=$(summary "$BOTH" "$TAPS")
contains "$out" "failed: tests/cli/t_b.sh: errored, no result recorded in build" "a .trs with no result: failed"

# A check that ran in one build only (the other stopped early yet exited 0).
setup; fake "$T/w/build-asan" tests/cli/t_b.sh 'echo "ok 1 - b"; echo 1..1'
out=$(summary "$BOTH" "$TAPS")
contains "$out" "tests/cli/t_b.sh check 2: MISSING in build-asan" "a check missing from one build: failed"

# Expected failures: with a reason they are shown, not passed; without one,
# or when the TODO passes, they fail.
setup
for b in build build-asan; do
	fake "$T/w/$b" tests/cli/t_b.sh 'echo "ok 1 - b"; echo "not ok 2 - c # TODO the site drops the byline"; echo 1..2'
done
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "9 passed, 0 failed, 1 expected failures" "an XFAIL with a reason: shown, not passed"
contains "$out" "expected failure: tests/cli/t_b.sh 2 # TODO the site drops the byline" "its reason is shown"
is "$(rc)" 0 "an XFAIL with a reason fails nothing"
fake "$T/w/build" tests/cli/t_b.sh 'echo "ok 1 - b"; echo "not ok 2 - c # TODO"; echo 1..2'
out=$(summary "$BOTH" "$TAPS")
contains "$out" "check 2: XFAIL with no reason after # TODO in build" "an XFAIL without a reason: failed"
is "$(rc)" 1 "an XFAIL without a reason: exit 1"
fake "$T/w/build" tests/cli/t_b.sh 'echo "ok 1 - b"; echo "ok 2 - c # TODO the site drops the byline"; echo 1..2'
out=$(summary "$BOTH" "$TAPS")
contains "$out" "check 2: XPASS in build" "a TODO that passes: failed (the TODO is out of date)"

# Skipped: a skipped check, a check skipped in one build only, a whole
# test skipped by its plan: never passed.
setup
fake "$T/w/build" tests/cli/t_b.sh 'echo "ok 1 - b"; echo "ok 2 - c # SKIP no zsh"; echo 1..2'
fake "$T/w/build-asan" tests/cli/t_b.sh 'echo "ok 1 - b # SKIP timing, under ASan"; echo "ok 2 - c # SKIP no zsh"; echo 1..2'
for b in build build-asan; do
	fake "$T/w/$b" tests/cli/t_c.sh 'echo "1..0 # SKIP tmux is not installed"'
done
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "7 passed, 0 failed, 3 skipped" "skipped checks and a skipped plan: counted as skipped, not passed"

# The once-run TAP logs: missing, skipped, cut short, failing.
setup
out=$(summary "$BOTH" "distcheck.tap valgrind.tap fuzz.tap nowhere.tap")
contains "$out" "failed: nowhere.tap: missing (the step did not run)" "a TAP log that is missing: failed"
is "$(rc)" 1 "a missing TAP log: exit 1"
printf '1..0 # SKIP valgrind is not installed\n' >"$T/w/valgrind.tap"
out=$(summary "$BOTH" "$TAPS")
is "$(last "$out")" "9 passed, 0 failed, 1 skipped" "a log with a skip plan: one skipped, none passed"
printf 'ok 1 - fuzz feed\n' >"$T/w/fuzz.tap"
out=$(summary "$BOTH" "$TAPS")
contains "$out" "failed: fuzz.tap: no plan line (cut short?)" "a TAP log without its plan: failed"
printf 'ok 1 - fuzz feed\n1..2\n' >"$T/w/fuzz.tap"
out=$(summary "$BOTH" "$TAPS")
contains "$out" "failed: fuzz.tap: planned 2 checks, ran 1" "a TAP log that ran fewer than planned: failed"
printf 'Bail out! building the fuzz targets failed\n' >"$T/w/fuzz.tap"
out=$(summary "$BOTH" "$TAPS")
is "$(rc)" 1 "a TAP log that bailed out: failed"
printf '1..1\nnot ok 1 - make distcheck\n' >"$T/w/distcheck.tap"
out=$(summary "$BOTH" "distcheck.tap")
contains "$out" "failed: distcheck.tap: 1 - make distcheck" "a failed distcheck is a failed line"
is "$(last "$out")" "6 passed, 1 failed" "distcheck counts as one line"

# The project's own build declares its tests, this one among them.
if [ -f "$top_builddir/Makefile" ]; then
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$top_builddir" list-tests >/dev/null 2>&1
	contains "$(cat "$top_builddir/tests.declared")" "tests/meta/t_summary.sh" \
		"make list-tests writes the build's tests, this one among them"
fi
done_testing
