/* completion.c — `chorus completion bash|zsh` prints the shell's completion
 * script; `chorus completion words N WORD...` prints what completes word N
 * of a command line, one candidate a line.  The scripts only ask the second:
 * what a word can be is read from the tables --help prints (every command's
 * usage and help text, and the global options), so completion cannot fall
 * behind a command or an option.  Logins, platforms, pillars, campaigns and
 * teams come from the database the line names (--db, else the usual rules). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/focus_group.h"
#include "chorus/people.h"
#include "chorus/strategy.h"
#include "chorus/i18n.h"
#include "commands.h"

/* What a word can be. */
enum kind {
	K_NONE,      /* nothing to offer (free text, an id, a date) */
	K_FLAG,      /* an option that takes no value */
	K_FIXED,     /* one of the words in fixed[] */
	K_FILE,
	K_LOGIN, K_PLATFORM, K_PILLAR, K_CAMPAIGN, K_TEAM, K_THEME, K_THEME_OR_FILE,
	K_STAGE, K_ROLE,
	K_KIND,      /* a kind of content (content_kinds) */
	K_GROUP,     /* a focus group in use */
	K_TYPE,      /* a message type of the strategy */
};

struct optdef {
	char name[40];           /* "--format" */
	enum kind kind;
	char fixed[96];          /* K_FIXED: "text|csv|json" */
};

#define MAX_OPTS 48
#define MAX_SUBS 24

/* --- reading the tables ----------------------------------------------------------------- */

/* The kind of an option's value from its name (the metavariable says only
 * that there is one). */
static enum kind value_kind(const char *opt)
{
	static const struct { const char *opt; enum kind kind; } names[] = {
		{ "--as", K_LOGIN }, { "--master", K_LOGIN }, { "--platform", K_PLATFORM },
		{ "--pillar", K_PILLAR }, { "--campaign", K_CAMPAIGN }, { "--team", K_TEAM },
		{ "--theme", K_THEME }, { "--db", K_FILE }, { "--body-file", K_FILE }, { "--text-file", K_FILE },
		{ "--media", K_FILE }, { "--stage", K_STAGE }, { "--roles", K_ROLE },
		{ "--kind", K_KIND },
		{ "--to", K_LOGIN },
		{ "--owner", K_LOGIN }, { "--groups", K_GROUP }, { "--group", K_GROUP },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].opt, opt) == 0)
			return names[i].kind;
	return K_NONE;
}

/* A positional metavariable's kind; sub is the subcommand it follows. */
static enum kind meta_kind(const char *meta, const char *sub)
{
	if (strcmp(meta, "LOGIN") == 0)
		return K_LOGIN;
	if (strcmp(meta, "GROUP") == 0)
		return K_GROUP;
	if (strcmp(meta, "NAME|FILE") == 0)
		return K_THEME_OR_FILE;
	if (strncmp(meta, "FILE", 4) == 0 || strcmp(meta, "PATH") == 0)
		return K_FILE;
	if (strcmp(meta, "NAME") == 0 && sub && strcmp(sub, "pillar") == 0)
		return K_PILLAR;
	if (strcmp(meta, "NAME") == 0 && sub && strcmp(sub, "campaign") == 0)
		return K_CAMPAIGN;
	if (strcmp(meta, "NAME") == 0 && sub && strcmp(sub, "type") == 0)
		return K_TYPE;
	return K_NONE;
}

static int is_word(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A fixed choice such as "text|csv|json" (lower-case words and '|'). */
static int is_choice(const char *s, size_t n)
{
	if (!memchr(s, '|', n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)s[i]) && s[i] != '|')
			return 0;
	return 1;
}

/* Every --option of text, with what follows it: a metavariable or a choice
 * (it takes a value), or two spaces, an end of line or ']' (a flag).  An
 * option named in a sentence ("unless --db names another") is not one. */
