# tools/summary.awk: the line CI ends with, "N passed, N failed" (then how
# many were skipped or are expected failures, if any), counted from the
# tests the builds declare, never from whatever result files lie on disk.
#
#   awk -f tools/summary.awk -v builds="build build-asan" \
#       -v taps="build/distcheck.tap build/valgrind.tap build/fuzz-smoke.tap \
#                build/noimages.tap"
#
# builds  build dirs that ran `make check`; each holds tests.declared, its
#         $(TESTS) one a line, as `make list-tests` writes it.
# taps    TAP logs of checks run once, outside make check (distcheck,
#         valgrind, the fuzz smoke run): each TAP line counts as a check.
#
# The rules (tests/meta/t_summary.sh holds them to it):
# - A check is one TAP line of a declared test.  The same tests run in each
#   build; a check counts once: passed when it passed in every build,
#   failed when it failed, errored or is missing in any.
# - A declared test with no result file (.trs) in a build, or whose result
#   file holds no result, or that errored (a wrong plan, a bad exit status,
#   "Bail out!"): failed.  Its checks are not counted as passed.
# - A result file under BUILD/tests of a test the build does not declare
#   (stale, from a test renamed or removed): failed.
# - SKIP, and a whole test skipped by a `1..0 # SKIP` plan: shown as
#   skipped, never counted as passed.
# - XFAIL (a failing check marked `# TODO why`): shown as an expected
#   failure when the test says why, failed when it does not; XPASS (a TODO
#   check that passes) is failed: the TODO is out of date.
# Exit status: 0 when nothing failed, 1 otherwise.

function fail(what) {
	failed++
	if (++shown <= 60) print "failed: " what
	else if (shown == 61) print "failed: ... (more; see the logs)"
}

# The result file automake writes for a test: TEST_EXTENSIONS is .sh and
# EXEEXT is empty on the systems gxnews builds on.
function stem(t) { sub(/\.sh$/, "", t); return t }

