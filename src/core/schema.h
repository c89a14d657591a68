/* schema.h — private to src/core: the list of migrations (the store runs
 * them), and stand-ins for newer aggregates in files it could not migrate. */
#ifndef CHORUS_SCHEMA_H
#define CHORUS_SCHEMA_H

struct migration {
	int version;
	const char *chorus;   /* the first chorus release that writes this schema */
	const char *sql;
};

/* The migration that adds shares.figures_at (readers of older files, opened
 * read-only, do without it).  Renumber with the migration. */
#define SCHEMA_FIGURES_AT 4

extern const struct migration schema_migrations[];
extern const int schema_nmigrations;

struct store;
struct err;
/* Inside a transaction on a file older than schema 3 (opened read-only, so
 * not migrated): temporary views standing in for activity_week and
 * content_stages.  Nothing on a current file. */
int schema_older_views(struct store *s, struct err *e);

#endif
