/* keys.c: the action table and the key bindings. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keys.h"

#define ACTION_INFO(id, name, help) [ACT_##id] = { name, help },
static const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "" },
	ACTIONS(ACTION_INFO)
};

#define CTRL(c) ((c) & 0x1f)
#define MAX_BINDINGS 128

struct binding {
	int key;
	enum action act;
};

/* vi, less and arrow habits together. */
static struct binding bindings[MAX_BINDINGS] = {
	{ 'j', ACT_DOWN }, { KEY_DOWN, ACT_DOWN }, { CTRL('n'), ACT_DOWN },
	{ 'k', ACT_UP }, { KEY_UP, ACT_UP }, { CTRL('p'), ACT_UP },
	{ ' ', ACT_PAGE_DOWN }, { KEY_NPAGE, ACT_PAGE_DOWN }, { CTRL('f'), ACT_PAGE_DOWN },
	{ 'b', ACT_PAGE_UP }, { KEY_PPAGE, ACT_PAGE_UP }, { CTRL('b'), ACT_PAGE_UP },
	{ 'g', ACT_TOP }, { KEY_HOME, ACT_TOP }, { '<', ACT_TOP },
	{ 'G', ACT_BOTTOM }, { KEY_END, ACT_BOTTOM }, { '>', ACT_BOTTOM },
	{ '\n', ACT_OPEN }, { '\r', ACT_OPEN }, { KEY_ENTER, ACT_OPEN }, { 'l', ACT_OPEN },
	{ KEY_RIGHT, ACT_OPEN },
	{ 'h', ACT_BACK }, { KEY_LEFT, ACT_BACK }, { 27, ACT_BACK },
	{ 'q', ACT_QUIT },
	{ '\t', ACT_NEXT_TAB }, { ']', ACT_NEXT_TAB },
	{ KEY_BTAB, ACT_PREV_TAB }, { '[', ACT_PREV_TAB },
	{ '0', ACT_NUMBER }, { '1', ACT_NUMBER }, { '2', ACT_NUMBER }, { '3', ACT_NUMBER },
	{ '4', ACT_NUMBER }, { '5', ACT_NUMBER }, { '6', ACT_NUMBER }, { '7', ACT_NUMBER },
	{ '8', ACT_NUMBER }, { '9', ACT_NUMBER },
	{ 'J', ACT_NEXT_ART }, { 'K', ACT_PREV_ART }, { 'p', ACT_PREV_ART },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ 'o', ACT_BROWSER }, { 'F', ACT_FULL_TEXT },
	{ 's', ACT_STAR }, { 'u', ACT_TOGGLE_READ },
	{ 'r', ACT_RELOAD }, { 'R', ACT_RELOAD_ALL },
	{ '?', ACT_HELP }, { CTRL('l'), ACT_REDRAW },
};

static int mouse_on = 1;

const struct action_info *
action_info(enum action a)
{
	return (a > ACT_NONE && a < ACT_COUNT) ? &actions[a] : &actions[ACT_NONE];
}

enum action
action_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

enum action
keys_lookup(int key)
{
	for (size_t i = 0; i < MAX_BINDINGS && bindings[i].act != ACT_NONE; i++)
		if (bindings[i].key == key)
			return bindings[i].act;
	return ACT_NONE;
}

/* Names for keys; the first name of a key is the one help shows. */
static const struct { const char *name; int key; } key_names[] = {
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PageUp", KEY_PPAGE }, { "PageDown", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "Enter", '\n' },
	{ "Tab", '\t' }, { "S-Tab", KEY_BTAB }, { "BackTab", KEY_BTAB },
	{ "Esc", 27 }, { "Space", ' ' }, { "Backspace", KEY_BACKSPACE },
	{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Return", '\n' },
	{ "Delete", KEY_DC }, { "Insert", KEY_IC },
};

static int
parse_key(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (strcasecmp(key_names[i].name, s) == 0)
			return key_names[i].key;
	if (s[0] == 'C' && s[1] == '-' && s[2] != '\0' && s[3] == '\0')
		return CTRL(s[2]);
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9' &&
	    (s[2] == '\0' || (s[2] >= '0' && s[2] <= '2' && s[1] == '1' && s[3] == '\0')))
		return KEY_F(s[2] ? 10 + s[2] - '0' : s[1] - '0');
	if (c >= 0x21 && c < 0x7f && s[1] == '\0')
		return c;
	return -1;
}

int
keys_bind(const char *key, const char *action, struct err *e)
{
	int k = parse_key(key);
	enum action a = action_by_name(action);
	size_t i;

	if (k < 0)
		return err_set(e, _("unknown key '%s'"), key);
	if (a == ACT_NONE)
		return err_set(e, _("unknown action '%s'"), action);
	for (i = 0; i < MAX_BINDINGS && bindings[i].act != ACT_NONE; i++)
		if (bindings[i].key == k)
			break;
	if (i == MAX_BINDINGS)
		return err_set(e, _("too many key bindings"));
	bindings[i].key = k;
	bindings[i].act = a;
	return 0;
}

