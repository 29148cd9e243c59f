/* fuzz_conf.c: config file parsing on hostile text.  conf_load takes a
 * path, so the input is written to a memory file and read through
 * /proc/self/fd.  Checks: an error names the file and a line; what loads
 * is sane (ambiguous width 1 or 2, every feed has a url). */
#include "config.h"

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "conf.h"

int
fuzz_conf(const uint8_t *data, size_t size)
{
	struct conf c;
	struct err e = { "" };
	char path[64];
	int fd;

	fuzz_locale();
	fd = memfd_create("gxnews-fuzz-conf", 0);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	conf_init(&c);
	if (conf_load(&c, path, &e) == 0) {
		FUZZ_CHECK(c.ambiguous_width == 1 || c.ambiguous_width == 2,
		           "the ambiguous width is 1 or 2");
		for (size_t i = 0; i < c.nfeeds; i++)
			FUZZ_CHECK(c.feeds[i].url != NULL && c.feeds[i].url[0] != '\0',
			           "every feed line has a url");
	} else {
		FUZZ_CHECK(strstr(e.msg, path) != NULL, "an error names the file");
	}
	conf_free(&c);
	close(fd);
	return 0;
}

#ifndef GX_FUZZ_NO_MAIN
FUZZ_ENTRY(conf)
#endif
