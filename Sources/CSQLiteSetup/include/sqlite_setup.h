// SQLite's process-wide settings, which must be made before SQLite starts
// (its first connection): `sqlite3_config` is a C variadic function, which
// Swift cannot call.
#ifndef KONTOR_SQLITE_SETUP_H
#define KONTOR_SQLITE_SETUP_H

/// Connections and statements without mutexes of their own (each
/// connection is used by one thread at a time, as GRDB serializes them),
/// and no process-wide count of SQLite's memory, which takes a lock on
/// every allocation. 0 when both took effect; -1 when SQLite had started
/// already and keeps its defaults.
int kontor_sqlite_serialized_by_owner(void);

#endif
