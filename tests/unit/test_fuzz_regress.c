/* test_fuzz_regress.c: every input the fuzzers ever crashed on
 * (tests/fuzz/regress/TARGET/) and every seed (tests/fuzz/corpus/TARGET/)
 * replayed through the same entry points, built without libFuzzer, so a
 * fixed crash stays fixed under gcc and the sanitizer build. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "util.h"
#include "fuzz/fuzz.h"

int fuzz_failures;

static const struct {
	const char *name;
	int (*run)(const uint8_t *, size_t);
} targets[] = {
	{ "feed",    fuzz_feed },
	{ "site",    fuzz_site },
	{ "render",  fuzz_render },
	{ "charset", fuzz_charset },
	{ "text",    fuzz_text },
	{ "profile", fuzz_profile },
	{ "conf",    fuzz_conf },
	{ "zhscript", fuzz_zhscript },
	{ "jpeg",    fuzz_jpeg },
	{ "png",     fuzz_png },
	{ "webp",    fuzz_webp },
	{ "gif",     fuzz_gif },
	{ "query",   fuzz_query },
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every file of DIR through run; returns how many, -1 if DIR
 * cannot be read. */
static int
replay_dir(const char *dir, const char *label, int (*run)(const uint8_t *, size_t))
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char *data = NULL;
		size_t len = 0;
		struct err e = { "" };
		int before = fuzz_failures;

		if (read_file(path, 1 << 24, &data, &len, &e) != 0) {
			printf("#   %s\n", e.msg);
			fuzz_failures++;
		} else {
			run((const uint8_t *)data, len);
		}
		if (fuzz_failures != before)
			printf("#   ^ %s/%s\n", label, names[i]);
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	return (int)n;
}

int
main(void)
{
	for (size_t i = 0; i < ARRAY_LEN(targets); i++) {
		static const char *const kinds[] = { "regress", "corpus" };

		for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
			char *dir = xasprintf("%s/tests/fuzz/%s/%s", tap_srcdir(),
			                      kinds[k], targets[i].name);
			int before = fuzz_failures;
			int n = replay_dir(dir, kinds[k], targets[i].run);

			if (k == 1)
				ok(n > 0, "%s: the seed corpus is there (%d inputs)",
				   targets[i].name, n);
			ok(fuzz_failures == before,
			   "%s: %d %s input(s) replayed with every property kept",
			   targets[i].name, n < 0 ? 0 : n,
			   k == 0 ? "past-crash" : "seed");
			free(dir);
		}
	}
	return done_testing();
}
