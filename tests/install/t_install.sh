#!/bin/sh
# Installing: `make install DESTDIR=…` puts every file where a system looks
# for it, the installed program runs from there and finds its profile, demo
# and translations, the shell completions complete, and `make uninstall`
# takes every file away again.  Nothing is written into the source tree, so
# this runs in `make distcheck`'s read-only VPATH build too.
. "$(dirname "$0")/../lib.sh"
# a make of our own, not a job of the `make check` that runs us
unset MAKEFLAGS MFLAGS MAKELEVEL GNUMAKEFLAGS MAKEOVERRIDES
MAKE=${MAKE:-make}
D="$T/dest"
X="$top_srcdir/tests/fixtures/demo/www.chinahightech.com"

# The directories this build installs into, as make expands them.
printf 'gx-print-dirs:\n\t@printf "%%s\\n" "prefix=\x27$(prefix)\x27" "bindir=\x27$(bindir)\x27" "datadir=\x27$(datadir)\x27" "pkgdatadir=\x27$(pkgdatadir)\x27" "mandir=\x27$(mandir)\x27" "localedir=\x27$(localedir)\x27" "docdir=\x27$(docdir)\x27"\n' >"$T/dirs.mk"
dirs=$($MAKE -s --no-print-directory -C "$top_builddir" -f Makefile -f "$T/dirs.mk" gx-print-dirs 2>"$T/err")
eval "$dirs"
ok $([ -n "${bindir:-}" ] && [ -n "${pkgdatadir:-}" ]; echo $?) \
	"the build says where it installs (prefix ${prefix:-?})"
[ -n "${bindir:-}" ] || { sed 's/^/#   /' "$T/err"; done_testing; exit 0; }

$MAKE -C "$top_builddir" install DESTDIR="$D" >"$T/install.log" 2>&1
rc=$?
ok $rc "make install DESTDIR=… succeeds"
[ $rc -eq 0 ] || tail -n 30 "$T/install.log" | sed 's/^/#   /'

# ---- every file in its place ------------------------------------------------
bin="$D$bindir/gxnews"
while read -r path src; do
	f="$D$(eval "printf '%s' \"$path\"")"
	if [ "$src" = - ]; then
		ok $([ -f "$f" ]; echo $?) "installs ${f#"$D"}"
	else
		cmp -s "$f" "$top_srcdir/$src"
		ok $? "installs ${f#"$D"}, the same as $src"
	fi
done <<'EOF'
$bindir/gxnews -
$pkgdatadir/sites/chinahightech.site data/sites/chinahightech.site
$pkgdatadir/demo/www.chinahightech.com/index.html data/demo/www.chinahightech.com/index.html
$pkgdatadir/demo/www.chinahightech.com/html/qiye/2021/1112/49870.html data/demo/www.chinahightech.com/html/qiye/2021/1112/49870.html
$mandir/man1/gxnews.1 doc/gxnews.1
$mandir/man5/gxnews.conf.5 doc/gxnews.conf.5
$mandir/man5/gxnews-site.5 doc/gxnews-site.5
$localedir/zh_CN/LC_MESSAGES/gxnews.mo -
$docdir/config.example doc/config.example
$datadir/bash-completion/completions/gxnews data/completion/gxnews
$datadir/zsh/site-functions/_gxnews data/completion/_gxnews
EOF
ok $([ -x "$bin" ]; echo $?) "the installed gxnews is executable"
mo="$D$localedir/zh_CN/LC_MESSAGES/gxnews.mo"
if command -v msgunfmt >/dev/null 2>&1; then
	msgunfmt "$mo" >"$T/mo.po" 2>"$T/err"
	ok $? "the installed zh_CN catalog is a valid message catalog"
else
	_n=$((_n + 1)); echo "ok $_n # SKIP msgunfmt is not installed (Debian package gettext)"
fi

# ---- the installed program runs from there -----------------------------------
out=$("$bin" --version 2>&1)
ok $? "the installed gxnews runs: --version exits 0"
contains "$out" "gxnews " "--version names the program and its version"
want=$(awk -F'\t' '$1 == "rank-all" { print "\t" $3 "\t" $4 }' "$X/index.html.expect")
got=$(GXNEWS_DATADIR="$D$pkgdatadir" "$bin" --demo --cache "$T/inst.db" --list rank-all 2>"$T/err")
ok $([ -n "$want" ] && [ "$got" = "$want" ]; echo $?) \
	"with GXNEWS_DATADIR in the install, it finds its profile and demo: --demo --list rank-all"
