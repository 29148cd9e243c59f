/* lang.c: the screen's character set (see lang.h). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "util.h"

/* UTF-8 locales most systems have, the one with no language first. */
static const char *const utf8_locales[] = {
	"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8", "zh_CN.UTF-8", "zh_CN.utf8",
};

int
lang_ascii(void)
{
	const char *cs = nl_langinfo(CODESET);

	return strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "ASCII") == 0 ||
	       strcmp(cs, "US-ASCII") == 0;
}

const char *
lang_switch(const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (setlocale(LC_CTYPE, names[i]) != NULL)
			return names[i];
	return NULL;
}

/* The locale the environment asks for, as the user set it: "LANG=POSIX",
 * "LC_ALL=zh_CN.UTF-8", or "C" when nothing is set. */
static void
asked_for(char *out, size_t outsz)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };

	for (size_t i = 0; i < ARRAY_LEN(vars); i++) {
		const char *v = getenv(vars[i]);

		if (v != NULL && *v != '\0') {
			snprintf(out, outsz, "%s=%s", vars[i], v);
			return;
		}
	}
	snprintf(out, outsz, "C");
}

int
lang_setup(char *notice, size_t nsz)
{
	return lang_setup_from(utf8_locales, ARRAY_LEN(utf8_locales), notice, nsz);
}

int
lang_setup_from(const char *const *names, size_t n, char *notice, size_t nsz)
{
	char old[128];
	const char *now;
	int missing;

	notice[0] = '\0';
	if (!lang_ascii())
		return 0;
	asked_for(old, sizeof old);
	missing = setlocale(LC_CTYPE, "") == NULL;
	now = lang_switch(names, n);
	if (now == NULL) {
		snprintf(notice, nsz, _("the locale %s cannot show Chinese and no UTF-8 "
		                        "locale is installed: install one (Debian: apt-get "
		                        "install locales, then dpkg-reconfigure locales) or "
		                        "set LANG to a UTF-8 locale"), old);
		return -1;
	}
	if (missing)
		snprintf(notice, nsz, _("The locale %s is not installed: characters are "
		                        "written as UTF-8 (%s)"), old, now);
	else
		snprintf(notice, nsz, _("The locale %s is ASCII: characters are written as "
		                        "UTF-8 (%s)"), old, now);
	return 0;
}