static void scan_options(const char *text, struct optdef *o, int *n)
{
	for (const char *p = text; (p = strstr(p, "--")); ) {
		if (p > text && !strchr(" \t\n[|", p[-1])) {
			p += 2;
			continue;
		}
		const char *q = p + 2;
		while (islower((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '-')
			q++;
		size_t len = (size_t)(q - p);
		if (len <= 2 || len >= sizeof o->name) {
			p = q;
			continue;
		}
		struct optdef d = { .kind = K_FLAG };
		memcpy(d.name, p, len);
		d.name[len] = 0;
		if (*q == ' ' && q[1] != ' ' && q[1] != '\n' && q[1]) {
			const char *v = q + 1, *e = v;
			while (*e && !strchr(" ]\n", *e))
				e++;
			size_t vn = (size_t)(e - v);
			if (is_choice(v, vn) && vn < sizeof d.fixed) {
				d.kind = K_FIXED;
				memcpy(d.fixed, v, vn);
				d.fixed[vn] = 0;
			} else if (isupper((unsigned char)*v)) {
				d.kind = value_kind(d.name);
			} else {
				p = q;
				continue;        /* prose */
			}
		} else if (*q && !strchr(" \n]=,", *q)) {
			p = q;
			continue;
		}
		int k = 0;
		while (k < *n && strcmp(o[k].name, d.name) != 0)
			k++;
		if (k == *n && *n < MAX_OPTS)
			o[(*n)++] = d;
		else if (k < *n && (o[k].kind == K_FLAG || o[k].kind == K_NONE) && d.kind != K_FLAG)
			o[k] = d;            /* "--mode MODE" in help, "--mode local|share" in usage */
		p = q;
	}
}

/* The usage's alternatives at the top level ("list | show ID | ..."), each
 * copied into alt[] (at most max). */
static int alternatives(const char *usage, char alt[][160], int max)
{
	int n = 0, depth = 0;
	size_t len = 0;
	for (const char *p = usage;; p++) {
		if (!*p || (*p == '|' && depth == 0)) {
			while (len && alt[n][len - 1] == ' ')
				len--;
			alt[n][len] = 0;
			const char *s = alt[n];
			while (*s == ' ')
				s++;
			memmove(alt[n], s, strlen(s) + 1);
			if (++n == max || !*p)
				break;
			len = 0;
			continue;
		}
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth > 0)
			depth--;
		if (len + 1 < 160)
			alt[n][len++] = *p;
	}
	return n;
}

/* The subcommands of a command: the first word of each alternative when it
 * is a lower-case word ("take|approve|back ID" gives three). */
static int subcommands(const struct cli_command *cmd, char subs[][24], char forms[][160])
{
	char alt[MAX_SUBS][160];
	int na = alternatives(cmd->usage, alt, MAX_SUBS), n = 0;
	for (int i = 0; i < na; i++) {
		size_t w = strcspn(alt[i], " ");
		if (!is_word(alt[i], w) || w >= 24)
			continue;
		memcpy(subs[n], alt[i], w);
		subs[n][w] = 0;
		snprintf(forms[n], 160, "%.159s", alt[i]);
		/* "take|approve|back|forward ID": the words before it share its form */
		for (int k = n; k > 0 && !strchr(forms[k - 1], ' '); k--)
			snprintf(forms[k - 1], 160, "%.23s%.130s", subs[k - 1], alt[i] + w);
		n++;
	}
	return n;
}

/* The k-th positional metavariable of a form ("set LOGIN [OPTIONS]": 0 is
 * LOGIN), options and their values skipped; brackets are no matter. */
static enum kind positional(const char *form, const char *sub, int k)
{
	char buf[160];
	snprintf(buf, sizeof buf, "%s", form);
	int at = -1, after_opt = 0;
	for (char *save = NULL, *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		while (*t == '[')
			t++;
		char *end = t + strlen(t);
		while (end > t && (end[-1] == ']' || end[-1] == '.'))
			*--end = 0;
		if (!*t)
			continue;
		if (strncmp(t, "--", 2) == 0) {
			after_opt = 1;
			continue;
		}
		if (after_opt && isupper((unsigned char)*t)) {
			after_opt = 0;
			continue;
		}
		after_opt = 0;
		if (at++ < 0)
			continue;            /* the subcommand itself */
		if (at - 1 == k)
			return meta_kind(t, sub);
	}
	return K_NONE;
}

/* --- the candidates ---------------------------------------------------------------------- */

struct out {
	const char *prefix;     /* the word being completed */
	const char *lead;       /* printed before each candidate ("--format=") */
	int files;
};

static void offer(struct out *o, const char *word)
{
	if (word && *word && strncmp(word, o->prefix, strlen(o->prefix)) == 0)
		printf("%s%s\n", o->lead, word);
}

static void offer_fixed(struct out *o, const char *fixed)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%s", fixed);
	for (char *save = NULL, *t = strtok_r(buf, "|", &save); t; t = strtok_r(NULL, "|", &save))
		offer(o, t);
}

