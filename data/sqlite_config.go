package data

// SQLite keeps statistics of its memory by default: every allocation takes
// one mutex shared by every connection of the process. hiroba reads none of
// those figures, and with several connections at work (the interface's
// readers, an SSH server's sessions, the tests) that mutex costs a quarter
// of SQLite's CPU. SQLite's own advice is to turn the statistics off
// (https://sqlite.org/compile.html#default_memstatus); go-sqlite3 compiles
// SQLite without that option, so it is turned off here, before the first
// connection: sqlite3_config refuses once SQLite has started.

/*
extern int sqlite3_config(int, ...);
#define SQLITE_CONFIG_MEMSTATUS 9
static int hiroba_memstatus_off(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
*/
import "C"

// memStatusOff is what sqlite3_config answered: SQLITE_OK (0), or
// SQLITE_MISUSE when something started SQLite first, leaving the
// statistics on (slower, nothing worse).
var memStatusOff = int(C.hiroba_memstatus_off())
