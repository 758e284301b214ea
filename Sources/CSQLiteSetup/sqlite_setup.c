#include <sqlite3.h>
#include "sqlite_setup.h"

int kontor_sqlite_serialized_by_owner(void) {
    if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK) return -1;
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) return -1;
    return 0;
}