static void
key_text(int k, char *out, size_t outsz)
{
	out[0] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (key_names[i].key == k) {
			snprintf(out, outsz, "%s", key_names[i].name);
			return;
		}
	if (k >= KEY_F(1) && k <= KEY_F(12))
		snprintf(out, outsz, "F%d", k - KEY_F(0));
	else if (k == '\r' || k == KEY_ENTER)
		;                       /* shown as Enter */
	else if (k < 0x20)
		snprintf(out, outsz, "C-%c", k + 0x60);
	else if (k < 0x7f)
		snprintf(out, outsz, "%c", k);
}

/* Whether all ten digits do a; they are then shown as "0-9". */
static int
digits_bound_to(enum action a)
{
	for (int d = '0'; d <= '9'; d++)
		if (keys_lookup(d) != a)
			return 0;
	return 1;
}

void
keys_describe(enum action a, char *out, size_t outsz)
{
	size_t len = 0;
	int digits = digits_bound_to(a), digits_done = 0;

	out[0] = '\0';
	for (size_t i = 0; i < MAX_BINDINGS && bindings[i].act != ACT_NONE; i++) {
		char k[16];
		int key = bindings[i].key;

		if (bindings[i].act != a || keys_lookup(key) != a)
			continue;       /* unbound, or an earlier entry wins */
		if (digits && key >= '0' && key <= '9') {
			if (digits_done)
				continue;
			digits_done = 1;
			snprintf(k, sizeof k, "0-9");
		} else {
			key_text(key, k, sizeof k);
		}
		if (k[0] == '\0')
			continue;
		len += (size_t)snprintf(out + len, outsz > len ? outsz - len : 0,
		                        "%s%s", len ? " " : "", k);
		if (len >= outsz)
			break;
	}
}

void
keys_set_mouse(int on)
{
	mouse_on = on != 0;
}

int
keys_mouse(void)
{
	return mouse_on;
}

/* ---- the man page ------------------------------------------------------ */

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

void
keys_write_man(FILE *f)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char keys[128];

		keys_describe((enum action)a, keys, sizeof keys);
		if (keys[0] == '\0')
			continue;
		man_item(f, keys, actions[a].help);
	}
	man_item(f, "Mouse", "The wheel scrolls; a click on a tab goes to it; a click "
	         "on a row selects it, a second click opens it.");
}

/* ---- colours ----------------------------------------------------------- */

struct color_default {
	const char *name;
	short fg, fg256, bg;
	int attr, mono;
};

#define COLOR_DEFAULT(id, name, fg, fg256, bg, attr, mono) \
	[KEYS_C_##id] = { name, fg, fg256, bg, attr, mono },
static const struct color_default color_defaults[KEYS_NCOLORS] = {
	UI_COLORS(COLOR_DEFAULT)
};
#undef COLOR_DEFAULT

static struct keys_color user_colors[KEYS_NCOLORS];
static unsigned char user_set[KEYS_NCOLORS];

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; int attr; } attr_names[] = {
	{ "bold", KEYS_A_BOLD }, { "underline", KEYS_A_UNDERLINE },
	{ "reverse", KEYS_A_REVERSE }, { "dim", KEYS_A_DIM },
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
		return KEYS_DEFAULT_COLOR;
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
keys_color_set(const char *element, const char *fg, const char *bg,
               char *const *attrs, int nattrs, struct err *e)
{
	int i, f = parse_color(fg), b = parse_color(bg), a;

	for (i = 0; i < KEYS_NCOLORS; i++)
		if (strcmp(color_defaults[i].name, element) == 0)
			break;
	if (i == KEYS_NCOLORS)
		return err_set(e, _("unknown screen element '%s'"), element);
	if (f == -2 || b == -2)
		return err_set(e, _("unknown colour '%s' (a name such as red or "
		                    "brightblue, default, or 0-255)"), f == -2 ? fg : bg);
	if (parse_attrs(attrs, nattrs, &a, e) < 0)
		return -1;
	user_colors[i].fg = (short)f;
	user_colors[i].bg = (short)b;
	user_colors[i].attr = a;
	user_set[i] = 1;
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
keys_color_get(int i, int ncolors, struct keys_color *out, int *mono)
{
	const struct color_default *d;

	if (i < 0 || i >= KEYS_NCOLORS)
		i = KEYS_C_NORMAL;
	d = &color_defaults[i];
	if (user_set[i]) {
		*out = user_colors[i];
	} else {
		out->fg = ncolors >= 256 ? d->fg256 : d->fg;
		out->bg = d->bg;
		out->attr = d->attr;
	}
	out->fg = fit_color(out->fg, ncolors);
	out->bg = fit_color(out->bg, ncolors);
	*mono = d->mono;
}

const char *
keys_color_name(int i)
{
	return i >= 0 && i < KEYS_NCOLORS ? color_defaults[i].name : NULL;
}
