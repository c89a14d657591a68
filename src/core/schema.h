/* schema.h — private to the store: the list of migrations. */
#ifndef CHORUS_SCHEMA_H
#define CHORUS_SCHEMA_H

struct migration {
	int version;
	const char *chorus;   /* the first chorus release that writes this schema */
	const char *sql;
};

extern const struct migration schema_migrations[];
extern const int schema_nmigrations;

#endif