/* Has a person before i the same team? */
static int team_seen(const struct person *p, int i)
{
	for (int k = 0; k < i; k++)
		if (strcmp(p[k].team, p[i].team) == 0)
			return 1;
	return 0;
}

/* Words from the database: opened quietly (completion prints no errors). */
static void offer_from_db(struct session *c, struct out *o, enum kind kind)
{
	if (!c->opened && session_open_quiet(c) != CH_OK)
		return;
	struct err e = {0};
	struct store *s = &c->store;
	if (kind == K_LOGIN || kind == K_TEAM) {
		struct person *p = NULL;
		int n = 0;
		if (people_list(s, &p, &n, &e) == CH_OK) {
			for (int i = 0; i < n; i++) {
				if (kind == K_LOGIN)
					offer(o, p[i].login);
				else if (p[i].team[0] && !team_seen(p, i))
					offer(o, p[i].team);
			}
		}
		free(p);
	} else if (kind == K_PLATFORM || kind == K_PILLAR || kind == K_TYPE) {
		struct strategy st;
		memset(&st, 0, sizeof st);
		if (strategy_load(s, &st, &e) == CH_OK) {
			if (kind == K_PLATFORM)
				for (int i = 0; i < st.nplatforms; i++)
					offer(o, st.platforms[i].key);
			else if (kind == K_TYPE)
				for (int i = 0; i < st.nmessage_types; i++)
					offer(o, st.message_types[i].name);
			else
				for (int i = 0; i < st.npillars; i++)
					offer(o, st.pillars[i].name);
			strategy_free(&st);
		}
	} else if (kind == K_GROUP) {
		struct focus_group *g = NULL;
		int n = 0;
		if (focus_group_list(s, 0, &g, &n, &e) == CH_OK)
			for (int i = 0; i < n; i++)
				offer(o, g[i].name);
		free(g);
	} else if (kind == K_CAMPAIGN) {
		struct campaign *v = NULL;
		int n = 0;
		if (campaign_list(s, &v, &n, &e) == CH_OK) {
			for (int i = 0; i < n; i++)
				offer(o, v[i].name);
			campaign_list_free(v, n);
		}
	}
}

static void offer_kind(struct session *c, struct out *o, enum kind kind, const char *fixed)
{
	switch (kind) {
	case K_FIXED:
		offer_fixed(o, fixed);
		break;
	case K_FILE:
		o->files = 1;
		break;
	case K_THEME_OR_FILE:
		o->files = 1;
		/* fall through */
	case K_THEME: {
		char **names = NULL;
		int n = 0;
		cli_theme_names(&names, &n);
		for (int i = 0; i < n; i++) {
			offer(o, names[i]);
			free(names[i]);
		}
		free(names);
		break;
	}
	case K_STAGE:
		for (int st = 0; st < STAGE_COUNT; st++)
			offer(o, stage_name((enum stage)st));
		break;
	case K_ROLE:
		offer_fixed(o, "master|editor|creator|publisher");
		break;
	case K_KIND:
		for (int i = 0; content_kinds[i]; i++)
			offer(o, content_kinds[i]);
		break;
	case K_LOGIN: case K_PLATFORM: case K_PILLAR: case K_CAMPAIGN: case K_TEAM: case K_GROUP: case K_TYPE:
		offer_from_db(c, o, kind);
		break;
	default:
		break;
	}
}

static const struct optdef *find_opt(const struct optdef *o, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(o[i].name) == len && strncmp(o[i].name, name, len) == 0)
			return &o[i];
	return NULL;
}

