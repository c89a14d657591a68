/* kit.h — the panel kit's parts that need no terminal: the generic requests
 * every panel answers alike, the list (cursor, scroll, "N-M of T") and the
 * one line editor.  No curses here, so tests/unit drives them directly; the
 * drawing lives in draw.c and app.c.
 *
 * The generic requests are one X-macro: the enum, the config file's action
 * names, the default keys and the help text come from this list, so every
 * panel's key table (UI_REQ_KEYS in ui.h) says the same thing. */
#ifndef CHORUS_TUI_KIT_H
#define CHORUS_TUI_KIT_H

#include <stddef.h>
#include <stdint.h>

#include "chorus/i18n.h"   /* N_() marks the requests' help */

/* _(ID, action, key, alternative key, key's name, help) — key codes are
 * curses' (KEY_DOWN...), so the list is only expanded where curses.h is. */
#define UI_REQUESTS(_) \
	_(DOWN, "down", 'j', KEY_DOWN, "j", N_("down a line")) \
	_(UP, "up", 'k', KEY_UP, "k", N_("up a line")) \
	_(TOP, "top", 'g', KEY_HOME, "g", N_("to the first line")) \
	_(BOTTOM, "bottom", 'G', KEY_END, "G", N_("to the last line")) \
	_(PAGE_DOWN, "page-down", KEY_NPAGE, ' ', "PgDn", N_("a page down (Space too)")) \
	_(PAGE_UP, "page-up", KEY_PPAGE, 'b', "PgUp", N_("a page up (b too)")) \
	_(RELOAD, "reload", 'r', 0, "r", N_("re-read from the database now"))

/* Searching, answered centrally for every panel that can say whether a
 * line matches a text (panel_ops.match); in its key table only then, as n
 * means "new" where there is nothing to search. */
#define UI_SEARCH_REQUESTS(_) \
	_(SEARCH, "search", '/', 0, "/", N_("search: the next line that matches")) \
	_(NEXT_MATCH, "next-match", 'n', 0, "n", N_("next match")) \
	_(PREV_MATCH, "prev-match", 'N', 0, "N", N_("previous match"))

#define UI_REQ_ENUM(id, action, key, key2, name, help) REQ_##id,
enum ui_req { REQ_NONE, UI_REQUESTS(UI_REQ_ENUM) UI_SEARCH_REQUESTS(UI_REQ_ENUM) REQ_COUNT };

/* How far the mouse wheel moves, everywhere. */
#define UI_WHEEL_LINES 3

/* The action name of a request ("page-down"); "" for REQ_NONE. */
const char *ui_req_name(enum ui_req r);

/* A list on screen: n items, rows of them visible from top, the cursor on
 * sel.  A text view is a list without a cursor (scroll = 1): the requests
 * move top itself.  Drawing sets rows; the panel sets n when it loads. */
struct ui_list {
	int n, rows;
	int sel, top;
	int scroll;
};

/* Apply a movement request (down, up, top, bottom, pages); 1 when it was
 * one, 0 for any other request.  sel and top stay in range. */
int ui_list_request(struct ui_list *l, enum ui_req r);
/* Move the cursor by n lines (negative: up), clamped. */
void ui_list_move(struct ui_list *l, int n);
/* Put sel (and top) back in range after n or rows changed. */
void ui_list_clamp(struct ui_list *l);
/* The item at screen row y of the list (0 = first row shown), or -1. */
int ui_list_at(const struct ui_list *l, int y);
/* Search the list for a line match says is one: from the line after the
 * cursor onwards (dir 1) or before it backwards (-1), round the end, the
 * cursor's own line last; with from_here it counts first.  match returns 1, 0, or
 * -1 to stop (an error).  1 when it found one (the cursor is on it), 0
 * when no line matches, -1 when match stopped. */
int ui_list_find(struct ui_list *l, int dir, int from_here, int (*match)(void *ctx, int i), void *ctx);
/* "N-M of T" for the rows shown ("0 of 0" when empty); returns out. */
const char *ui_list_pos(const struct ui_list *l, char *out, size_t n);

/* A list over a preview (the Inbox, the Queue): how many of room rows the
 * list gets.  All of its n items when they fit beside the rows the
 * preview's text needs; else the preview keeps what it needs (at least
 * UI_SPLIT_PREVIEW_MIN rows) and the list the rest, but never less than a
 * third of the room when it has that many items (nor UI_SPLIT_LIST_MIN).  Pure, so a test can lay it out. */
#define UI_SPLIT_LIST_MIN 3
#define UI_SPLIT_PREVIEW_MIN 5
int ui_split(int room, int n, int need);

