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
	{ 'q', ACT_QUIT }, { 'h', ACT_QUIT }, { KEY_LEFT, ACT_QUIT }, { 27, ACT_QUIT },
	{ 'j', ACT_DOWN }, { KEY_DOWN, ACT_DOWN }, { CTRL('n'), ACT_DOWN },
	{ 'k', ACT_UP }, { KEY_UP, ACT_UP }, { CTRL('p'), ACT_UP },
	{ ' ', ACT_PAGE_DOWN }, { KEY_NPAGE, ACT_PAGE_DOWN }, { CTRL('f'), ACT_PAGE_DOWN },
	{ 'b', ACT_PAGE_UP }, { KEY_PPAGE, ACT_PAGE_UP }, { CTRL('b'), ACT_PAGE_UP },
	{ 'g', ACT_TOP }, { KEY_HOME, ACT_TOP }, { '<', ACT_TOP },
	{ 'G', ACT_BOTTOM }, { KEY_END, ACT_BOTTOM }, { '>', ACT_BOTTOM },
	{ '\n', ACT_OPEN }, { '\r', ACT_OPEN }, { KEY_ENTER, ACT_OPEN }, { 'l', ACT_OPEN },
	{ KEY_RIGHT, ACT_OPEN },
	{ '\t', ACT_NEXT_TAB }, { ']', ACT_NEXT_TAB },
	{ KEY_BTAB, ACT_PREV_TAB }, { '[', ACT_PREV_TAB },
	{ 'J', ACT_NEXT_ART }, { 'n', ACT_NEXT_ART },
	{ 'K', ACT_PREV_ART }, { 'p', ACT_PREV_ART },
	{ 'r', ACT_RELOAD }, { 'R', ACT_RELOAD_ALL }, { 's', ACT_STAR }, { 'u', ACT_TOGGLE_READ },
	{ '?', ACT_HELP }, { CTRL('l'), ACT_REDRAW },
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

enum action
keys_lookup(int key)
{
	for (size_t i = 0; i < MAX_BINDINGS && bindings[i].act != ACT_NONE; i++)
		if (bindings[i].key == key)
			return bindings[i].act;
	return ACT_NONE;
}

static const struct { const char *name; int key; } key_names[] = {
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PageUp", KEY_PPAGE }, { "PageDown", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "Enter", '\n' },
	{ "Tab", '\t' }, { "BackTab", KEY_BTAB }, { "Esc", 27 }, { "Space", ' ' },
	{ "Backspace", KEY_BACKSPACE },
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
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (key_names[i].key == k) {
			snprintf(out, outsz, "%s", key_names[i].name);
			return;
		}
	if (k == '\r' || k == KEY_ENTER)
		snprintf(out, outsz, "%s", "");
	else if (k < 0x20)
		snprintf(out, outsz, "C-%c", k + 0x60);
	else if (k < 0x7f)
		snprintf(out, outsz, "%c", k);
	else
		snprintf(out, outsz, "%s", "");
}

void
keys_describe(enum action a, char *out, size_t outsz)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < MAX_BINDINGS && bindings[i].act != ACT_NONE; i++) {
		char k[16];

		if (bindings[i].act != a)
			continue;
		key_text(bindings[i].key, k, sizeof k);
		if (k[0] == '\0')
			continue;
		len += (size_t)snprintf(out + len, outsz > len ? outsz - len : 0,
		                        "%s%s", len ? " " : "", k);
		if (len >= outsz)
			break;
	}
}