[ -s "$T/err" ] && sed 's/^/#   /' "$T/err"
got=$(GXNEWS_DATADIR="$D$pkgdatadir" "$bin" --demo --cache "$T/inst.db" \
	--dump http://www.chinahightech.com/html/qiye/2021/1112/49870.html 2>/dev/null)
contains "$got" "王喆" "the installed demo reads its GBK article"
# A message the installed catalog translates, shown by the installed program.
# Only a machine without msgunfmt skips this; a catalog that lacks the
# translation fails.
msgid="show the version and exit"
if [ -f "$T/mo.po" ]; then
	msgstr=$(sed -n "/^msgid \"$msgid\"\$/{n;s/^msgstr \"\\(.*\\)\"\$/\\1/p}" "$T/mo.po")
	ok $([ -n "$msgstr" ]; echo $?) "the installed zh_CN catalog translates '$msgid'"
	got=$(LANGUAGE=zh_CN GXNEWS_LOCALEDIR="$D$localedir" "$bin" --help)
	contains "$got" "${msgstr:-(no translation)}" "with LANGUAGE=zh_CN the installed gxnews speaks Chinese"
else
	for what in "the installed zh_CN catalog translates '$msgid'" "the installed gxnews speaks Chinese"; do
		_n=$((_n + 1)); echo "ok $_n # SKIP $what: msgunfmt is not installed (Debian package gettext)"
	done
fi

# ---- bash completion -----------------------------------------------------------
bcomp="$D$datadir/bash-completion/completions/gxnews"
# complete WORD...: what bash completes for the last WORD (may be "")
complete_bash() {
	(cd "$T" && bash --norc --noprofile -c '
		. "$1" || exit 3; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_gxnews gxnews "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "
		exit 0' sh "$bcomp" "$@")
}
if command -v bash >/dev/null 2>&1 && [ -f "$bcomp" ]; then
	mkdir -p "$T/files" && : >"$T/cache-a.db" && : >"$T/cache-b.db"
	while IFS='|' read -r words want name; do
		is "$(eval "complete_bash $words")" "$want" "bash: $name"
	done <<'EOF'
gxnews --li|--list |gxnews --li<TAB> completes --list
gxnews --list ""|picks rank-all rank-month starred |gxnews --list <TAB> offers the tab names
gxnews --list r|rank-all rank-month |gxnews --list r<TAB> offers rank-all rank-month
gxnews --list = rank-m|rank-month |gxnews --list=rank-m<TAB> completes rank-month
gxnews --ambiguous-width ""|1 2 |--ambiguous-width <TAB> offers 1 and 2
gxnews --zh-script ""|hk simplified traditional tw |--zh-script <TAB> offers the four scripts
gxnews --cache cache-|cache-a.db cache-b.db |--cache <TAB> offers files
gxnews --config fil|files |--config <TAB> offers files and directories
gxnews --site-url ""||--site-url <TAB> offers nothing
gxnews --offline --dem|--demo --demo-dir |options complete after other options
EOF
	# The options completed are the options of --help.
	"$bin" --help | awk -F'  +' '/^  --/ { print $2 }' | sed 's/[ [].*//' | sort >"$T/help-opts"
	complete_bash gxnews -- | tr ' ' '\n' | sed 's/=$//; /^$/d' | sort >"$T/bash-opts"
	diff "$T/help-opts" "$T/bash-opts" >"$T/diff"
	ok $? "bash completes exactly the options --help lists"
	sed 's/^/#   /' "$T/diff"
else
	_n=$((_n + 1)); echo "not ok $_n - bash completion installed and bash found"
fi

# ---- zsh completion, through a real interactive zsh ---------------------------
zdir="$D$datadir/zsh/site-functions"
if ! command -v zsh >/dev/null 2>&1; then
	for what in "gxnews --li<TAB>" "gxnews --list <TAB>" "--ambiguous-width <TAB>" "--zh-script <TAB>" \
	            "every option of --help"; do
		_n=$((_n + 1)); echo "ok $_n # SKIP zsh: $what (zsh is not installed)"
	done
elif ! zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
	_n=$((_n + 1)); echo "ok $_n # SKIP zsh has no zsh/zpty module to drive completion"
else
	# complete_zsh LINE: the matches zsh's completion offers for LINE<TAB>,
	# from an interactive zsh on a pseudo-terminal, compadd wrapped to log
	cat >"$T/zcomp.zsh" <<'EOS'
zmodload zsh/zpty || exit 3
dir=$1 out=$2 line=$3
zpty z zsh -f -i
zpty -w z "PS1= PROMPT= RPROMPT=; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd () { if (( \${@[(I)-[OAD]]} )); then builtin compadd \"\$@\"; return; fi; local -a h; builtin compadd -A h \"\$@\"; print -rl -- \$h >> ${(q)out}; builtin compadd \"\$@\"; }"
zpty -w z "zstyle ':completion:*' menu no"
zpty -w -n z "$line"$'\t'
for i in {1..40}; do [[ -s $out ]] && break; sleep 0.05; done
sleep 0.3
zpty -w z $'\C-u exit'
zpty -d z
EOS
	complete_zsh() {
		: >"$T/zout"
		zsh -f "$T/zcomp.zsh" "$zdir" "$T/zout" "$1" >/dev/null 2>&1
		sort -u "$T/zout" | tr '\n' ' '
	}
	is "$(complete_zsh 'gxnews --li')" "--list " "zsh: gxnews --li<TAB> completes --list"
	is "$(complete_zsh 'gxnews --list ')" "picks rank-all rank-month starred " \
		"zsh: gxnews --list <TAB> offers the tab names"
	is "$(complete_zsh 'gxnews --ambiguous-width ')" "1 2 " "zsh: --ambiguous-width <TAB> offers 1 and 2"
	is "$(complete_zsh 'gxnews --zh-script ')" "hk simplified traditional tw " \
		"zsh: --zh-script <TAB> offers the four scripts"
	complete_zsh 'gxnews --' | tr ' ' '\n' | sed '/^$/d' | sort >"$T/zsh-opts"
	diff "$T/help-opts" "$T/zsh-opts" >"$T/diff"
	ok $? "zsh completes exactly the options --help lists"
	sed 's/^/#   /' "$T/diff"
fi

# ---- and away again -------------------------------------------------------------
$MAKE -C "$top_builddir" uninstall DESTDIR="$D" >"$T/uninstall.log" 2>&1
rc=$?
ok $rc "make uninstall DESTDIR=… succeeds"
[ $rc -eq 0 ] || tail -n 30 "$T/uninstall.log" | sed 's/^/#   /'
left=$(cd "$D" 2>/dev/null && find . ! -type d | sort)
is "$left" "" "make uninstall leaves no file behind"

done_testing