# TODO with a reason: "# TODO" followed by some text.
function todo_reason(s) {
	if (!match(s, /#[ \t]*[Tt][Oo][Dd][Oo]/)) return ""
	s = substr(s, RSTART + RLENGTH)
	sub(/^[ \t:]+/, "", s); sub(/[ \t]+$/, "", s)
	return s
}

function read_build(b,    list, r, t, ndecl, cmd, f, rel) {
	list = b "/tests.declared"
	ndecl = 0
	while ((r = (getline t < list)) > 0) {
		if (t == "") continue
		ndecl++
		decl[b, t] = 1
		trs_declared[b, stem(t) ".trs"] = 1
		if (!(t in known)) { known[t] = 1; order[++ntests] = t }
		read_trs(b, t)
	}
	close(list)
	if (r < 0) fail(b ": no list of the tests it declares (" list "; make list-tests)")
	else if (ndecl == 0) fail(b ": declares no tests")
	if (b ~ /'/) { fail(b ": a build dir with a quote in its name"); return }
	cmd = "find '" b "/tests' -name '*.trs' 2>/dev/null | LC_ALL=C sort"
	while ((cmd | getline f) > 0) {
		rel = substr(f, length(b) + 2)
		if (!((b, rel) in trs_declared))
			fail(b "/" rel ": the result of a test " b " does not declare (stale)")
	}
	close(cmd)
}

function read_trs(b, t,    f, r, l, w, n, glob, nx, lf, k) {
	f = b "/" stem(t) ".trs"
	n = 0; glob = ""; nx = 0
	while ((r = (getline l < f)) > 0) {
		split(l, w, " ")
		if (w[1] == ":test-result:") {
			res[b, t, ++n] = w[2]
			if (w[2] == "XFAIL") xf[b, t, ++nx] = n
		} else if (w[1] == ":global-test-result:")
			glob = w[2]
	}
	close(f)
	if (r < 0) { missing[t] = missing[t] " " b; return }
	ran[b, t] = 1
	nres[b, t] = n
	if (n > maxn[t]) maxn[t] = n
	if (n == 0 || glob == "")
		errored[t] = errored[t] " " b
	else if (glob == "FAIL" || glob == "ERROR" || glob == "XPASS")
		bad_glob[b, t] = 1
	if (nx == 0) return
	# The reason of each XFAIL is in the log, on the driver's result line:
	#   XFAIL: tests/x.sh 3 - what # TODO why
	lf = b "/" stem(t) ".log"; k = 0
	while ((getline l < lf) > 0)
		if (l ~ /^XFAIL: / && ++k <= nx)
			why[b, t, xf[b, t, k]] = todo_reason(l)
	close(lf)
}

# One check of a declared test: its verdict over all builds.
# PASS, SKIP, XFAIL (setting reason), or what went wrong in which build.
function verdict(t, k,    i, b, r, v, bad) {
	v = "PASS"; bad = ""
	for (i = 1; i <= nb; i++) {
		b = B[i]
		r = (k <= nres[b, t]) ? res[b, t, k] : "MISSING"
		if (r == "PASS") continue
		if (r == "SKIP") { if (v == "PASS" || v == "XFAIL") v = "SKIP"; continue }
		if (r == "XFAIL" && why[b, t, k] != "") {
			if (v == "PASS") { v = "XFAIL"; reason = why[b, t, k] }
			continue
		}
		if (r == "XFAIL") r = "XFAIL with no reason after # TODO"
		bad = bad (bad == "" ? "" : ", ") r " in " b
	}
	return bad != "" ? bad : v
}

function count_test(t,    i, b, k, v, any_bad, notdecl) {
	notdecl = ""
	for (i = 1; i <= nb; i++)
		if (!((B[i], t) in decl)) notdecl = notdecl " " B[i]
	if (notdecl != "") { fail(t ": not declared in" notdecl); return }
	if (t in missing) { fail(t ": no result in" missing[t] " (not run, or its .trs removed)"); return }
	if (t in errored) { fail(t ": errored, no result recorded in" errored[t]); return }
	any_bad = 0
	for (k = 1; k <= maxn[t]; k++) {
		reason = ""
		v = verdict(t, k)
		if (v == "PASS") passed++
		else if (v == "SKIP") skipped++
		else if (v == "XFAIL") { xfailed++; xfail_list[xfailed] = t " " k " # TODO " reason }
		else { any_bad = 1; fail(t " check " k ": " v) }
	}
	# A driver that says the test failed although no check did.
	if (!any_bad)
		for (i = 1; i <= nb; i++)
			if ((B[i], t) in bad_glob) { fail(t ": failed in " B[i] " (see its .log)"); break }
}

# A TAP log of checks run once.
function read_tap(f,    r, l, n, plan, desc, reason_) {
	n = 0; plan = -1
	while ((r = (getline l < f)) > 0) {
		if (l ~ /^(not )?ok([ \t]|$)/) {
			n++
			desc = l; sub(/^(not )?ok[ \t]*/, "", desc)
			if (l ~ /#[ \t]*[Ss][Kk][Ii][Pp]/ && l ~ /^ok/) skipped++
			else if (l ~ /#[ \t]*[Tt][Oo][Dd][Oo]/) {
				reason_ = todo_reason(l)
				if (l ~ /^ok/) fail(f ": " desc " (passes: the TODO is out of date)")
				else if (reason_ == "") fail(f ": " desc " (XFAIL with no reason after # TODO)")
				else { xfailed++; xfail_list[xfailed] = f " " desc }
			} else if (l ~ /^ok/) passed++
			else fail(f ": " desc)
		} else if (l ~ /^1\.\.[0-9]+/) {
			plan = l; sub(/^1\.\./, "", plan); sub(/[^0-9].*/, "", plan); plan += 0
			if (plan == 0 && l ~ /#[ \t]*[Ss][Kk][Ii][Pp]/) skipped++
		} else if (l ~ /^Bail out!/)
			fail(f ": " l)
	}
	close(f)
	if (r < 0) fail(f ": missing (the step did not run)")
	else if (plan < 0 && n == 0) fail(f ": no results")
	else if (plan < 0) fail(f ": no plan line (cut short?)")
	else if (plan != n) fail(f ": planned " plan " checks, ran " n)
}

BEGIN {
	nb = split(builds, B, " ")
	for (i = 1; i <= nb; i++) read_build(B[i])
	for (i = 1; i <= ntests; i++) count_test(order[i])
	ntap = split(taps, TAPS, " ")
	for (i = 1; i <= ntap; i++) read_tap(TAPS[i])
	if (nb == 0 && ntap == 0) fail("nothing to count (-v builds=... -v taps=...)")
	for (i = 1; i <= xfailed; i++) print "expected failure: " xfail_list[i]
	printf "%d passed, %d failed", passed, failed
	if (skipped) printf ", %d skipped", skipped
	if (xfailed) printf ", %d expected failures", xfailed
	printf "\n"
	exit (failed > 0)
}
