/* Unit tests: lang (the screen's character set on any locale). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "tap.h"
#include "util.h"

int
main(void)
{
	static const char *const none[] = { "xx_NOPE.UTF-8", "yy_NOPE.utf8" };
	static const char *const some[] = { "xx_NOPE.UTF-8", "C.UTF-8" };
	char notice[512];

	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C", 1);
	setlocale(LC_ALL, "");
	ok(lang_ascii(), "the C locale is ASCII");
	ok(lang_switch(none, ARRAY_LEN(none)) == NULL, "no locale of a list that none exists");
	ok(lang_ascii(), "and the character type stays as it was");
	is_int(lang_setup_from(none, ARRAY_LEN(none), notice, sizeof notice), -1,
	       "an ASCII locale with no UTF-8 locale to go to cannot show the reader");
	ok(strstr(notice, "LC_ALL=C") != NULL && strstr(notice, "install") != NULL &&
	   strstr(notice, "LANG") != NULL, "the message names the locale and the fix: %s", notice);
	is_int(lang_setup_from(some, ARRAY_LEN(some), notice, sizeof notice), 0,
	       "with a UTF-8 locale there, it is used");
	is_str(nl_langinfo(CODESET), "UTF-8", "the character type is UTF-8 now");
	ok(strstr(notice, "C.UTF-8") != NULL, "and the notice says which: %s", notice);
	is_int(lang_setup(notice, sizeof notice), 0, "a UTF-8 locale is kept");
	is_str(notice, "", "without a word");
	if (setlocale(LC_CTYPE, "zh_CN.GB18030") != NULL) {
		is_int(lang_setup(notice, sizeof notice), 0, "zh_CN.GB18030 is kept");
		is_str(nl_langinfo(CODESET), "GB18030", "its character set stays GB18030");
	} else {
		ok(1, "# SKIP no zh_CN.GB18030 locale (tools/bootstrap makes it)");
		ok(1, "# SKIP no zh_CN.GB18030 locale");
	}
	return done_testing();
}
