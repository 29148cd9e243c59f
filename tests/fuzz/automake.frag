# tests/fuzz/automake.frag: the Makefile.am lines for issue 9, to append
# after the existing check_PROGRAMS, dist_check_SCRIPTS and EXTRA_DIST
# (they use +=).  Checked: autoreconf, configure (gcc; CC=clang
# --enable-fuzzing), make, make check TESTS=..., make tests/fuzz/fuzz_*.
# ---- fuzzing, hostile input, faults (issue 9) ------------------------------
FUZZ_SRC = tests/fuzz/fuzz_feed.c tests/fuzz/fuzz_site.c tests/fuzz/fuzz_render.c \
	tests/fuzz/fuzz_charset.c tests/fuzz/fuzz_text.c tests/fuzz/fuzz_profile.c \
	tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
check_PROGRAMS += tests/unit/test_fuzz_regress
tests_unit_test_fuzz_regress_SOURCES = tests/unit/test_fuzz_regress.c $(FUZZ_SRC)
tests_unit_test_fuzz_regress_CPPFLAGS = $(AM_CPPFLAGS) -DGX_FUZZ_NO_MAIN
dist_check_SCRIPTS += tests/hostile/t_hostile_mirror.sh tests/hostile/t_hostile_input.sh \
	tests/hostile/t_hostile_tty.sh tests/fault/t_fault_server.sh tests/fault/t_fault_disk.sh
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/regress tests/fuzz/crashes tests/fuzz/README \
	tests/fuzz/run.sh tests/fuzz/smoke.sh \
	tests/hostile/hostile.sh tests/valgrind.sh

FUZZ_TARGETS = tests/fuzz/fuzz_feed tests/fuzz/fuzz_site tests/fuzz/fuzz_render \
	tests/fuzz/fuzz_charset tests/fuzz/fuzz_text tests/fuzz/fuzz_profile tests/fuzz/fuzz_conf
if FUZZING
# The library again, instrumented, so libFuzzer sees coverage inside it.
noinst_LIBRARIES += libgxfuzz.a
libgxfuzz_a_SOURCES = $(libgx_a_SOURCES)
libgxfuzz_a_CFLAGS = $(AM_CFLAGS) $(GX_FUZZ_CFLAGS)
noinst_PROGRAMS = $(FUZZ_TARGETS)
FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -DGX_FUZZ_SRCDIR='"$(abs_top_srcdir)"'
FUZZ_CFLAGS = $(AM_CFLAGS) $(GX_FUZZ_CFLAGS)
FUZZ_LDADD = libgxfuzz.a $(NCURSES_LIBS) $(CURL_LIBS) $(XML_LIBS) $(SQLITE_LIBS) $(ICU_LIBS) $(LIBINTL)
tests_fuzz_fuzz_feed_SOURCES = tests/fuzz/fuzz_feed.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_feed_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_feed_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_feed_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_site_SOURCES = tests/fuzz/fuzz_site.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_site_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_site_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_site_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_render_SOURCES = tests/fuzz/fuzz_render.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_render_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_render_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_render_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_charset_SOURCES = tests/fuzz/fuzz_charset.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_charset_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_charset_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_charset_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_text_SOURCES = tests/fuzz/fuzz_text.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_text_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_text_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_text_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_profile_SOURCES = tests/fuzz/fuzz_profile.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_profile_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_profile_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_profile_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_conf_SOURCES = tests/fuzz/fuzz_conf.c tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h
tests_fuzz_fuzz_conf_CPPFLAGS = $(FUZZ_CPPFLAGS)
tests_fuzz_fuzz_conf_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_conf_LDADD = $(FUZZ_LDADD)
# make fuzz [FUZZ_SECONDS=60]: each target in turn on its seed corpus.
fuzz: $(FUZZ_TARGETS)
	@for t in feed site render charset text profile conf; do \
	  FUZZ_BUILDDIR=. $(SHELL) $(srcdir)/tests/fuzz/run.sh $$t $${FUZZ_SECONDS:-60} || exit 1; \
	done
else
fuzz:
	@echo "make fuzz: configure with CC=clang ./configure --enable-fuzzing" >&2; exit 1
endif
.PHONY: fuzz
