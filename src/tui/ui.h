/* ui.h — what the TUI's files share: the app (focus, windows, status line,
 * refresh tick), the panel interface, key tables, and drawing helpers.
 * Not a public header: only src/tui includes it. */
#ifndef CHORUS_TUI_UI_H
#define CHORUS_TUI_UI_H

#include <limits.h>
#include <stdio.h>
#include <curses.h>
#include "chorus/board.h"
#include "chorus/config.h"
#include "chorus/store.h"
#include "chorus/theme.h"
#include "kit.h"

struct app;
struct session;

/* One entry of a panel's key table: drives the key dispatch, the ? help,
 * `chorus keys` (and so the manual's key list) and the config file's names.
 * A table ends with an entry whose run is NULL; an entry without a keyname
 * is a hidden alias (2..7 after 1 for "1-7"; with an action of its own, an
 * old key kept working, such as People's C-r for reload). */
struct keydef {
	int key;
	int key2;              /* an alternative (arrow keys), 0 when none */
	const char *keyname;   /* as shown in help */
	const char *action;    /* the action's name (config files, :commands) */
	const char *help;
	void (*run)(struct app *a);
};

/* An item an action applies to, with the version the user saw: a change
 * made by someone else since then makes the action a conflict. */
struct act_target {
	int64_t id;
	int version;
};

/* One screen: tig's view_ops in miniature.  Every panel is one of these,
 * registered once in ui_panels (app.c): the tabs, :panel NAME, the number
 * keys, the ? help, `chorus keys` and the config file's names all walk it.
 * The generic requests (kit.h) reach a panel through request, or, when it
 * has none or declines, move its list.
 *
 * A panel is an instance: what it holds lives in a state of size bytes that
 * the app allocates (zeroed, then init) for each app and passes to every op;
 * its key functions find it with app_state.  No panel keeps state in
 * file-scope globals. */
struct panel_ops {
	const char *name;      /* "board": for :panel NAME */
	const char *title;     /* "Board": the tab */
	int over;              /* shown over a tab (the detail view), not a tab */
	size_t size;           /* bytes of its state */
	const struct panel_ops *of;   /* a view over that panel's state, not one of its own */
	void (*init)(void *st);                  /* after the zeroing, or NULL */
	void (*open)(struct app *a, void *st);   /* on switching to it; NULL: requery */
	void (*close)(void *st);                 /* free what it holds (at exit) */
	void (*draw)(struct app *a, void *st, WINDOW *w, int rows, int cols);
	void (*requery)(struct app *a, void *st);   /* re-query what is on screen */
	void (*mouse)(struct app *a, void *st, int y, int x, int button);   /* a click (button 1) */
	/* The items an action applies to: the selection, or the tagged ones;
	 * *t is malloc'd (the caller frees it). */
	int (*targets)(struct app *a, void *st, struct act_target **t, int *n);
	/* A generic request the panel answers itself: 1 when it did. */
	int (*request)(struct app *a, void *st, enum ui_req r);
	/* The list the movement requests and the wheel move, or NULL. */
	struct ui_list *(*list)(struct app *a, void *st);
	/* Does line i of that list match text (what / asked for)?  1 or 0;
	 * -1, with the reason in the status line, to stop the search.  With
	 * it, the panel's table has UI_REQ_SEARCH_KEYS and the app searches. */
	int (*match)(struct app *a, void *st, int i, const char *text);
	const struct keydef *keys;
	/* What quitting would lose that was typed here (a text not stored):
	 * 1 with it in words in what (q and :q ask first); 0, or NULL, none. */
	int (*unsaved)(struct app *a, void *st, char *what, size_t n);
};

/* Pillar colours that get a colour pair of their own. */
#define UI_PAIRS_DYN 64

/* How many panels ui_panels may hold. */
#define UI_PANELS_MAX 16

extern const struct panel_ops board_panel, inbox_panel, detail_panel,
	queue_panel, engagement_panel, strategy_panel, campaigns_panel, people_panel;
