#!/usr/bin/env python3
"""Mutation proof: do the tests fail when the code they name is broken?

  run.py [--full] [--check] [--keep] [ID...]      (make mutants)

Copies the tree (never touching it) into a scratch directory, builds it
there once, runs the tests the mutants name on the unchanged copy (all must
pass), then for each mutant of tests/mutants/mutants.txt (or only the IDs
given): puts the mutation in, rebuilds, runs its tests (--full: the whole
suite), and puts the code back.  Prints per mutant "killed" (with the first
check that failed) or "SURVIVED" (with the reason the table gives, if
any), then the kill rate and the survivors.

  --check  only checks that every anchor is found exactly once (no build)
  --keep   keeps the scratch copy (its path is printed)

A mutant whose anchor is not found exactly once is stale (the code moved:
update its block); one that does not build is stillborn.  Both are
reported loudly and make the exit status 1, as does a kill rate under 90%
or a survivor without a written reason.

  MUTANTS_JOBS  make -j (default 2)
  TMPDIR        where the scratch copy goes
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
JOBS = os.environ.get("MUTANTS_JOBS", "2")
TIMEOUT = 1200          # seconds for a mutant's tests: a hang is a kill


def parse(path):
    mutants, cur = [], {}
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n") + [""]:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if cur:
                    mutants.append(cur)
                cur = {}
                continue
            key, _, val = line.partition(":")
            val = val[1:] if val.startswith(" ") else val
            if key in ("from", "to"):
                val = val.replace("\\t", "\t").replace("\\n", "\n")
            cur[key.strip()] = val
    for m in mutants:
        for k in ("id", "file", "from", "to", "tests", "what"):
            if k not in m:
                sys.exit("mutants.txt: %s lacks %s:" % (m.get("id", "a block"), k))
    return mutants


def sh(cmd, cwd, log=None, timeout=None):
    out = open(log, "w") if log else subprocess.DEVNULL
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                              timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        if log:
            out.close()


def copy_tree(dst):
    """The tree as a clone has it, with the edits not yet committed."""
    try:
        files = subprocess.run(["git", "-C", TOP, "ls-files", "-co", "--exclude-standard", "-z"],
                               check=True, capture_output=True).stdout.split(b"\0")
    except (OSError, subprocess.CalledProcessError):
        files = None
    if files is None:
        shutil.copytree(TOP, dst, symlinks=True, ignore=shutil.ignore_patterns(
            "build", "build-*", "autom4te.cache", ".git"))
        return
    for f in files:
        if not f:
            continue
        src = os.path.join(TOP.encode(), f)
        if not os.path.lexists(src):
            continue                # deleted, not yet committed
        out = os.path.join(dst.encode(), f)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copy2(src, out, follow_symlinks=False)


def failing(build, tests):
    """The first failing check of these tests, as its log says."""
    for t in tests:
        log = os.path.join(build, re.sub(r"\.sh$", "", t) + ".log")
        try:
            with open(log, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if re.match(r"(not ok|Bail out!)|(ERROR|FAIL): ", line):
                        return "%s: %s" % (t, line.strip()[:150])
        except OSError:
            continue
    return "a test failed (see its log)"


def check_anchors(src, mutants):
    stale = []
    for m in mutants:
        try:
            with open(os.path.join(src, m["file"]), encoding="utf-8") as f:
                n = f.read().count(m["from"])
        except OSError:
            n = -1
        if n != 1:
            stale.append(m)
            print("STALE    %-30s anchor found %s in %s: %s" % (
                m["id"], "no file" if n < 0 else "%d times" % n, m["file"],
                m["from"].strip()[:70]), flush=True)
    return stale


def main(argv):
    full = "--full" in argv
    only_check = "--check" in argv
    keep = "--keep" in argv
    ids = [a for a in argv[1:] if not a.startswith("--")]
    mutants = parse(os.path.join(HERE, "mutants.txt"))
    if ids:
        unknown = set(ids) - {m["id"] for m in mutants}
        if unknown:
            sys.exit("no such mutant: " + " ".join(sorted(unknown)))
        mutants = [m for m in mutants if m["id"] in ids]

    stale = check_anchors(TOP, mutants)
    live = [m for m in mutants if m not in stale]
    if only_check:
        print("%d mutants, %d stale" % (len(mutants), len(stale)))
        return 1 if stale else 0

    scratch = tempfile.mkdtemp(prefix="gxnews-mutants.")
    src, build = os.path.join(scratch, "src"), os.path.join(scratch, "src", "build")
    print("scratch copy: %s (the tree itself is not touched)" % src, flush=True)
    copy_tree(src)
    os.makedirs(build)
    start = time.time()
    if (sh(["autoreconf", "-fi"], src, os.path.join(scratch, "autoreconf.log")) != 0 or
            sh(["../configure"], build, os.path.join(scratch, "configure.log")) != 0 or
            sh(["make", "-j" + JOBS], build, os.path.join(scratch, "build.log")) != 0):
        print("Bail out! the unmutated copy does not build (see %s)" % scratch)
        return 1
    alltests = []
    for m in live:
        for t in m["tests"].split():
            if t not in alltests:
                alltests.append(t)
    base = [] if full else ["TESTS=" + " ".join(alltests)]
    rc = sh(["make", "-j" + JOBS, "check"] + base, build, os.path.join(scratch, "baseline.log"))
    if rc != 0:
        print("Bail out! the unmutated copy fails: %s" % failing(build, alltests))
        return 1
    print("baseline: %s pass unmutated (%ds)%s" % (
        "all tests" if full else "%d tests" % len(alltests), time.time() - start,
        "" if full else ": " + " ".join(alltests)), flush=True)

    killed, survived, stillborn = [], [], []
    for m in live:
        path = os.path.join(src, m["file"])
        with open(path, encoding="utf-8") as f:
            orig = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(orig.replace(m["from"], m["to"], 1))
        t0 = time.time()
        tests = m["tests"].split()
        try:
            if sh(["make", "-j" + JOBS], build, os.path.join(scratch, m["id"] + ".build.log")) != 0:
                stillborn.append(m)
                print("STILLBORN %-29s does not build (%s.build.log)" % (m["id"], m["id"]), flush=True)
                continue
            args = [] if full else ["TESTS=" + " ".join(tests)]
            rc = sh(["make", "-j" + JOBS, "check"] + args, build,
                    os.path.join(scratch, m["id"] + ".check.log"), TIMEOUT)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
        secs = time.time() - t0
        if rc != 0:
            why = "tests hung (%ds)" % TIMEOUT if rc == "timeout" else failing(build, tests)
            killed.append(m)
            print("killed   %-30s %3ds  %s" % (m["id"], secs, why), flush=True)
        else:
            survived.append(m)
            print("SURVIVED %-30s %3ds  %s; %s" % (m["id"], secs, m["what"],
                  "why: " + m["survives"] if "survives" in m else "NO REASON WRITTEN"), flush=True)
    # the build dir holds the last mutant's objects: rebuild nothing, just say
    n = len(killed) + len(survived)
    rate = 100.0 * len(killed) / n if n else 0.0
    print("")
    print("mutants: %d in the table, %d run (%s), %d stale, %d stillborn" % (
        len(mutants), n, "the whole suite each" if full else "each against its tests",
        len(stale), len(stillborn)))
    print("kill rate: %d/%d killed (%.1f%%), %d survived%s" % (
        len(killed), n, rate, len(survived), ":" if survived else ""))
    for m in survived:
        print("  %s (%s): %s" % (m["id"], m["file"], m.get("survives", "NO REASON WRITTEN")))
    print("time: %dm" % ((time.time() - start) / 60))
    if keep:
        print("kept: %s" % scratch)
    else:
        shutil.rmtree(scratch, ignore_errors=True)
    bad = stale or stillborn or rate < 90.0 or any("survives" not in m for m in survived)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
