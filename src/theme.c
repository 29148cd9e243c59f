/* theme.c: the look of the screen's elements: defaults and the config's
 * `color` lines (see theme.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "theme.h"

struct color_default {
	const char *name;
	short fg, fg256, bg;
	int attr, mono;
};

#define COLOR_DEFAULT(id, name, fg, fg256, bg, attr, mono) \
	[THEME_##id] = { name, fg, fg256, bg, attr, mono },
static const struct color_default color_defaults[THEME_COUNT] = {
	THEME_ELEMENTS(COLOR_DEFAULT)
};
#undef COLOR_DEFAULT

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; int attr; } attr_names[] = {
	{ "bold", THEME_BOLD }, { "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE }, { "dim", THEME_DIM },
	{ "none", 0 }, { "normal", 0 },
};

static int
parse_number(const char *s, int lo, int hi)
{
	int v = 0;

	if (*s == '\0')
		return -2;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > hi)
			return -2;
		v = v * 10 + (*s - '0');
	}
	return v >= lo && v <= hi ? v : -2;
}

/* A colour by name or number; -1 the terminal's own, -2 not a colour. */
static int
parse_color(const char *s)
{
	int bright = 0;

	if (strcasecmp(s, "default") == 0 || strcmp(s, "-1") == 0)
		return THEME_DEFAULT_COLOR;
	if (strncasecmp(s, "color", 5) == 0)
		return parse_number(s + (strncasecmp(s, "colour", 6) == 0 ? 6 : 5), 0, 255);
	if (strncasecmp(s, "bright", 6) == 0) {
		bright = 8;
		s += 6;
	}
	for (int i = 0; i < (int)ARRAY_LEN(color_names); i++)
		if (strcasecmp(s, color_names[i]) == 0)
			return i + bright;
	return bright ? -2 : parse_number(s, 0, 255);
}

/* Attributes from words such as "bold" or "bold,underline". */
static int
parse_attrs(char *const *v, int n, int *out, struct err *e)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		char buf[128], *save = NULL;

		snprintf(buf, sizeof buf, "%s", v[i]);
		for (char *w = strtok_r(buf, ",", &save); w != NULL;
		     w = strtok_r(NULL, ",", &save)) {
			size_t j;

			for (j = 0; j < ARRAY_LEN(attr_names); j++)
				if (strcasecmp(attr_names[j].name, w) == 0)
					break;
			if (j == ARRAY_LEN(attr_names))
				return err_set(e, _("unknown attribute '%s' (bold, underline, "
				                    "reverse, dim or none)"), w);
			*out |= attr_names[j].attr;
		}
	}
	return 0;
}

int
theme_parse(const char *element, const char *fg, const char *bg,
            char *const *attrs, int nattrs, struct theme_color *out,
            struct err *e)
{
	int i, f = parse_color(fg), b = parse_color(bg), a;

	for (i = 0; i < THEME_COUNT; i++)
		if (strcmp(color_defaults[i].name, element) == 0)
			break;
	if (i == THEME_COUNT)
		return err_set(e, _("unknown screen element '%s'"), element);
	if (f == -2 || b == -2)
		return err_set(e, _("unknown colour '%s' (a name such as red or "
		                    "brightblue, default, or 0-255)"), f == -2 ? fg : bg);
	if (parse_attrs(attrs, nattrs, &a, e) < 0)
		return -1;
	out->element = i;
	out->fg = (short)f;
	out->bg = (short)b;
	out->attr = a;
	return 0;
}

/* The nearest of the first eight colours to a colour of the 256. */
static short
nearest8(short c)
{
	int r, g, b, lvl;

	if (c < 8)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232) {
		lvl = c - 232;
		return lvl < 12 ? 0 : 7;
	}
	c = (short)(c - 16);
	r = c / 36 >= 3;
	g = c / 6 % 6 >= 3;
	b = c % 6 >= 3;
	return (short)(r | g << 1 | b << 2);
}

static short
fit_color(short c, int ncolors)
{
	if (c < 0 || c < ncolors)
		return c;
	if (ncolors >= 16 && c < 16)
		return c;
	return nearest8(c);
}

void
theme_look(int el, int ncolors, const struct theme_color *user, size_t nuser,
           struct theme_color *out, int *mono)
{
	const struct color_default *d;

	if (el < 0 || el >= THEME_COUNT)
		el = THEME_NORMAL;
	d = &color_defaults[el];
	out->element = el;
	out->fg = ncolors >= 256 ? d->fg256 : d->fg;
	out->bg = d->bg;
	out->attr = d->attr;
	for (size_t i = 0; i < nuser; i++)
		if (user[i].element == el)
			*out = user[i];
	out->fg = fit_color(out->fg, ncolors);
	out->bg = fit_color(out->bg, ncolors);
	*mono = d->mono;
}

const char *
theme_name(int el)
{
	return el >= 0 && el < THEME_COUNT ? color_defaults[el].name : NULL;
}
