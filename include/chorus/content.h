/* content.h — the pipeline: creator → editor → publisher.
 *
 *   inbox → editing → ready → shared, and rejected/archived off the board.
 *   submit   creator (or editor, master)       → inbox
 *   take     editor            inbox  → editing (the editor becomes assignee)
 *   approve  editor            editing → ready  (needs a message, and every message
 *                                               passing the policy: message_approvable)
 *   reject   editor, reason    inbox|editing → rejected
 *   back     editor            editing→inbox, ready→editing, shared→ready, rejected→inbox
 *   archive  master            any → archived;  restore: master, archived → inbox
 *   restore  editor or master  rejected → inbox (a second thought on a rejection)
 *   share    (a logged share)  ready → shared
 */
#ifndef CHORUS_CONTENT_H
#define CHORUS_CONTENT_H

#include "chorus/store.h"

enum stage {
	STAGE_INBOX = 0, STAGE_EDITING, STAGE_READY, STAGE_SHARED,
	STAGE_REJECTED, STAGE_ARCHIVED, STAGE_COUNT
};

struct content {
	int64_t id;
	char *title;
	char *body;
	char kind[32];
	enum stage stage;
	int64_t creator_id;
	char creator[64];     /* login */
	char creator_name[128];
	int64_t editor_id;    /* assignee, 0 when none */
	char editor[64];
	int64_t pillar_id;
	char pillar[64];
	char pillar_colour[16];
	int64_t campaign_id;
	char campaign[96];
	char *reject_reason;
	int64_t created_at;
	int64_t stage_at;     /* when it entered its stage */
	int version;
	int64_t updated_at;
	char updated_by[64];
	int policy;           /* worst policy severity over its messages: 0 none, 1 info, 2 warn, 3 block */
	char message_type[64];   /* message_types.name, "" when none */
};

struct submission {
	const char *title;
	const char *body;
	const char *kind;     /* NULL = "story" */
	const char *pillar;   /* name, or NULL */
	const char *const *media;  /* paths */
	int nmedia;
};

const char *stage_name(enum stage s);
int stage_parse(const char *name);   /* -1 when unknown */

/* Submit: title required; a body, when given, must not be blank (leave it
 * out, NULL, for a title-only idea); kind one of content_kinds (CH_INVALID
 * listing them otherwise); the pillar by name.  Media paths are stored as
 * given: their files are checked at the edge (content_media_check), as the
 * submitter's machine is the one that sees them. */
int content_submit(struct store *s, const struct submission *sub, int64_t *id, struct err *e);
/* The kinds of content chorus knows ("story" first, the default), ending
 * with NULL; "story, photo, ..." into out for messages. */
extern const char *const content_kinds[];
void content_kinds_list(char *out, size_t n);
/* A media path that can go with a submission: a readable regular file.
 * CH_INVALID naming the path and why ("no such file", "a directory"...). */
int content_media_check(const char *path, struct err *e);
int content_get(struct store *s, int64_t id, struct content *c, struct err *e);
void content_free(struct content *c);
/* Items in a stage (or -1: inbox..shared), newest stage change last. */
int content_list(struct store *s, int stage, struct content **out, int *n, struct err *e);
void content_list_free(struct content *list, int n);

/* Transitions.  expected_version 0 = whatever it is now; a stale version is a
 * conflict (CH_BUSY, kind ERR_CONFLICT, who and when in e). */
int content_take(struct store *s, int64_t id, int expected_version, struct err *e);
int content_approve(struct store *s, int64_t id, int expected_version, struct err *e);
int content_reject(struct store *s, int64_t id, const char *reason, int expected_version, struct err *e);
int content_back(struct store *s, int64_t id, int expected_version, struct err *e);
int content_archive(struct store *s, int64_t id, int expected_version, struct err *e);
int content_restore(struct store *s, int64_t id, int expected_version, struct err *e);
/* Move one stage forward (take, approve) or back, as the board's L and H do. */
int content_forward(struct store *s, int64_t id, int expected_version, struct err *e);

int content_edit(struct store *s, int64_t id, const char *title, const char *body,
		 int expected_version, struct err *e);
/* pillar/campaign by name; NULL or "" clears. */
int content_set_pillar(struct store *s, int64_t id, const char *pillar, int expected_version, struct err *e);
int content_set_campaign(struct store *s, int64_t id, const char *campaign, int expected_version, struct err *e);
/* The message type, one of the strategy's message_types by name (NULL or ""
 * clears); an unknown one is refused (CH_INVALID) with the list. */
int content_set_type(struct store *s, int64_t id, const char *type, int expected_version, struct err *e);

struct media { int64_t id; char *path; };
int content_media(struct store *s, int64_t id, struct media **out, int *n, struct err *e);
void content_media_free(struct media *m, int n);

struct comment { int64_t id; char login[64]; int64_t at; char *body; };
int comment_add(struct store *s, int64_t content_id, const char *body, int64_t *id, struct err *e);
int comment_list(struct store *s, int64_t content_id, struct comment **out, int *n, struct err *e);
void comment_list_free(struct comment *c, int n);

#endif
