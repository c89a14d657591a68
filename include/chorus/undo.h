/* undo.h — taking back one's own last change, through the audit log.
 *
 * The log is append-only, so an undo is a new change that puts the item back
 * as it was, plus an "undo" event on the same entity that names the
 * event(s) it undoes ({"undoes":[ID]}).  What can be undone: a stage move
 * (take, approve, reject, back, archive, restore), a pillar or campaign set,
 * a logged share, and a bulk action (the Inbox's `;`) as one unit.  An event
 * undone is not undone twice: the next undo takes the change before it.
 *
 * An undo is refused when the item changed since: a later event on it that
 * is not itself undone (comments do not count), or an item that is no
 * longer as the change left it. */
#ifndef CHORUS_UNDO_H
#define CHORUS_UNDO_H

#include "chorus/store.h"

/* Undo the acting person's last change that can be undone.  what gets what
 * that change was ("moved #12 to ready"); dry_run: only say it, write
 * nothing.  Nothing to undo: CH_FAILED.  Changed since: CH_BUSY, kind
 * ERR_CONFLICT, with who and when in e. */
int undo_last(struct store *s, int dry_run, char *what, size_t whatn, struct err *e);

/* Inside the caller's write transaction, around the changes of one bulk
 * action: begin notes where the log is; end, when the acting person made
 * more than one change since, logs a "bulk" event naming them, so that an
 * undo takes them back together. */
int undo_bulk_begin(struct store *s, int64_t *mark, struct err *e);
int undo_bulk_end(struct store *s, int64_t mark, struct err *e);

/* Delete a logged share: the sharer or a social master (others: CH_FAILED;
 * an unknown id: CH_INVALID).  Shared content left with no share goes back
 * to ready.  Audited ("delete" on the share). */
int share_delete(struct store *s, int64_t share_id, struct err *e);

#endif
