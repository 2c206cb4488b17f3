#!/usr/bin/env bash
# Peak memory (VmHWM) of the TUI on a large database after every tab, a
# long thread, a search and 12 months of calendar (issue 16: at most
# 80 MB at scale 1), driven through tmux as a person would.
#
#   bench/peakmem.sh HIROBA DB
#
# HIROBA is a built binary, DB a database made by `hiroba seed` (bench/run.sh
# makes both in its --dir).
set -euo pipefail
hiroba=$1 db=$2
sock=$(mktemp -u /tmp/peakmem-XXXXXX)
tm() { tmux -S "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true' EXIT
staff=$("$hiroba" staff --db "$db" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
# The thread with the most replies, opened through the search.
long=$(sqlite3 "$db" "SELECT t.title FROM threads t JOIN communities c ON c.id = t.community_id
	WHERE t.hidden = 0 AND c.visibility = 'open' ORDER BY t.reply_count DESC LIMIT 1")
tm new-session -d -s mem -x 100 -y 30 "exec env TERM=xterm-256color $hiroba --db $db --as $staff"
pid=$(tm display -p -t mem '#{pane_pid}')
wait_for() { # wait_for TEXT: until the screen shows it (10 s at most)
	for _ in $(seq 200); do
		tm capture-pane -p -t mem | grep -qF -- "$1" && return 0
		sleep 0.05
	done
	echo "peakmem: never saw $1" >&2
	tm capture-pane -p -t mem >&2
	exit 1
}
keys() { tm send-keys -t mem "$@"; }
wait_for 世話役
for tab in 2 3 4 5 6 1; do keys "$tab"; sleep 1; done
# The results line counts what it found ("先頭の 50 件"): Enter before it
# opened nothing on a busy machine.
keys S; sleep 0.3; keys -l "$long"; wait_for "件"; sleep 0.5; keys Enter; wait_for "返信"
sleep 1; keys G; sleep 1
keys S; sleep 0.3; keys -l 確認; sleep 1.5; keys Escape; sleep 0.3
keys 4; sleep 1
for _ in $(seq 12); do keys ']'; sleep 0.4; done
sleep 1
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
