#!/usr/bin/env python3
"""What README promises, and which tests name it (tests/meta/t_readme_tested.sh).

  readme_names.py TOP

prints one TAP line (unnumbered, without a plan) for each command-line option, config key and key
binding README names: ok when a test names it, not ok (saying what to add)
when none does.  "A test names it" means, outside comments:

  option       --NAME in a test script or C test (tests/*/*.sh, tests/*/*.c)
  config key   a config line starting with KEY, written by a test script:
               KEY at the start of a line (a here-document), or after
               printf ' or echo ' or a \\n in a string, then a space
  key          a key a screen test presses: tmux's name for it as an
               argument of keys (keys l, keys '?', keys Down ...)

Fixtures, fuzz corpora, benchmarks and the suite's own checks (tests/meta,
tests/mutants) do not count: they run nothing.
README is read as it is laid out: options are the --NAME words outside
the lines about ./configure; config keys the indented words under the
config file in "Files"; keys the key columns of "Keys".
"""
import os
import re
import shlex
import sys

# README's names of keys -> tmux's names (send-keys) for them.
TMUX_NAMES = {
    "↓": ["Down"], "↑": ["Up"], "→": ["Right"], "←": ["Left"],
    "Space": ["Space", " "], "PgDn": ["NPage", "PageDown", "PgDn"],
    "PgUp": ["PPage", "PageUp", "PgUp"], "Home": ["Home"], "End": ["End"],
    "Enter": ["Enter", "C-m"], "Esc": ["Escape"], "Tab": ["Tab"],
    "Shift-Tab": ["BTab"],
}
KEY_WORDS = set(TMUX_NAMES)


def sections(text):
    """README's sections: title -> lines (a title is underlined by - or =)."""
    out, title, lines = {}, "", text.split("\n")
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and re.fullmatch(r"[-=]{3,}", lines[i + 1]) and line.strip():
            title = line.strip()
            out[title] = []
        elif not re.fullmatch(r"[-=]{3,}", line):
            out.setdefault(title, []).append(line)
    return out


def readme_options(text):
    names = []
    for line in text.split("\n"):
        if "configure" in line:
            continue
        for m in re.finditer(r"(?<![\w-])--[a-z][a-z0-9-]*", line):
            if m.group(0) not in names:
                names.append(m.group(0))
    return names


def readme_config_keys(sec):
    keys, inside = [], False
    for line in sec.get("Files", []):
        if re.match(r"\s*\S*config\s", line) and "settings" in line:
            inside = True
            continue
        if inside:
            m = re.match(r" {20,}([a-z][a-z-]*)(\s|$)", line)
            if not m:
                break
            keys.append(m.group(1))
    return keys


def key_like(tok):
    return (tok in KEY_WORDS or re.fullmatch(r"[0-9]-[0-9]", tok) is not None
            or (len(tok) == 1 and not tok.isspace()))


def readme_keys(sec):
    keys = []
    for line in sec.get("Keys", []):
        for seg in re.split(r" {2,}", line.strip()):
            toks = [t.strip("(),") for t in seg.split(" ")]
            toks = [t for t in toks if t]
            for i, t in enumerate(toks):
                if t == "/" and i > 0:
                    continue            # "Space PgDn / b PgUp": a separator
                if not key_like(t):
                    break               # a description from here on
                if t not in keys:
                    keys.append(t)
    return keys


def test_files(top):
    skip = {"fixtures", "bench", "corpus", "regress", "crashes", "mutants", "meta"}
    for root, dirs, files in os.walk(os.path.join(top, "tests")):
        dirs[:] = [d for d in dirs if d not in skip]
        for f in sorted(files):
            if f.endswith((".sh", ".c")):
                yield os.path.join(root, f)


def code_lines(path):
    """The lines of a test that are not comments."""
    c = path.endswith(".c")
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            s = line.strip()
            if c and (s.startswith("/*") or s.startswith("*") or s.startswith("//")):
                continue
            if not c and s.startswith("#"):
                continue
            yield line


def pressed_keys(line):
    """The keys a test line presses with the keys helper (or tmux send-keys)."""
    out = []
    # the words after keys, up to a shell operator outside quotes ('|' is a key)
    for m in re.finditer(r"(?:^|[\s;&|(])(?:keys|send-keys)\s+((?:'[^']*'|\"[^\"]*\"|[^;&|)'\"])*)",
                         line):
        try:
            args = shlex.split(m.group(1), comments=True)
        except ValueError:
            continue
        if "-l" in args or "-H" in args:
            continue                    # typed text or raw bytes, not a key
        out += [a for a in args if not a.startswith("-") and not a.startswith("$")]
    return out


def main():
    top = sys.argv[1]
    with open(os.path.join(top, "README"), encoding="utf-8") as f:
        text = f.read()
    sec = sections(text)
    options = readme_options(text)
    config = readme_config_keys(sec)
    keys = readme_keys(sec)

    corpus, pressed = [], set()
    for path in test_files(top):
        rel = os.path.relpath(path, top)
        for line in code_lines(path):
            corpus.append((rel, line))
            if rel.startswith("tests/screen/") or rel.startswith("tests/hostile/"):
                pressed.update(pressed_keys(line))

    def tap(good, what, missing):
        print(("ok - %s" if good else "not ok - %s") % what)
        if not good:
            print("#   " + missing)

    for o in options:
        rx = re.compile(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])")
        who = [r for r, l in corpus if rx.search(l)]
        tap(bool(who), "README's option %s is run by a test (%s)" % (o, who[0] if who else "none"),
            "add a test under tests/ that runs gxnews %s (README names it; no test"
            " outside comments, fixtures and fuzz corpora does)" % o)
    for k in config:
        rx = re.compile(r"(^\s*|(printf|echo)\s+['\"]|\\n)" + re.escape(k) + r"[ \t]")
        who = [r for r, l in corpus if r.endswith(".sh") and rx.search(l)]
        tap(bool(who), "README's config key %s is set by a test (%s)" % (k, who[0] if who else "none"),
            "add a test that writes a config line '%s ...' and checks what it does"
            " (README names the config key %s)" % (k, k))
    if not options or not config or not keys:
        tap(False, "README's options, config keys and keys are found",
            "README's layout changed: %d options, %d config keys, %d keys found"
            % (len(options), len(config), len(keys)))
    for k in keys:
        if re.fullmatch(r"[0-9]-[0-9]", k):
            names = [str(d) for d in range(int(k[0]), int(k[2]) + 1)]
            good = any(d in pressed for d in names)
        else:
            names = TMUX_NAMES.get(k, [k])
            good = any(t in pressed for t in names)
        tap(good, "README's key %s is pressed by a screen test" % k,
            "add a screen test (tests/screen/) that presses %s (keys %s) and checks what it"
            " does (README names the key %s)" % (k, names[0] if names[0] != " " else "Space", k))


if __name__ == "__main__":
    main()