/* Offer the value of an option, or the options themselves. */
static int complete_option_word(struct session *c, struct out *o, const char *cur, const struct optdef *opts, int nopts)
{
	const char *eq = strchr(cur, '=');
	if (strncmp(cur, "--", 2) == 0 && eq) {
		const struct optdef *d = find_opt(opts, nopts, cur, (size_t)(eq - cur));
		char lead[48];
		snprintf(lead, sizeof lead, "%.*s=", (int)(eq - cur), cur);
		struct out v = { eq + 1, lead, 0 };
		if (d)
			offer_kind(c, &v, d->kind, d->fixed);
		o->files |= v.files;
		return 1;
	}
	if (cur[0] != '-')
		return 0;
	for (int i = 0; i < nopts; i++)
		offer(o, opts[i].name);
	return 1;
}

/* words[0..n-1] as the shell split them, cur = words[at]. */
static int complete(struct session *c, int at, int n, char **words)
{
	struct optdef gopts[MAX_OPTS];
	int ngopts = 0;
	scan_options(CLI_GLOBAL_USAGE " [--version] [--help]", gopts, &ngopts);
	const char *cur = at < n ? words[at] : "";
	/* bash splits "--db=x" into "--db", "=", "x": the value is "x" */
	int after_eq = strcmp(cur, "=") == 0;
	if (after_eq)
		cur = "";
	struct out o = { cur, "", 0 };

	/* The global options, then the command. */
	const struct cli_command *cmd = NULL;
	int i = 1;
	const struct optdef *pending = NULL;
	for (; i < at; i++) {
		const char *w = words[i];
		if (strcmp(w, "=") == 0)
			continue;
		if (pending) {
			if (strcmp(pending->name, "--db") == 0)
				c->db_opt = w;
			pending = NULL;
			continue;
		}
		if (w[0] == '-') {
			const char *eq = strchr(w, '=');
			const struct optdef *d = find_opt(gopts, ngopts, w, eq ? (size_t)(eq - w) : strlen(w));
			if (d && eq && strcmp(d->name, "--db") == 0)
				c->db_opt = eq + 1;
			else if (d && d->kind != K_FLAG && !eq)
				pending = d;
			continue;
		}
		for (size_t k = 0; k < cli_ncommands && !cmd; k++)
			if (strcmp(cli_commands[k]->name, w) == 0)
				cmd = cli_commands[k];
		break;
	}
	if (!cmd) {
		if (pending || (after_eq && i == at && at > 1)) {
			const struct optdef *d = pending ? pending
				: find_opt(gopts, ngopts, words[at - 1], strlen(words[at - 1]));
			if (d)
				offer_kind(c, &o, d->kind, d->fixed);
		} else if (!complete_option_word(c, &o, cur, gopts, ngopts)) {
			for (size_t k = 0; k < cli_ncommands; k++)
				offer(&o, cli_commands[k]->name);
		}
		return o.files;
	}

	/* The command's own words. */
	struct optdef opts[MAX_OPTS];
	int nopts = 0;
	scan_options(cmd->usage, opts, &nopts);
	if (cmd->help)
		scan_options(cmd->help, opts, &nopts);
	char subs[MAX_SUBS][24], forms[MAX_SUBS][160];
	int nsubs = subcommands(cmd, subs, forms), sub = -1, npos = 0;
	pending = NULL;
	for (i++; i < at; i++) {
		const char *w = words[i];
		if (strcmp(w, "=") == 0)
			continue;
		if (pending) {
			pending = NULL;
			continue;
		}
		if (w[0] == '-' && w[1]) {
			const char *eq = strchr(w, '=');
			const struct optdef *d = find_opt(opts, nopts, w, eq ? (size_t)(eq - w) : strlen(w));
			if (d && d->kind != K_FLAG && !eq)
				pending = d;
			continue;
		}
		if (nsubs > 0 && sub < 0) {
			for (int k = 0; k < nsubs && sub < 0; k++)
				if (strcmp(subs[k], w) == 0)
					sub = k;
			continue;
		}
		npos++;
	}
	if (after_eq && !pending && at > 1)
		pending = find_opt(opts, nopts, words[at - 1], strlen(words[at - 1]));
	if (pending) {
		offer_kind(c, &o, pending->kind, pending->fixed);
		return o.files;
	}
	if (complete_option_word(c, &o, cur, opts, nopts))
		return o.files;
	if (nsubs > 0 && sub < 0) {
		for (int k = 0; k < nsubs; k++)
			offer(&o, subs[k]);
		return o.files;
	}
	if (nsubs > 0)
		offer_kind(c, &o, positional(forms[sub], subs[sub], npos), NULL);
	else {
		/* no subcommands: "check [FILE|-]" is positional 0 of "check FILE|-" */
		char form[176];
		snprintf(form, sizeof form, "%s %s", cmd->name, cmd->usage);
		offer_kind(c, &o, positional(form, NULL, npos), NULL);
	}
	return o.files;
}

