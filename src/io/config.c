/* config.c — the config file (see config.h), read with libyaml's document
 * API: the file is small (at most CONFIG_MAX_BYTES, nested at most
 * GUARD_YAML_DEPTH deep, both checked first), so a tree is simpler than events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>
#include "chorus/config.h"
#include "chorus/i18n.h"
#include "guard.h"
#include "../util/xdg.h"

/* Far beyond any real config file (a few hundred bytes, keys: included). */
#define CONFIG_MAX_BYTES (64 * 1024)

static void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->theme, sizeof c->theme, "default");
}

static const char *scalar(yaml_document_t *d, yaml_node_t *n)
{
	(void)d;
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A whole number 0..max, or -1. */
static int number(const char *v, int max)
{
	if (!v || !*v)
		return -1;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n > max ? -1 : (int)n;
}

static int bad(struct err *e, const struct config *c, yaml_node_t *n, const char *what)
{
	return err_set(e, CH_INVALID, "%s:%lu:%lu: %s", c->path,
		       (unsigned long)n->start_mark.line + 1, (unsigned long)n->start_mark.column + 1, what);
}

static int read_wip(yaml_document_t *d, yaml_node_t *map, struct config *c, struct err *e)
{
	static const char *names[] = { "inbox", "editing", "ready", "shared" };
	if (map->type != YAML_MAPPING_NODE)
		return bad(e, c, map, _("wip: expected a mapping such as { editing: 5 }"));
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key), *v = yaml_document_get_node(d, p->value);
		const char *key = scalar(d, k);
		int i = 0;
		while (key && i < 4 && strcmp(key, names[i]) != 0)
			i++;
		if (!key || i == 4)
			return bad(e, c, k, _("wip: expected inbox, editing, ready or shared"));
		int n = number(scalar(d, v), 100000);
		if (n < 0)
			return bad(e, c, v, _("wip: expected a whole number"));
		c->wip[i] = n;
	}
	return CH_OK;
}

/* keys: { PANEL: { ACTION: KEY } }.  Only the shape and the lengths are
 * checked here; the names mean something only to the TUI's key tables, which
 * check them (tui_keys_config) with the line and column kept for each. */
static int read_keys(yaml_document_t *d, yaml_node_t *map, struct config *c, struct err *e)
{
	const char *empty = scalar(d, map);
	if (empty && !*empty)
		return CH_OK;   /* "keys:" with nothing under it */
	if (map->type != YAML_MAPPING_NODE)
		return bad(e, c, map, _("keys: expected a mapping of panels such as { board: { take: T } }"));
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *pk = yaml_document_get_node(d, p->key), *pv = yaml_document_get_node(d, p->value);
		const char *panel = scalar(d, pk);
		if (!panel || !*panel || strlen(panel) >= sizeof c->keys[0].panel)
			return bad(e, c, pk, _("keys: expected a panel name (board, inbox, detail, strategy, global, ...)"));
		if (!pv || pv->type != YAML_MAPPING_NODE)
			return bad(e, c, pv ? pv : pk, _("keys: expected a mapping of action to key, such as { take: T }"));
		for (yaml_node_pair_t *q = pv->data.mapping.pairs.start; q < pv->data.mapping.pairs.top; q++) {
			yaml_node_t *ak = yaml_document_get_node(d, q->key), *av = yaml_document_get_node(d, q->value);
			const char *action = scalar(d, ak), *key = scalar(d, av);
			if (!action || !*action || strlen(action) >= sizeof c->keys[0].action)
				return bad(e, c, ak, _("keys: expected an action name"));
			if (!key || !*key || strlen(key) >= sizeof c->keys[0].key)
				return bad(e, c, av ? av : ak, _("keys: expected a key such as A, C-x, Enter, F5"));
			if (c->nkeys == CONFIG_KEYS_MAX)
				return bad(e, c, ak, _("keys: too many keys (at most 128)"));
			struct config_key *k = &c->keys[c->nkeys++];
			snprintf(k->panel, sizeof k->panel, "%s", panel);
			snprintf(k->action, sizeof k->action, "%s", action);
			snprintf(k->key, sizeof k->key, "%s", key);
			k->line = (unsigned)av->start_mark.line + 1;
			k->column = (unsigned)av->start_mark.column + 1;
		}
	}
	return CH_OK;
}