/* The one line editor of prompts and forms.  The text is always UTF-8,
 * whatever the locale; the cursor is a byte offset on a character boundary.
 * A value given to start from is selected: the first character typed
 * replaces it, a movement key keeps it. */
#define UI_LINE_MAX 4200   /* a strategy field's longest value (4096 in YAML) fits */
struct ui_line {
	char buf[UI_LINE_MAX];
	size_t len, cur;
	size_t max;                 /* the caller's buffer size, at most UI_LINE_MAX */
	int selected;               /* the whole text is selected */
	/* Tab completion: the candidates, and where the last Tab left off. */
	const char *const *complete;
	int ncomplete, ctab;
	size_t cbase;               /* length of what was typed before the Tabs */
};

/* What a key did to the line. */
enum ui_line_result { UI_LINE_GOING, UI_LINE_DONE, UI_LINE_CANCEL };

/* Start editing; text (may be NULL or "") is selected when not empty.
 * max is the size of the buffer the result goes into. */
void ui_line_init(struct ui_line *l, const char *text, size_t max);
/* Feed one key: a character (a Unicode code point >= 32) or a control
 * (Enter, Esc/C-g, Backspace, Delete, Left/Right, Home/End, C-a, C-e, C-u,
 * C-w, Tab).  is_code: key is a curses KEY_ code, not a character. */
enum ui_line_result ui_line_key(struct ui_line *l, uint32_t key, int is_code);
/* Insert one character at the cursor (replacing a selection). */
void ui_line_insert(struct ui_line *l, uint32_t cp);
/* Display columns of the text before the cursor. */
int ui_line_cursor_col(const struct ui_line *l);

/* A form: fields with a label, a hint and a value, each edited with the
 * line editor above; the caller's rule (core's: strategy_field_problem)
 * checks a field after every change, and a refused value keeps what was
 * typed.  Tab/Down and S-Tab/Up go between fields, Enter asks to save,
 * Esc (or C-g) to cancel; C-u clears the field.  Drawing is the caller's. */
#define UI_FORM_FIELDS 12
#define UI_FORM_NOTE 320
struct ui_field {
	const char *label, *hint;
	struct ui_line line;
	char err[UI_FORM_NOTE];      /* why the value cannot be saved; "" when it can */
	int touched;                 /* typed in: its problem shows (a new form starts quiet) */
};
struct ui_form {
	struct ui_field f[UI_FORM_FIELDS];
	int n, cur;
	int readonly;
	int tried;                   /* a save was asked for: every problem shows */
	char msg[1024];              /* why the last save failed; "" */
	/* The rule for field i: 0 when text is fine, else the reason in why. */
	int (*check)(void *ctx, int i, const char *text, char *why, size_t whyn);
	void *ctx;
};
enum ui_form_result {
	UI_FORM_GOING,       /* moved (between or within fields) */
	UI_FORM_EDITED,      /* the value of field cur changed (and was checked) */
	UI_FORM_SAVE,        /* Enter */
	UI_FORM_CANCEL,      /* Esc, C-g */
	UI_FORM_READONLY,    /* an edit in a read-only form: nothing changed */
};

void ui_form_init(struct ui_form *fm, int readonly,
		  int (*check)(void *ctx, int i, const char *text, char *why, size_t whyn), void *ctx);
/* Add a field (value may be NULL); its index, or -1 when the form is full. */
int ui_form_add(struct ui_form *fm, const char *label, const char *hint, const char *value);
/* Replace field i's value (the cursor at its end, nothing selected). */
void ui_form_set(struct ui_form *fm, int i, const char *value);
/* Check field i by the rule into its err. */
void ui_form_check(struct ui_form *fm, int i);
/* Before a save: check every field; the first one refused becomes the
 * current one, msg says why, and it is returned; -1 when all are fine. */
int ui_form_problem(struct ui_form *fm);
/* Does field i show its problem now (typed in, or a save was tried)? */
int ui_form_shows_error(const struct ui_form *fm, int i);
/* Feed one key (as ui_line_key takes it). */
enum ui_form_result ui_form_key(struct ui_form *fm, uint32_t key, int is_code);
/* The form's own actions, whatever keys they are on (ask.c's key table,
 * which keys: in config.yaml can change): ui_form_key maps the default
 * keys to them. */
enum ui_form_action { UI_FORM_NEXT, UI_FORM_PREV, UI_FORM_DO_SAVE, UI_FORM_DO_CANCEL };
enum ui_form_result ui_form_act(struct ui_form *fm, enum ui_form_action act);

#endif
