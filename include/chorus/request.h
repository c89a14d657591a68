/* request.h — content requests and the creator's own view ("Mine").
 *
 * An editor or master asks for content: of a person, a team or a focus
 * group, with a brief and a due day.  A request is open until someone who
 * may ask marks it done or cancels it; content submitted against it links
 * to it (request_submit).  It is asked of a person directly, through their
 * team, or through a focus group they are a member of. */
#ifndef CHORUS_REQUEST_H
#define CHORUS_REQUEST_H

#include "chorus/content.h"
#include "chorus/store.h"

enum request_status { REQUEST_OPEN = 0, REQUEST_DONE, REQUEST_CANCELLED };
enum request_target { REQUEST_PERSON = 0, REQUEST_TEAM, REQUEST_GROUP };

/* The longest brief, in bytes. */
#define REQUEST_BRIEF_MAX 1000

struct content_request {
	int64_t id;
	char asker[64];            /* login */
	enum request_target kind;
	char target[72];           /* the login, team name or focus group name */
	char brief[REQUEST_BRIEF_MAX + 1];
	char due[11];              /* YYYY-MM-DD */
	enum request_status status;
	int64_t created_at;
	int64_t closed_at;         /* 0 while open */
	int ncontent;              /* content submitted against it */
	int version;
};

const char *request_status_name(enum request_status st);
/* Has a due day (YYYY-MM-DD) passed by time t: is it before t's day? */
int request_due_passed(const char *due, int64_t t);
/* "sanne", "team:Comms", "group:Photographers" */
void request_target_str(const struct content_request *r, char *out, size_t n);

/* Ask for content.  to is LOGIN, team:NAME or group:NAME; due is
 * YYYY-MM-DD, today or later; the brief one line.  Editors and masters. */
int request_add(struct store *s, const char *to, const char *due, const char *brief,
		int64_t *id, struct err *e);
/* Close an open request: done, or cancelled (editors and masters).  A
 * request closed already is CH_FAILED, saying how it was closed. */
int request_done(struct store *s, int64_t id, struct err *e);
int request_cancel(struct store *s, int64_t id, struct err *e);

/* Requests, open ones first by due day, then the closed newest first.
 * REQUEST_LIST_OPEN: only open ones; REQUEST_LIST_MINE: only those asked of
 * the acting person (directly, through their team or a focus group).
 * free() the array. */
#define REQUEST_LIST_OPEN 1
#define REQUEST_LIST_MINE 2
int request_list(struct store *s, int flags, struct content_request **out, int *n, struct err *e);

/* Submit content against an open request: content_submit and the link in
 * one transaction.  The request must be asked of the acting person, unless
 * they are an editor. */
int request_submit(struct store *s, int64_t request_id, const struct submission *sub,
		   int64_t *id, struct err *e);

/* What a request may be asked of, for completion: every active login, then
 * team:NAME and group:NAME; each malloc'd, in a malloc'd array. */
int request_targets(struct store *s, char ***out, int *n, struct err *e);
void request_targets_free(char **v, int n);

/* The acting person's submissions, newest first: stage, why rejected,
 * comments, the shares they led to, the request answered. */
struct mine_item {
	int64_t id;
	char *title;
	enum stage stage;
	char *reject_reason;       /* NULL unless rejected with a reason */
	int64_t stage_at;
	int version;
	int comments;
	char last_by[64];          /* who wrote the last comment */
	char *last_comment;        /* NULL when none */
	int64_t shares;            /* shares of its messages */
	int64_t request_id;        /* 0 when none */
};
int mine_submissions(struct store *s, struct mine_item **out, int *n, struct err *e);
void mine_free(struct mine_item *v, int n);

#endif
