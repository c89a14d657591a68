/* keys.c — the names of keys, and the config file's keys: laid over the
 * panels' key tables.
 *
 * The tables stay in each panel's file, const, next to the functions they
 * call: they are the defaults.  An override from the config file is kept
 * here as (entry, key), and every lookup — the dispatch, the ? help,
 * `chorus keys` and so the manual — asks for the key an entry has now.  The
 * config file's names are the tables' panel and action names, so there is
 * no second list to drift.  An override replaces both keys of its entry (an
 * arrow-key alternative too), so any key can be freed by moving its action. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chorus/config.h"
#include "tui.h"
#include "ui.h"

/* Names a config file may use, and help shows; the first of a code wins. */
static const struct {
	const char *name;
	int code;
} named_keys[] = {
	{ "Enter", '\r' }, { "Enter", KEY_ENTER }, { "Tab", '\t' }, { "S-Tab", KEY_BTAB },
	{ "Esc", 27 }, { "Space", ' ' }, { "Backspace", KEY_BACKSPACE }, { "Delete", KEY_DC },
	{ "Insert", KEY_IC }, { "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT },
	{ "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME },
	{ "End", KEY_END },
};
#define NAMED (sizeof named_keys / sizeof named_keys[0])

/* The tables: the global keys first, under the name "global", then each
 * panel's, in the order of the panel registry (ui_panels), then the forms'. */
static size_t npanels(void)
{
	size_t n = 0;
	while (ui_panels[n])
		n++;
	return n;
}
#define NTABLES (npanels() + 2)
#define FORM_TABLE (npanels() + 1)

static const char *table_name(size_t i)
{
	return i == 0 ? "global" : i == FORM_TABLE ? "form" : ui_panels[i - 1]->name;
}

static const struct keydef *table_keys(size_t i)
{
	return i == 0 ? app_global_keys : i == FORM_TABLE ? ui_form_keys : ui_panels[i - 1]->keys;
}

static struct override {
	const struct keydef *def;
	int key;
	int from;             /* index into the config's keys, for messages */
	size_t table;
} ov[CONFIG_KEYS_MAX];
static int nov;

static struct override *ov_find(const struct keydef *k)
{
	for (int i = 0; i < nov; i++)
		if (ov[i].def == k)
			return &ov[i];
	return NULL;
}

static int key_of(const struct keydef *k)
{
	const struct override *o = ov_find(k);
	return o ? o->key : k->key;
}

static int key2_of(const struct keydef *k)
{
	return ov_find(k) ? 0 : k->key2;
}

const char *ui_key_name(int code, char *buf, size_t n)
{
	buf[0] = 0;
	for (size_t i = 0; i < NAMED; i++)
		if (named_keys[i].code == code) {
			snprintf(buf, n, "%s", named_keys[i].name);
			return buf;
		}
	if (code > ' ' && code < 127)
		snprintf(buf, n, "%c", code);
	else if (code >= 1 && code <= 26)
		snprintf(buf, n, "C-%c", 'a' + code - 1);
	else if (code >= KEY_F(1) && code <= KEY_F(12))
		snprintf(buf, n, "F%d", code - KEY_F(0));
	return buf;
}

/* The code of a key name, or -1: one printable ASCII character (case
 * matters), C-x for a control key, F1..F12, or a name of named_keys (case
 * does not matter). */
static int key_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 1 && s[0] > ' ' && s[0] < 127)
		return s[0];
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
		char c = s[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if ((s[0] == 'F' || s[0] == 'f') && (n == 2 || n == 3) && s[1] >= '1' && s[1] <= '9') {
		int f = s[1] - '0';
		if (n == 3) {
			if (s[2] < '0' || s[2] > '9')
				return -1;
			f = f * 10 + s[2] - '0';
		}
		return f <= 12 ? KEY_F(f) : -1;
	}
	for (size_t i = 0; i < NAMED; i++)
		if (strcasecmp(s, named_keys[i].name) == 0)
			return named_keys[i].code;
	return -1;
}

const struct keydef *ui_key_find(const struct keydef *t, int ch)
{
	for (; t && t->run; t++) {
		int k2 = key2_of(t);
		if (key_of(t) == ch || (k2 && k2 == ch))
			return t;
	}
	return NULL;
}

const char *ui_key_label(const struct keydef *k, char *buf, size_t n)
{
	const struct override *o = ov_find(k);
	if (o)
		return ui_key_name(o->key, buf, n);
	snprintf(buf, n, "%s", k->keyname ? k->keyname : "");
	return buf;
}

const char *ui_action_key(const struct keydef *t, const char *action, char *buf, size_t n)
{
	for (; t && t->run; t++)
		if (t->action && t->keyname && strcmp(t->action, action) == 0)
			return ui_key_label(t, buf, n);
	snprintf(buf, n, "?");
	return buf;
}

/* The action of an entry; a hidden alias has the action of the entry it
 * follows (2..7 are "panel" like 1). */
static const char *action_of(const struct keydef *t, const struct keydef *k)
{
	while (k > t && !k->action)
		k--;
	return k->action ? k->action : "?";
}

static size_t table_find(const char *name)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (strcmp(name, table_name(i)) == 0)
			return i;
	return NTABLES;
}

