#!/usr/bin/env bash
# Time from starting the reader to its first frame, to its first events
# (on a large corpus the newest pages, read while the rest load), and to
# the whole corpus (with a warm cache the index is ready then too), under
# tmux, cold (no cache) and warm (the cache the cold run wrote), on the
# bundled page, kremlin-en, the archive and the archive five times over,
# and on the site's 530 pages saved as HTML beside the same pages as the
# text verbatim reads from them (site-html, site-text).
# The screen is polled every 5 ms, so figures are within ~5 ms plus tmux's
# own latency (about 10 ms here).
# Usage: benches/first_frame.sh [RUNS] [CORPUS...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
archive=../shared/corpus/kremlin-en-archive
work=${TMPDIR:-/tmp}/verbatim-first-frame
mkdir -p "$work"
if [ ! -d "$work/x5/5" ]; then
    for i in 1 2 3 4 5; do mkdir -p "$work/x5"; cp -al "$archive" "$work/x5/$i"; done
fi
cargo build --release --quiet --bin verbatim --example page_text
verbatim=$(pwd)/target/release/verbatim
if [ ! -d "$work/site-text" ]; then
    mkdir -p "$work/site-html" "$work/site-text.part"
    for page in ../shared/site/en.kremlin.ru/events/president/news/[0-9]*; do
        id=$(basename "$page")
        ln -sf "$(realpath "$page")" "$work/site-html/$id.html"
        target/release/examples/page_text "$page" > "$work/site-text.part/$id.txt"
    done
    mv "$work/site-text.part" "$work/site-text"
fi
export XDG_CACHE_HOME="$work/cache"

now() { date +%s%N; }
# Starts the reader on $1 and prints ms to the first frame, to the first
# events and to the whole corpus.
measure() {
    tmux kill-session -t vff 2>/dev/null || true
    local start first="" events="" all=""
    start=$(now)
    # The cache folder goes in the command: a tmux server already running
    # would give the reader its own environment, not this script's.
    tmux new -d -s vff -x 120 -y 40 "XDG_CACHE_HOME='$XDG_CACHE_HOME' $verbatim $1"
    while [ -z "$all" ]; do
        screen=$(tmux capture-pane -t vff -p 2>/dev/null || true)
        if [ -z "$first" ] && grep -q "looking\|loading\|Events (" <<<"$screen"; then first=$(( ($(now) - start) / 1000000 )); fi
        if [ -z "$events" ] && grep -q "Events (" <<<"$screen"; then events=$(( ($(now) - start) / 1000000 )); fi
        if grep -q "Events (" <<<"$screen" && ! grep -q "loading " <<<"$screen"; then all=$(( ($(now) - start) / 1000000 )); fi
        sleep 0.005
    done
    # Long enough for the worker to build the index and write the cache.
    [ "${2:-}" = cold ] && sleep "${3:-1}"
    tmux send-keys -t vff q
    sleep 0.3
    echo "$first $events $all"
}

printf '%-12s %-5s %12s %12s %12s\n' corpus cache "first frame" "events" "all"
shift || true
for name in ${@:-bundled kremlin-en archive archive-x5 site-html site-text}; do
    case $name in
        bundled) path="" ;;
        kremlin-en) path=../shared/corpus/kremlin-en ;;
        archive) path=$archive ;;
        archive-x5) path=$work/x5 ;;
        site-html) path=$work/site-html ;;
        site-text) path=$work/site-text ;;
    esac
    wait=$([ "$name" = archive-x5 ] && echo 8 || echo 3)
    for cache in cold warm; do
        for run in $(seq "$runs"); do
            [ "$cache" = cold ] && rm -rf "$XDG_CACHE_HOME"
            read -r first events all < <(measure "$path" "$cache" "$wait")
            printf '%-12s %-5s %9s ms %9s ms %9s ms\n' "$name" "$cache" "$first" "$events" "$all"
        done
    done
done