/* --- the scripts ------------------------------------------------------------------------- */

static const char bash_script[] =
	"# bash completion for chorus(1); made by 'chorus completion bash'.\n"
	"# chorus itself says what completes a word: 'chorus completion words N WORD...'.\n"
	"_chorus()\n"
	"{\n"
	"\tlocal IFS=$'\\n' line files=0\n"
	"\tCOMPREPLY=()\n"
	"\tfor line in $(command \"${COMP_WORDS[0]}\" completion words \"$COMP_CWORD\" \"${COMP_WORDS[@]}\" 2>/dev/null); do\n"
	"\t\tif [ \"$line\" = @files ]; then files=1; else printf -v line %q \"$line\"; COMPREPLY+=(\"$line\"); fi\n"
	"\tdone\n"
	"\tif [ \"$files\" = 1 ]; then\n"
	"\t\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n"
	"\t\t[ \"$cur\" = = ] && cur=\n"
	"\t\tCOMPREPLY+=($(compgen -f -- \"$cur\"))\n"
	"\t\tcompopt -o filenames 2>/dev/null\n"
	"\tfi\n"
	"\treturn 0\n"
	"}\n"
	"complete -F _chorus chorus\n";

static const char zsh_script[] =
	"#compdef chorus\n"
	"# zsh completion for chorus(1); made by 'chorus completion zsh'.\n"
	"# chorus itself says what completes a word: 'chorus completion words N WORD...'.\n"
	"_chorus() {\n"
	"\tlocal line files=0\n"
	"\tlocal -a cands\n"
	"\tfor line in ${(f)\"$(command ${words[1]} completion words $((CURRENT - 1)) \"${(@)words}\" 2>/dev/null)\"}; do\n"
	"\t\tif [[ $line == @files ]]; then files=1; else cands+=(\"$line\"); fi\n"
	"\tdone\n"
	"\t(( ${#cands} )) && compadd -- \"${(@)cands}\"\n"
	"\t(( files )) && _files\n"
	"\treturn 0\n"
	"}\n"
	"_chorus \"$@\"\n";

static int run(struct session *c, int argc, char **argv)
{
	if (argc >= 2 && argv[1][0] == '-')
		return cli_usage(&cmd_completion, _("unknown option %s"), argv[1]);
	if (argc == 2 && strcmp(argv[1], "bash") == 0) {
		fputs(bash_script, stdout);
		return CH_OK;
	}
	if (argc == 2 && strcmp(argv[1], "zsh") == 0) {
		fputs(zsh_script, stdout);
		return CH_OK;
	}
	if (argc >= 4 && strcmp(argv[1], "words") == 0) {
		char *end;
		long at = strtol(argv[2], &end, 10);
		if (*end || at < 0 || at > argc - 3)
			return cli_usage(&cmd_completion, _("words: N must be a word's index (0 to %d)"), argc - 3);
		if (complete(c, (int)at, argc - 3, argv + 3))
			puts(NT_("@files"));
		return CH_OK;
	}
	return cli_usage(&cmd_completion, _("say bash, zsh, or words N WORD..."));
}

const struct cli_command cmd_completion = {
	"completion", "bash | zsh | words N WORD...",
	N_("print the shell completion script for bash or zsh"),
	N_("  bash                the script for bash: eval \"$(chorus completion bash)\"\n"
	"                      in ~/.bashrc (make install puts it where bash-completion finds it)\n"
	"  zsh                 the script for zsh: save it as _chorus in a directory of $fpath\n"
	"  words N WORD...     what completes WORD number N of the command line WORD...\n"
	"                      (the scripts ask this; candidates one a line, @files for file names)\n"),
	run,
};
