/* tap.h: a tiny TAP producer for the unit tests (automake's tap-driver
 * counts each "ok"/"not ok" line as one test). */
#ifndef GX_TAP_H
#define GX_TAP_H

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int tap_n, tap_failed;

static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* Compares strings; on failure prints both as TAP diagnostics. */
#define is_str(got, want, ...) tap_is_str((got), (want), __VA_ARGS__)
static inline int
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	char name[512];
	va_list ap;
	int same = (got == NULL && want == NULL) ||
	           (got != NULL && want != NULL && strcmp(got, want) == 0);

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	ok(same, "%s", name);
	if (!same)
		printf("#   got:  '%s'\n#   want: '%s'\n", got ? got : "(null)",
		       want ? want : "(null)");
	return same;
}

#define is_int(got, want, ...) tap_is_int((long long)(got), (long long)(want), __VA_ARGS__)
static inline int
tap_is_int(long long got, long long want, const char *fmt, ...)
{
	char name[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	ok(got == want, "%s", name);
	if (got != want)
		printf("#   got:  %lld\n#   want: %lld\n", got, want);
	return got == want;
}

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return 0;   /* failures are reported by the TAP lines */
}

/* Seconds on a monotonic clock, to time a call. */
static inline double
tap_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A bound on wall time that proves only that a call does not hang or blow
 * up: far above what a run takes even under valgrind (some 200 times
 * slower) on a busy machine.  How fast a call is belongs to make
 * bench-units, never to a check. */
#define TAP_HANG_S 60.0

/* The source tree, for fixtures: $top_srcdir or ".". */
static inline const char *
tap_srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s && *s ? s : ".";
}

static inline int
tap_rm1(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* Removes a scratch directory and everything in it. */
static inline void
tap_rmtree(const char *dir)
{
	nftw(dir, tap_rm1, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