/* The action names of a table, comma-separated, for a message. */
static void action_list(const struct keydef *t, char *out, size_t n)
{
	size_t o = 0;
	out[0] = 0;
	for (; t && t->run && o < n; t++)
		if (t->action && t->keyname)
			o += (size_t)snprintf(out + o, n - o, "%s%s", o ? ", " : "", t->action);
}

/* "FILE:LINE:COLUMN: keys: PANEL ACTION: what", and no override kept. */
static int key_error(const struct config *cfg, const struct config_key *ck, struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int key_error(const struct config *cfg, const struct config_key *ck, struct err *e, const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	nov = 0;
	return err_set(e, CH_INVALID, NT_("%s:%u:%u: keys: %s %s: %s"), cfg->path, ck->line, ck->column,
		       ck->panel, ck->action, what);
}

/* Does the override o take a key some other entry already has?  A panel's
 * keys are searched before the global ones, so a panel key is checked
 * against its own table and the global one, a global key against all; a
 * form reads only its own keys. */
static int clash(const struct config *cfg, const struct override *o, struct err *e)
{
	for (size_t i = 0; i < NTABLES; i++) {
		int check = o->table == FORM_TABLE ? i == FORM_TABLE
			: o->table == 0 ? i != FORM_TABLE : i == 0 || i == o->table;
		if (!check)
			continue;
		const struct keydef *t = table_keys(i);
		for (const struct keydef *k = t; k && k->run; k++) {
			if (k == o->def || (key_of(k) != o->key && key2_of(k) != o->key))
				continue;
			char name[32];
			const char *kn = ui_key_name(o->key, name, sizeof name);
			return key_error(cfg, &cfg->keys[o->from], e, _("%s is already the key of %s in %s"),
					 kn, action_of(t, k), table_name(i));
		}
	}
	return CH_OK;
}

int tui_keys_config(const struct config *cfg, struct err *e)
{
	nov = 0;
	for (int i = 0; i < cfg->nkeys; i++) {
		const struct config_key *ck = &cfg->keys[i];
		size_t ti = table_find(ck->panel);
		if (ti == NTABLES) {
			char list[256];
			size_t o = 0;
			for (size_t j = 0; j < NTABLES && o < sizeof list; j++)
				o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", j ? ", " : "", table_name(j));
			return key_error(cfg, ck, e, _("no such panel (panels: %s)"), list);
		}
		const struct keydef *t = table_keys(ti), *k = t;
		while (k && k->run && !(k->action && k->keyname && strcmp(k->action, ck->action) == 0))
			k++;
		if (!k || !k->run) {
			char list[512];
			action_list(t, list, sizeof list);
			if (!list[0])
				return key_error(cfg, ck, e, "%s", _("no such action (the panel has no keys yet)"));
			return key_error(cfg, ck, e, _("no such action (%s's actions: %s)"), ck->panel, list);
		}
		if (k[1].run && !k[1].keyname && !k[1].action)   /* a group such as 1-7 */
			return key_error(cfg, ck, e, _("the keys %s cannot be changed"), k->keyname);
		int code = key_code(ck->key);
		if (code < 0)
			return key_error(cfg, ck, e, _("\"%s\" is not a key name (a single character, C-x, Enter, Tab, "
					 "S-Tab, Esc, Space, Backspace, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1..F12)"),
					 ck->key);
		struct override *o = ov_find(k);
		if (!o)
			o = &ov[nov++];
		*o = (struct override){ k, code, i, ti };
	}
	/* Checked once all are in, so two actions may swap their keys. */
	for (int i = 0; i < nov; i++)
		if (clash(cfg, &ov[i], e) != CH_OK)
			return CH_INVALID;
	return CH_OK;
}

void tui_keys_reset(void)
{
	nov = 0;
}

void tui_keys_print(FILE *out)
{
	for (size_t i = 0; i < NTABLES; i++) {
		const struct keydef *t = table_keys(i);
		for (const struct keydef *k = t; k && k->run; k++) {
			if (!k->keyname || !k->action)
				continue;
			char label[64], alt[32];
			ui_key_label(k, label, sizeof label);
			/* The alternative too ("j,Down"), unless it reads the same. */
			int k2 = key2_of(k);
			if (k2 && strcmp(ui_key_name(k2, alt, sizeof alt), label) != 0 && alt[0]) {
				size_t l = strlen(label);
				snprintf(label + l, sizeof label - l, ",%s", alt);
			}
			fprintf(out, "%-10s %-12s %-14s %s\n", table_name(i), label, k->action, k->help ? _(k->help) : "");
		}
	}
}
