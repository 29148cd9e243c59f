/* keys.c: the action table, key names and key maps (see keys.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keys.h"

#define ACTION_INFO(id, name, help) [ACT_##id] = { name, help },
static const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = { "none", "" },
	ACTIONS(ACTION_INFO)
};

#define CTRL(c) KEYS_CTRL(c)

static const struct {
	int key;
	enum action act;
} defaults[] = {
	{ 'j', ACT_DOWN }, { KEYS_DOWN, ACT_DOWN }, { CTRL('n'), ACT_DOWN },
	{ 'k', ACT_UP }, { KEYS_UP, ACT_UP }, { CTRL('p'), ACT_UP },
	{ ' ', ACT_PAGE_DOWN }, { KEYS_PAGE_DOWN, ACT_PAGE_DOWN }, { CTRL('f'), ACT_PAGE_DOWN },
	{ 'b', ACT_PAGE_UP }, { KEYS_PAGE_UP, ACT_PAGE_UP }, { CTRL('b'), ACT_PAGE_UP },
	{ 'g', ACT_TOP }, { KEYS_HOME, ACT_TOP }, { '<', ACT_TOP },
	{ 'G', ACT_BOTTOM }, { KEYS_END, ACT_BOTTOM }, { '>', ACT_BOTTOM },
	{ '\n', ACT_OPEN }, { '\r', ACT_OPEN }, { KEYS_ENTER, ACT_OPEN }, { 'l', ACT_OPEN },
	{ KEYS_RIGHT, ACT_OPEN },
	{ 'h', ACT_BACK }, { KEYS_LEFT, ACT_BACK }, { 27, ACT_BACK },
	{ 'q', ACT_QUIT },
	{ '\t', ACT_NEXT_TAB }, { ']', ACT_NEXT_TAB },
	{ KEYS_BACKTAB, ACT_PREV_TAB }, { '[', ACT_PREV_TAB },
	{ '0', ACT_NUMBER }, { '1', ACT_NUMBER }, { '2', ACT_NUMBER }, { '3', ACT_NUMBER },
	{ '4', ACT_NUMBER }, { '5', ACT_NUMBER }, { '6', ACT_NUMBER }, { '7', ACT_NUMBER },
	{ '8', ACT_NUMBER }, { '9', ACT_NUMBER },
	{ 'J', ACT_NEXT_ART }, { 'K', ACT_PREV_ART }, { 'p', ACT_PREV_ART },
	{ '/', ACT_SEARCH }, { 'n', ACT_SEARCH_NEXT }, { 'N', ACT_SEARCH_PREV },
	{ 'o', ACT_BROWSER }, { 'F', ACT_FULL_TEXT },
	{ 's', ACT_STAR }, { 'u', ACT_TOGGLE_READ },
	{ 'r', ACT_RELOAD }, { 'R', ACT_RELOAD_ALL }, { 'T', ACT_SCRIPT }, { 'S', ACT_SYNC },
	{ 'i', ACT_IMAGES }, { 'I', ACT_PICTURE },
	{ 'a', ACT_ADD_FEED }, { '+', ACT_SAVE_SEARCH }, { ':', ACT_COMMAND },
	{ 'y', ACT_COPY_LINK }, { 'Y', ACT_COPY_TEXT }, { 'w', ACT_SAVE }, { '|', ACT_PIPE },
	{ CTRL('w'), ACT_FOCUS }, { KEYS_F1 + 5, ACT_FOCUS },
	{ '?', ACT_HELP }, { 'M', ACT_MESSAGES }, { CTRL('l'), ACT_REDRAW },
};

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

void
keys_default(struct keymap *km)
{
	km->n = ARRAY_LEN(defaults);
	for (size_t i = 0; i < km->n; i++) {
		km->v[i].key = defaults[i].key;
		km->v[i].act = defaults[i].act;
	}
}

enum action
keys_lookup(const struct keymap *km, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key)
			return km->v[i].act;
	return ACT_NONE;
}

/* Names for keys; the first name of a key is the one help shows. */
static const struct { const char *name; int key; } key_names[] = {
	{ "Up", KEYS_UP }, { "Down", KEYS_DOWN }, { "Left", KEYS_LEFT },
	{ "Right", KEYS_RIGHT }, { "PageUp", KEYS_PAGE_UP }, { "PageDown", KEYS_PAGE_DOWN },
	{ "Home", KEYS_HOME }, { "End", KEYS_END }, { "Enter", '\n' },
	{ "Tab", '\t' }, { "S-Tab", KEYS_BACKTAB }, { "BackTab", KEYS_BACKTAB },
	{ "Esc", 27 }, { "Space", ' ' }, { "Backspace", KEYS_BACKSPACE },
	{ "PgUp", KEYS_PAGE_UP }, { "PgDn", KEYS_PAGE_DOWN }, { "Return", '\n' },
	{ "Delete", KEYS_DELETE }, { "Insert", KEYS_INSERT },
};

int
keys_parse(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (strcasecmp(key_names[i].name, s) == 0)
			return key_names[i].key;
	if (s[0] == 'C' && s[1] == '-' && s[2] != '\0' && s[3] == '\0')
		return CTRL(s[2]);
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9' &&
	    (s[2] == '\0' || (s[2] >= '0' && s[2] <= '2' && s[1] == '1' && s[3] == '\0')))
		return KEYS_F1 - 1 + (s[2] ? 10 + s[2] - '0' : s[1] - '0');
	if (c >= 0x21 && c < 0x7f && s[1] == '\0')
		return c;
	return -1;
}

int
keys_bind(struct keymap *km, const char *key, const char *action, struct err *e)
{
	int k = keys_parse(key);
	enum action a = action_by_name(action);
	size_t i;

	if (k < 0)
		return err_set(e, _("unknown key '%s'"), key);
	if (a == ACT_NONE)
		return err_set(e, _("unknown action '%s'"), action);
	for (i = 0; i < km->n; i++)
		if (km->v[i].key == k)
			break;
	if (i == KEYS_MAX_BINDINGS)
		return err_set(e, _("too many key bindings"));
	km->v[i].key = k;
	km->v[i].act = a;
	if (i == km->n)
		km->n++;
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
	if (k >= KEYS_F1 && k <= KEYS_F12)
		snprintf(out, outsz, "F%d", k - KEYS_F1 + 1);
	else if (k == '\r' || k == KEYS_ENTER)
		;                       /* shown as Enter */
	else if (k < 0x20)
		snprintf(out, outsz, "C-%c", k + 0x60);
	else if (k < 0x7f)
		snprintf(out, outsz, "%c", k);
}

/* Whether all ten digits do a; they are then shown as "0-9". */
static int
digits_bound_to(const struct keymap *km, enum action a)
{
	for (int d = '0'; d <= '9'; d++)
		if (keys_lookup(km, d) != a)
			return 0;
	return 1;
}

void
keys_describe(const struct keymap *km, enum action a, char *out, size_t outsz)
{
	size_t len = 0;
	int digits = digits_bound_to(km, a), digits_done = 0;

	out[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		char k[16];
		int key = km->v[i].key;

		if (km->v[i].act != a || keys_lookup(km, key) != a)
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
