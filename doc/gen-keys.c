/* gen-keys.c: prints the KEYS section of gxnews(1) from the action and key
 * tables (keys.h) as man(7) markup, so the man page, the help screen and the
 * bindings cannot drift apart.  doc/splice-keys.sh puts it into the page;
 * tests/install/t_man.sh fails when the page differs from it. */
#include "config.h"

#include <stdio.h>

#include "keys.h"

/* Text for man(7): backslashes and hyphens escaped, no line starting
 * with a control character. */
static void
man_text(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '"')
			fputs("\\(dq", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

static void
man_item(FILE *f, const char *term, const char *text)
{
	fputs(".TP\n.B ", f);
	man_text(f, term);
	fputc('\n', f);
	man_text(f, text);
	fputc('\n', f);
}

static void
write_man(FILE *f)
{
	struct keymap km;

	keys_default(&km);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[128];

		keys_describe(&km, (enum action)a, keys, sizeof keys);
		if (keys[0] == '\0')
			continue;
		man_item(f, keys, action_info((enum action)a)->help);
	}
	man_item(f, "Mouse", "The wheel scrolls; a click on a tab goes to it; a click "
	         "on a row selects it, a second click opens it.");
}

int
main(void)
{
	write_man(stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