extern const struct panel_ops mine_panel;
extern const struct panel_ops closed_panel;
extern const struct panel_ops groups_panel;   /* over People (groups.c) */
extern const struct panel_ops messages_panel;   /* an item's messages, over a tab (messages.c) */
/* Every panel, NULL-terminated, in the order of the tabs and `chorus keys`. */
extern const struct panel_ops *const ui_panels[];

/* The generic requests' key entries, the same in every panel's table: each
 * runs app_req_ID, which sends the request to the visible panel. */
#define UI_REQ_DECL(id, action, key, key2, name, help) void app_req_##id(struct app *a);
UI_REQUESTS(UI_REQ_DECL)
UI_SEARCH_REQUESTS(UI_REQ_DECL)
#define UI_REQ_KEY(id, action, key, key2, name, help) { key, key2, name, action, help, app_req_##id },
#define UI_REQ_KEYS UI_REQUESTS(UI_REQ_KEY)
#define UI_REQ_SEARCH_KEYS UI_SEARCH_REQUESTS(UI_REQ_KEY)
/* Send a request to the visible panel (the wheel sends DOWN/UP too). */
void app_request(struct app *a, enum ui_req r);

/* An action on content, kept so that it can be retried while another chorus
 * holds the write lock. */
enum act_kind { ACT_TAKE, ACT_FORWARD, ACT_BACK, ACT_REJECT, ACT_PILLAR, ACT_CAMPAIGN, ACT_COMMENT,
	ACT_ARCHIVE, ACT_RESTORE, ACT_TYPE };
struct act {
	enum act_kind kind;
	struct act_target *items;
	int n;
	char text[1024];       /* reason, pillar, campaign, comment or message type */
};

struct app {
	struct session *cli;
	struct store *s;
	struct config cfg;
	const struct panel_ops *cur;   /* the tab in view */
	const struct panel_ops *over;  /* the detail view on top, or NULL */
	const struct panel_ops *over_from;  /* the view the detail was opened from (z's), back to on close */
	void *state[UI_PANELS_MAX];    /* each panel's state, as ui_panels orders them */
	int last_key;                  /* the key being dispatched */
	WINDOW *top, *main, *bar, *msg;
	int rows, cols, too_small;
	int dirty;                     /* redraw before the next read */
	int quit;
	int help;                      /* the ? overlay is open */
	char search[256];              /* what / last asked for, in search_in */
	const struct panel_ops *search_in;
	struct ui_list help_list;      /* its lines, scrolled */
	int color, utf8;
	struct theme theme;            /* config.yaml's theme:, or --theme */
	struct {                       /* draw.c's colour pairs, made for this screen */
		attr_t role[THEME_ROLES];  /* what each theme role draws with */
		int dyn[UI_PAIRS_DYN];     /* pillar colours, a pair each on first use */
		int ndyn;
	} pairs;
	char hint[800];                /* under the panel while a prompt asks: its choices */
	char status[512];
	int status_err;
	int refresh_ms;
	int64_t signal;                /* the store's change signal last seen */
	int64_t own_seen;              /* store_own_changes when the signal was last brought up to date */
	/* Per panel, as ui_panels orders them: 1 + the freshness token
	 * (app_token) when it was last read; 0 never.  Entering a panel whose
	 * token still holds re-reads nothing. */
	int64_t fresh[UI_PANELS_MAX];
	int64_t last_poll_ms;
	int64_t last_refresh;          /* wall clock of the last re-query */
	/* A write that met the lock: retried on the next ticks. */
	struct act pending;
	int pending_tries;
	int64_t pending_at_ms;
	/* The edit that met someone else's change: [r]eload or [o]verwrite. */
	struct {
		int active;
		int64_t id;
		int version;             /* theirs: overwrite saves on top of it */
		char path[PATH_MAX];     /* the user's text, kept */
	} conflict;
	/* An edit refused (empty title): the next e on that item reopens this file. */
	int64_t keep_id;
	int keep_version;
	char keep_path[PATH_MAX];
	int64_t detail_id;             /* what the detail view shows */
	int tagged_next;               /* ';' was pressed: the next action applies to tagged items */
	/* Work put off until the frame is on screen (the board's policy flags
	 * on the first frame): run once on the next turn of the loop. */
	void (*later)(struct app *a);
	int prefetched;                /* every tab has been read once (app_prefetch) */
	FILE *timing;
	int64_t new_request;           /* the content request new content answers (0: none; mine.c) */
};

