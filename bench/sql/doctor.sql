-- chorus doctor: what it reads
SELECT value FROM meta WHERE key IN ('mode', 'organisation');
PRAGMA journal_mode;
PRAGMA user_version;
PRAGMA integrity_check;
