/* gen-keys.c: prints the KEYS section of gxnews(1) from the action and key
 * tables (keys_write_man), so the man page, the help screen and the
 * bindings cannot drift apart.  doc/splice-keys.sh puts it into the page;
 * tests/install/t_man.sh fails when the page differs from it. */
#include "config.h"

#include <stdio.h>

#include "keys.h"

int
main(void)
{
	keys_write_man(stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