/* app.c */
void app_msg(struct app *a, int is_error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Ask for a line in the message line; 1 with buf filled on Enter, 0 on Esc. */
int app_prompt(struct app *a, const char *question, char *buf, size_t n);
/* The same, starting from the text already in buf (to change a value): it
 * is shown selected, so typing replaces it and an arrow key keeps it. */
int app_prompt_edit(struct app *a, const char *question, char *buf, size_t n);
/* What a prompt may check and complete. */
struct ask_opts {
	/* The rule (core's) for the value: 0 when it is fine, else the reason
	 * in why; the prompt then keeps the text for the user to fix. */
	int (*check)(void *ctx, const char *text, char *why, size_t whyn);
	void *ctx;
	const char *const *complete;   /* Tab cycles through those that match */
	int ncomplete;
};
/* The one line editor in the message line (kit.h's ui_line): buf is the
 * starting value (selected) and gets the result, always UTF-8.  1 on
 * Enter with an accepted value, 0 on Esc. */
int app_ask(struct app *a, const char *question, char *buf, size_t n, const struct ask_opts *o);
/* The one reader of keys outside the main loop (prompts, forms, overlays):
 * shows what was drawn, lets the store go idle, waits; a resize lays the
 * windows out again (and is returned, with a->dirty set, for the caller to
 * draw).  wget_wch's result; ERR when the terminal is gone. */
int app_read_key(struct app *a, WINDOW *w, wint_t *wc);
/* Has the person typed something not read yet?  Work done while idle (app
 * later) stops for it. */
int app_input_waiting(void);
void app_requery(struct app *a);             /* re-query the visible panel now */
void app_open_detail(struct app *a, int64_t id);
void app_close_over(struct app *a);
const struct panel_ops *app_visible(const struct app *a);
/* This app's instance of panel p (allocated on first use; NULL only when
 * out of memory); app_panels_free frees them all through their close. */
void *app_state(struct app *a, const struct panel_ops *p);
void app_panels_free(struct app *a);
void app_redraw_all(struct app *a);          /* draw everything (before an editor returns etc.) */
void app_reload_key(struct app *a);          /* r: re-read the visible panel from the database */
extern const struct keydef app_global_keys[];
/* ask.c: the keys of every form ("form" in chorus keys and keys:). */
extern const struct keydef ui_form_keys[];
int64_t app_ms(void);

/* Load the Engagement panel's data ahead of its first visit (when idle). */
void engagement_panel_prefetch(struct app *a);

/* act.c: content actions shared by the board, the inbox and the detail view. */
int act_run(struct app *a, const struct act *act);
/* A panel's targets when the action is for one item (id 0: none). */
int act_target_one(struct app *a, int64_t id, int version, struct act_target **t, int *n);
void act_retry(struct app *a);               /* on the tick, while a write is pending */
void act_key_take(struct app *a);
void act_key_forward(struct app *a);
void act_key_back(struct app *a);
void act_key_reject(struct app *a);
void act_key_pillar(struct app *a);
void act_key_campaign(struct app *a);
void act_key_comment(struct app *a);
void act_key_edit(struct app *a);
void act_key_new(struct app *a);            /* new_content.c */
void act_key_open(struct app *a);
void act_key_archive(struct app *a);
void act_key_restore(struct app *a);
void act_key_undo(struct app *a);            /* u: undo.h's undo_last */
/* closed.c: z, the Rejected/Archived view over the board or the inbox. */
void closed_open_key(struct app *a);

/* mine.c: submit new content, as an answer to a->new_request when set. */
struct submission;
int tui_submit(struct app *a, const struct submission *sub, int64_t *id, struct err *e);
void act_key_type(struct app *a);            /* y: the message type */
/* The one item an action is for (the selection; never the tagged ones); 0 when none. */
int64_t act_single(struct app *a);

/* messages.c: m opens the item's messages over the panel. */
void messages_open_key(struct app *a);

/* editor.c */
void edit_content(struct app *a, int64_t id);
/* The body of a new submission in $EDITOR, then content_submit: refused
 * when empty or holding a NUL byte (the file is kept then, and named). */
struct submission;
void edit_new(struct app *a, const struct submission *sub);
/* Edit a plain text in $EDITOR (the file holds just the text); *out gets
 * the result, trailing blank space trimmed (malloc'd).  0 when the editor
 * ran and the file was read; -1, with the reason in the status line, else. */
int edit_text(struct app *a, const char *text, char **out);
/* While a conflict is open: r, o or anything else.  Returns 1 when it took the key. */
int edit_conflict_key(struct app *a, int ch);

/* draw.c */
/* Sanitise raw, cut to cols with an ellipsis, draw at y,x; pad with spaces to
 * cols when pad.  Returns the width drawn (without padding). */
int ui_text(WINDOW *w, int y, int x, int cols, const char *raw, attr_t attr, int pad);
/* Sanitise raw keeping its newlines, word-wrap it at cols, and draw its
 * wrapped rows from row skip on at y,x, at most rows of them (w NULL: draw
 * nothing).  Returns how many rows the whole text takes, so a caller knows
 * what is hidden above and below. */
int ui_wrapped(WINDOW *w, int y, int x, int rows, int cols, const char *raw, attr_t attr, int skip);
void ui_age(int64_t then, char *out, size_t n);   /* "5m", "3h", "12d" */
/* A list's "N-M of T" at the right end of row y (its header). */
void ui_list_draw_pos(struct app *a, WINDOW *w, int y, int cols, const struct ui_list *l);
/* The colour tier, and each theme role's pairs and attributes. */
void ui_colors_init(struct app *a);
/* The colour pair for a pillar colour ("green", "#2e8b57", "34"); 0 = none. */
int ui_pair(struct app *a, const char *colour);
/* Colour tiers, the value of app.color (the same as enum theme_tier). */
enum ui_tier { UI_MONO = 0, UI_8, UI_256, UI_DIRECT };
/* The terminal type to start curses with, for direct colour when COLORTERM
 * says the terminal has it and terminfo has a -direct entry for it; NULL =
 * $TERM as it is. */
const char *ui_direct_term(char *buf, size_t n);
/* Can $TERM move the cursor (terminfo's cup)?  dumb and hardcopy terminals
 * cannot: the interface would be garbage there.  Asked before curses starts. */
int ui_term_can_draw(void);
/* Does the running terminal lack an alternate screen (rmcup), so that what
 * was drawn stays after endwin (vt100, linux)? */
int ui_term_keeps_screen(void);
/* What a role is drawn with, from the theme (chorus-theme(5)): selected,
 * header, dim, warn, error, ok, status, title (the tab in view), tab. */
enum ui_role { UI_SEL = 1, UI_HEAD, UI_DIM, UI_WARN, UI_ERR, UI_OK, UI_BAR, UI_TITLE, UI_TAB };
attr_t ui_attr(struct app *a, enum ui_role r);
/* A heatmap shade, 1 (low) .. 4 (high); level 0 is drawn plain. */
attr_t ui_heat(struct app *a, int level);
const char *ui_glyph_dot(const struct app *a);

/* keys.c: key names, and the config file's keys: applied over the tables. */
/* Find a key in a table, as the config file has changed it; NULL when none. */
const struct keydef *ui_key_find(const struct keydef *t, int ch);
/* The key of an entry as it is now, for help: "T" after keys: { take: T }. */
const char *ui_key_label(const struct keydef *k, char *buf, size_t n);
/* The key of the action in table t as it is now ("?" when t has none). */
const char *ui_action_key(const struct keydef *t, const char *action, char *buf, size_t n);
/* The name of a key code ("j", "C-l", "Enter", "F5"); "" when it has none. */
const char *ui_key_name(int code, char *buf, size_t n);

#endif
