/* history.h — an audit event said in words for the detail page's History:
 * "Anouk commented", "Daan approved it: moved to ready", "Daan set the
 * pillar to Craftsmanship", never the event's raw JSON.
 *
 * Pure, no curses, no store: the caller says who acted (a name or a login)
 * and hands the event's action and JSON detail as the audit log keeps them
 * (core/audit.c; the writers are core/content.c, message.c, campaign.c).
 * An action without a phrase of its own (a new kind, another entity's) is
 * still said in words: the action and its fields, "key value". */
#ifndef CHORUS_TUI_HISTORY_H
#define CHORUS_TUI_HISTORY_H

#include <stddef.h>

/* The phrase for one event of entity ("content", "message", "share", ...)
 * by who (for_whom: the person a master acted for with --as, "" or NULL
 * when none) into out (always NUL-terminated, cut when it does not fit);
 * returns out.  detail may be NULL, "{}" or any flat JSON object. */
const char *history_phrase(const char *entity, const char *action, const char *who, const char *for_whom,
			   const char *detail, char *out, size_t n);

/* The value of key in a flat JSON object, unescaped, into out; 1 when it is
 * there (0 when absent or null, out ""). */
int history_field(const char *json, const char *key, char *out, size_t n);

/* A stage key ("editing") as people read it, in their language ("in
 * bewerking"); any other text as it is. */
const char *history_stage(const char *key);

#endif
