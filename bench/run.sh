#!/usr/bin/env bash
# The side-by-side benchmark of issue 16: hiroba's first full frame in a
# real terminal (tmux) on the scale-1 database, beside glow -p on a 2 KB
# Japanese markdown file and calcurse, all interleaved in one run, at
# 100x30 and 80x24, and a Bubble Tea program of one word (bench/floor) as
# the floor under them; then the in-process figures that must hold while
# another process keeps one core busy.
#
#   bench/run.sh                 # the first frames, 9 runs each
#   bench/run.sh --busy          # the same while `stress -c 1` runs
#   bench/run.sh --go            # also PostReply, the 60,000-character
#                                # handover, 50 SSH sessions, markdown
#   bench/run.sh --runs 15 --dir /var/tmp/hiroba-bench
#
# It installs what it lacks (tmux, calcurse and stress from Debian with
# apt-get, when run as root), builds glow v2.1.1 from its Go module and
# hiroba from this checkout, and generates the databases it needs with
# `hiroba seed` (about a minute and 1.5 GB for scale 1) in --dir, outside
# the repository, where they are kept for the next run. Delete the folder
# when done.
set -euo pipefail

runs=9 busy=0 gobench=0
dir=${TMPDIR:-/tmp}/hiroba-bench
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--dir) dir=$2; shift ;;
	--busy) busy=1 ;;
	--go) gobench=1 ;;
	*) echo "usage: bench/run.sh [--runs N] [--dir DIR] [--busy] [--go]" >&2; exit 2 ;;
	esac
	shift
done
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/bin"
bin=$dir/bin

need() { # need COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null && return
	if [ "$(id -u)" = 0 ]; then
		echo "installing $2 ..." >&2
		apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
	fi
	command -v "$1" >/dev/null || { echo "bench: $1 is missing: apt-get install $2" >&2; exit 1; }
}
need tmux tmux
need calcurse calcurse
need python3 python3
[ $busy = 1 ] && need stress stress

# glow v2.1.1, built from its module as `go install` would.
if [ ! -x "$bin/glow" ]; then
	echo "building glow v2.1.1 ..." >&2
	src=$(cd "$dir" && GOFLAGS=-mod=mod go mod download -json github.com/charmbracelet/glow/v2@v2.1.1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
	(cd "$src" && go build -o "$bin/glow" .)
fi
echo "building hiroba ..." >&2
(cd "$repo" && go build -o "$bin/hiroba" .)
# The floor: a Bubble Tea v2 program of one word (bench/floor, a module
# of its own), what any program built as hiroba is pays before its data.
(cd "$repo/bench/floor" && go build -o "$bin/floor" .)

# The databases, made once by the program's own generator.
for scale in 1 0.01; do
	db=$dir/scale-$scale.db
	if [ ! -f "$db" ]; then
		echo "seeding scale $scale into $db ..." >&2
		start=$(date +%s.%N)
		"$bin/hiroba" seed --db "$db.tmp" --scale "$scale" >&2
		rm -f "$db.tmp-wal" "$db.tmp-shm"
		mv "$db.tmp" "$db"
		echo "seed --scale $scale: $(python3 -c "print(round($(date +%s.%N)-$start, 1))") s" >&2
	fi
done
# The first staff member in the list (the benchmarks' own choice).
first_staff() {
	"$bin/hiroba" staff --db "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}
s1=$(first_staff "$dir/scale-1.db")
s001=$(first_staff "$dir/scale-0.01.db")
mkdir -p "$dir/calcurse"

stress_pid=
cleanup() { [ -n "$stress_pid" ] && kill "$stress_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT
if [ $busy = 1 ]; then
	stress -c 1 >/dev/null 2>&1 &
	stress_pid=$!
	sleep 1
fi

echo "# first full frame, median of $runs runs each, interleaved ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)$([ $busy = 1 ] && echo ', stress -c 1 running'))"
for size in 100x30 80x24; do
	out=$(python3 "$repo/bench/firstframe.py" -n "$runs" --size "$size" \
		hiroba-scale1 世話役 "$bin/hiroba --db $dir/scale-1.db --as $s1" \
		hiroba-scale0.01 世話役 "$bin/hiroba --db $dir/scale-0.01.db --as $s001" \
		glow 年間の予定 "$bin/glow -p $repo/bench/peer.md" \
		calcurse OtherCmd "calcurse -D $dir/calcurse" \
		bubbletea-floor 世話役 "$bin/floor")
	echo "## $size"
	echo "$out"
	echo "$out" | python3 -c '
import sys
m = {l.split()[0]: float(l.split()[2]) for l in sys.stdin if "median" in l}
h1, h001, peer = m["hiroba-scale1"], m["hiroba-scale0.01"], min(m["glow"], m["calcurse"])
print("hiroba scale 1 / faster peer: %.2fx (goal <= 1.0)   scale 1 / scale 0.01: %.2fx (goal <= 1.5)" % (h1 / peer, h1 / h001))
print("bubbletea floor / faster peer: %.2fx   hiroba above the floor: %.1f ms, the faster peer above it: %.1f ms" % (m["bubbletea-floor"] / peer, h1 - m["bubbletea-floor"], peer - m["bubbletea-floor"]))'
done

if [ $gobench = 1 ]; then
	echo "# in process (go test -bench), scale 1$([ $busy = 1 ] && echo ', stress -c 1 running')"
	# The ui benchmarks find the scale-1 database under TMPDIR.
	mkdir -p "$dir/tmp"
	# A copy, never a second name of the same file: SQLite finds a file's
	# WAL and locks by its name, so two names of one file can be written
	# at once and damage it.
	[ "$dir/tmp/hiroba-bench-scale-1.db" -nt "$dir/scale-1.db" ] || cp "$dir/scale-1.db" "$dir/tmp/hiroba-bench-scale-1.db"
	(cd "$repo" && TMPDIR=$dir/tmp go test -run '^$' -bench 'BenchmarkPostReply$|BenchmarkHandoverOpen$|BenchmarkOpenFirstFrame$' -benchtime 200x ./ui) | grep -E '^Benchmark'
	(cd "$repo" && go test -run '^$' -bench BenchmarkMarkdownHeavy -benchtime 5x ./ui/kit) | grep -E '^Benchmark' |
		awk '{printf "%-50s %8.1f ms (goal <= 100)\n", $1, $3/1e6}'
	(cd "$repo" && go test -run '^$' -bench BenchmarkServe50Sessions -benchtime 1x ./cli) | grep -E '^Benchmark'
fi
