#!/usr/bin/env bash
# The reader's peak memory (VmHWM) on the archive five times over, under
# tmux, in its three kinds of start: the first (no cache yet: it parses,
# indexes and writes the cache), a warm one (the cache is current) and one
# told not to use a cache (--no-cache). Each is read once the corpus is on
# screen and the worker has had time to index it and write the cache.
# Prints each peak and its ratio to the page files' size.
# Usage: benches/memory.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
archive=../shared/corpus/kremlin-en-archive
work=${TMPDIR:-/tmp}/verbatim-memory
mkdir -p "$work"
if [ ! -d "$work/x5/5" ]; then
    for i in 1 2 3 4 5; do mkdir -p "$work/x5"; cp -al "$archive" "$work/x5/$i"; done
fi
cargo build --release --quiet
verbatim=$(pwd)/target/release/verbatim
cache=$work/cache
text=$(find "$work/x5" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')

# Starts the reader with $1 (options), waits until the whole corpus is on
# screen and then $2 seconds more, and prints its VmHWM in kB.
peak() {
    tmux kill-session -t vmem 2>/dev/null || true
    # The cache folder goes in the command: a tmux server already running
    # would give the reader its own environment, not this script's.
    tmux new -d -s vmem -x 120 -y 40 "XDG_CACHE_HOME='$cache' exec $verbatim $1 '$work/x5'"
    local pid
    pid=$(tmux list-panes -t vmem -F '#{pane_pid}')
    until tmux capture-pane -t vmem -p | grep -q "Events (" &&
        ! tmux capture-pane -t vmem -p | grep -q "loading "; do
        sleep 0.05
    done
    sleep "$2"
    awk '/VmHWM/ {print $2}' "/proc/$pid/status"
    tmux send-keys -t vmem q
    sleep 0.3
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "page files: $text bytes"
for run in $(seq "$runs"); do
    rm -rf "$cache"
    first=$(peak "" 6)
    warm=$(peak "" 2)
    none=$(peak "--no-cache" 4)
    for pair in "first start:$first" "warm:$warm" "--no-cache:$none"; do
        kb=${pair##*:}
        awk -v name="${pair%:*}" -v kb="$kb" -v text="$text" \
            'BEGIN {printf "%-12s %4d MB  %.2f times the page files\n", name, kb * 1024 / 1e6, kb * 1024 / text}'
    done
done
