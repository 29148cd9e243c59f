#!/bin/sh
# README's promises are tested: every command-line option, config key and
# key binding README names is named by a test that runs, sets or presses it
# (tests/meta/readme_names.py says how names are found).  A check per name;
# a missing one says what test to add.
. "$(dirname "$0")/../lib.sh"
command -v "${PYTHON3:-python3}" >/dev/null || skip_all "python3 is needed"
names() { "${PYTHON3:-python3}" "$top_srcdir/tests/meta/readme_names.py" "$1"; }

# tap LINES: the script's unnumbered TAP lines, numbered on from here.
tap() {
	while IFS= read -r l; do
		case $l in
		"ok - "*) _n=$((_n + 1)); echo "ok $_n - ${l#ok - }" ;;
		"not ok - "*) _n=$((_n + 1)); echo "not ok $_n - ${l#not ok - }" ;;
		*) printf '%s\n' "$l" ;;
		esac
	done
}
names "$top_srcdir" >"$T/names"
tap <"$T/names"

# The check itself can fail: a README naming an option, a config key and a
# key that no test has.
mkdir -p "$T/top/tests/cli"
sed -e 's/^    gxnews --cache FILE /    gxnews --no-such-option    x\n&/' \
	-e 's/^\( *\)cache FILE$/&\n\1no-such-key V/' \
	-e 's/^\(    F  \)/    Z                a key nobody tests\n\1/' "$top_srcdir/README" >"$T/top/README"
printf 'run --cache x --vacuum\nprintf '"'"'cache %%s\\n'"'"'\n' >"$T/top/tests/cli/t_x.sh"
out=$(names "$T/top")
contains "$out" "not ok - README's option --no-such-option is run by a test (none)" \
	"an option README names and no test runs fails"
contains "$out" "add a test under tests/ that runs gxnews --no-such-option" "and says what to add"
contains "$out" "not ok - README's config key no-such-key is set by a test (none)" \
	"a config key README names and no test sets fails"
contains "$out" "not ok - README's key Z is pressed by a screen test" "a key README names and no screen test presses fails"
contains "$out" "ok - README's option --vacuum is run by a test (tests/cli/t_x.sh)" \
	"an option a test runs passes"
contains "$out" "ok - README's config key cache is set by a test (tests/cli/t_x.sh)" \
	"a config key a test writes passes"
done_testing
