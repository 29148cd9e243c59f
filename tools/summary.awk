# tools/summary.awk: one line for CI from automake's .trs files.
#   awk -f summary.awk build/…/*.trs second=1 build-asan/…/*.trs
# The same tests run in two builds; a test counts once: passed when it
# passed in every build it ran in, failed when it failed (or errored,
# or vanished) in any.  Skipped tests are never counted as passed.
#   ... tap=1 FILE.tap ...: TAP logs of checks run once, counted as they are.
FNR == 1 { n = 0; f = FILENAME; sub(/^[^\/]*\//, "", f) }
# tap=1: plain TAP logs of checks that run once (valgrind, fuzz smoke)
tap && /^ok / { if ($0 ~ /# SKIP/) skipped++; else extra_pass++; next }
tap && /^not ok / { extra_fail++; print "failed: " f ": " $0; next }
tap && /^Bail out!/ { extra_fail++; print "failed: " f ": " $0; next }
tap { next }
/^:test-result:/ {
	key = f ":" (++n)
	r = $2
	if (!second) {
		first[key] = r
		order[++nkeys] = key
	} else {
		seen[key] = r
	}
	if (second && !(key in first)) {
		first[key] = "FAIL"; order[++nkeys] = key
	}
}
END {
	for (i = 1; i <= nkeys; i++) {
		k = order[i]; a = first[k]; b = (k in seen) ? seen[k] : (second ? "MISSING" : a)
		if (a == "SKIP" || b == "SKIP") { skipped++; continue }
		if ((a == "PASS" || a == "XFAIL") && (b == "PASS" || b == "XFAIL")) passed++
		else { failed++; print "failed: " k " (" a "/" b ")" }
	}
	passed += extra_pass; failed += extra_fail
	printf "%d passed, %d failed", passed, failed
	if (skipped) printf ", %d skipped", skipped
	printf "\n"
	exit failed > 0
}
