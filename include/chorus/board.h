/* board.h — read-only listings for the full-screen interface: the board's
 * columns with their true counts, without loading what is not on screen.
 *
 * The Shared column of a big organisation holds hundreds of thousands of
 * items; the board shows the most recent few hundred and the real count. */
#ifndef CHORUS_BOARD_H
#define CHORUS_BOARD_H

#include "chorus/content.h"

/* One card: what the board and the inbox index show.  Bodies only when asked. */
struct card {
	int64_t id;
	char *title;
	char *body;           /* NULL unless with_body */
	enum stage stage;
	char creator[64];     /* login */
	char editor[64];      /* assignee login, "" when none */
	char pillar[64];
	char colour[16];      /* the pillar's colour, "" when none */
	char campaign[96];
	int64_t created_at;
	int64_t stage_at;
	int version;
	int policy;           /* worst severity over its messages (enum severity) */
};

/* A window of a column: cards first..first+n-1 of its total, in the
 * column's order (oldest first; Shared newest first). */
struct card_list {
	struct card *v;
	int n;                /* loaded */
	int first;            /* the position of v[0] in the column */
	int total;            /* in the stage */
};

#define BOARD_STAGES 4    /* inbox, editing, ready, shared */

/* The four columns in one read transaction: inbox, editing and ready oldest
 * first (up to limit each, 0 = all), shared most recent first (up to
 * shared_limit).  with_body loads bodies for the inbox column.  The policy
 * flags are left 0: board_policy fills them, so that a screen can show the
 * cards first.  Counts come from the content_stages aggregate. */
int board_load(struct store *s, int limit, int shared_limit, int inbox_bodies,
	       struct card_list cols[BOARD_STAGES], struct err *e);
/* The same with a window per column: limit[i] cards from position first[i]
 * (a window past the column's end slides back to end with it).  Skipping to
 * a far position reads only the stage index, so a window anywhere in a
 * column of hundreds of thousands costs about what the first one does. */
int board_windows(struct store *s, const int first[BOARD_STAGES], const int limit[BOARD_STAGES],
		  int inbox_bodies, struct card_list cols[BOARD_STAGES], struct err *e);
/* One column's window (no bodies). */
int board_window(struct store *s, enum stage st, int first, int limit, struct card_list *out,
		 struct err *e);
/* Where a card is: its stage and its position in that column. */
int board_position(struct store *s, int64_t id, enum stage *st, int *pos, struct err *e);
/* Fill the policy flag of the editing and ready cards of cols (the worst
 * severity over each card's messages; only the cards loaded are looked at).
 * Results are cached per message and version, so a refresh after the first
 * costs a look-up per card.  The first time
 * every rule runs over every message: budget (0 = no limit) caps the
 * messages checked in one call, so that an interface can take keys in
 * between; *done is 0 when it stopped short, and cols is then unchanged. */
int board_policy(struct store *s, struct card_list cols[BOARD_STAGES], int budget, int *done,
		 struct err *e);
/* A whole stage, card by card in the column's order, for what must see every
 * item (the inbox's patterns): keep is called with each card (its body too
 * when with_body) and returns 1 to keep it.  out gets the cards kept, without
 * bodies; out->total is the number of cards seen. */
typedef int board_keep_fn(void *ctx, const struct card *c);
int board_scan(struct store *s, enum stage st, int with_body, board_keep_fn *keep, void *ctx,
	       struct card_list *out, struct err *e);
/* The body of one item (the one previewed), malloc'ed. */
int board_body(struct store *s, int64_t id, char **body, struct err *e);
void board_free(struct card_list *l);
void board_free_all(struct card_list cols[BOARD_STAGES]);

/* The strategy's WIP limits (options.wip) of the columns, 0 for none (the
 * Shared column has none). */
int board_wip(struct store *s, int wip[BOARD_STAGES], struct err *e);

/* Names of pillars (or campaigns when campaigns != 0, or the strategy's
 * message types when it is BOARD_NAMES_TYPES), comma-separated, for a
 * prompt's hint; "" when there are none. */
#define BOARD_NAMES_TYPES 2
void board_names(struct store *s, int campaigns, char *out, size_t outlen);

#endif