static int read_tree(yaml_document_t *d, struct config *c, struct err *e)
{
	yaml_node_t *root = yaml_document_get_root_node(d);
	if (!root)
		return CH_OK;  /* an empty file */
	if (root->type != YAML_MAPPING_NODE)
		return bad(e, c, root, _("expected a mapping of settings"));
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key), *v = yaml_document_get_node(d, p->value);
		const char *key = scalar(d, k), *val = scalar(d, v);
		int st = CH_OK;
		if (!key)
			st = bad(e, c, k, _("expected a setting name"));
		else if (strcmp(key, "database") == 0) {
			if (!val)
				st = bad(e, c, v, _("database: expected a path"));
			else
				snprintf(c->database, sizeof c->database, "%s", val);
		} else if (strcmp(key, "theme") == 0) {
			if (!val)
				st = bad(e, c, v, _("theme: expected a name"));
			else
				snprintf(c->theme, sizeof c->theme, "%s", val);
		} else if (strcmp(key, "refresh_seconds") == 0) {
			int n = number(val, 3600);
			if (n < 1)
				st = bad(e, c, v, _("refresh_seconds: expected a whole number from 1 to 3600"));
			else
				c->refresh_seconds = n;
		} else if (strcmp(key, "start_panel") == 0) {
			if (!val || !val[0] || strlen(val) >= sizeof c->start_panel)
				st = bad(e, c, v, _("start_panel: expected the name of a panel"));
			else {
				snprintf(c->start_panel, sizeof c->start_panel, "%s", val);
				c->start_line = (unsigned)v->start_mark.line + 1;
				c->start_column = (unsigned)v->start_mark.column + 1;
			}
		} else if (strcmp(key, "wip") == 0)
			st = read_wip(d, v, c, e);
		else if (strcmp(key, "keys") == 0)
			st = read_keys(d, v, c, e);
		else
			st = bad(e, c, k, _("unknown setting (known: database, theme, refresh_seconds, wip, keys, start_panel)"));
		if (st != CH_OK)
			return st;
	}
	return CH_OK;
}

int config_parse(const char *buf, size_t len, const char *name, struct config *c, struct err *e)
{
	config_defaults(c);
	snprintf(c->path, sizeof c->path, "%s", name);
	if (len > CONFIG_MAX_BYTES)
		return err_set(e, CH_INVALID, _("%s: too large for the configuration file: %zu bytes, at most %d"),
			       name, len, CONFIG_MAX_BYTES);
	int st = guard_yaml_depth(buf, len, name, e);
	if (st == CH_OK) {
		yaml_parser_t parser;
		yaml_document_t doc;
		if (!yaml_parser_initialize(&parser))
			return err_set(e, CH_UNUSABLE, _("out of memory"));
		yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
		if (!yaml_parser_load(&parser, &doc)) {
			st = err_set(e, CH_INVALID, "%s:%lu:%lu: %s", name,
				     (unsigned long)parser.problem_mark.line + 1,
				     (unsigned long)parser.problem_mark.column + 1,
				     parser.problem ? parser.problem : _("not valid YAML"));
		} else {
			st = read_tree(&doc, c, e);
			yaml_document_delete(&doc);
		}
		yaml_parser_delete(&parser);
	}
	if (st != CH_OK) {
		config_defaults(c);
		snprintf(c->path, sizeof c->path, "%s", name);
	}
	return st;
}

int config_load(struct config *c, struct err *e)
{
	config_defaults(c);
	const char *env = getenv("CHORUS_CONFIG");
	char path[PATH_MAX] = "";
	if (env && *env)
		snprintf(path, sizeof path, "%s", env);
	else
		xdg_path(XDG_CONFIG, "config.yaml", path, sizeof path);   /* none: "" */
	struct stat sb;
	if (!path[0] || (stat(path, &sb) != 0 && errno == ENOENT))
		return CH_OK;   /* no file: every setting has its default */
	char *buf = NULL;
	size_t len = 0;
	int st = guard_read_file(path, _("the configuration file"), CONFIG_MAX_BYTES, &buf, &len, e);
	if (st == CH_OK)
		st = config_parse(buf, len, path, c, e);
	else
		snprintf(c->path, sizeof c->path, "%s", path);
	free(buf);
	return st;
}
