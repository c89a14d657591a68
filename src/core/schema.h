/* schema.h — private to src/core: the list of migrations (the store runs
 * them), and stand-ins for newer aggregates in files it could not migrate. */
#ifndef CHORUS_SCHEMA_H
#define CHORUS_SCHEMA_H

struct store;
struct err;

/* The migration that adds the audit chain (the lead renumbers it here when
 * migrations from several branches meet). */
#define SCHEMA_AUDIT_CHAIN 4

struct migration {
	int version;
	const char *chorus;   /* the first chorus release that writes this schema */
	const char *sql;
	/* Run after sql in the same transaction (NULL: nothing): what SQL alone
	 * cannot do, such as hashing the events already there. */
	int (*after)(struct store *s, struct err *e);
};

/* The migration that adds shares.figures_at (readers of older files, opened
 * read-only, do without it).  Renumber with the migration. */
#define SCHEMA_FIGURES_AT 5

/* The migration that turns free-text KPI periods into calendar periods
 * ("quarter" the quarter it runs in; see strategy_period_of_word).
 * Renumber with the migration. */
#define SCHEMA_KPI_PERIODS 6

/* The migration that adds the organisation's headcount (its dated changes,
 * strategy organisation.headcount) and the publishers' personalised texts,
 * kept per person and message.  Renumber with the migration. */
#define SCHEMA_PERSONAL_TEXTS 7
/* Content requests: an editor or master asks a person, a team or a focus
 * group for content (request.h).  Renumber with the migration. */
#define SCHEMA_REQUESTS 8
/* The migration that makes focus groups first-class (an owner, archived_at;
 * description is their purpose), gives every person an ambassador journey
 * state with its history (person_journey), and lets a campaign target a
 * focus group (campaigns.group_id).  Renumber with the migration. */
#define SCHEMA_GROUPS_JOURNEY 9

extern const struct migration schema_migrations[];
extern const int schema_nmigrations;

/* Inside a transaction on a file older than schema 3 (opened read-only, so
 * not migrated): temporary views standing in for activity_week and
 * content_stages.  Nothing on a current file. */
int schema_older_views(struct store *s, struct err *e);

/* The append-only triggers on events, each as migrations create it (the text
 * sqlite_master keeps); schema_events_no_update is the first one's. */
struct schema_trigger {
	const char *name;
	const char *sql;
	int since;   /* the schema version that creates it */
};
extern const struct schema_trigger schema_event_triggers[];
extern const int schema_nevent_triggers;
extern const char schema_events_no_update[];

#endif
