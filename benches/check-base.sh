#!/usr/bin/env bash
# Times `kplan check --base` on a generated git repository of request files (default
# 2,000, inline latency summaries) in which 1% of the files changed since the base
# commit, beside `kplan check` alone on the same files and `git diff --stat` as baselines
# measured in the same run. Reports the median wall time, CPU time and peak memory from
# GNU time.
#
#   benches/check-base.sh             # 2,000 files, 7 runs each
#   FILES=10000 RUNS=5 benches/check-base.sh
set -euo pipefail
cd "$(dirname "$0")/.."

files=${FILES:-2000}
runs=${RUNS:-7}
data=benches/data
repo="$data/check-base-$files"

if [ ! -f "$repo/.complete" ]; then
  echo "generating $files request files under $repo ..." >&2
  rm -rf "$repo"
  mkdir -p "$repo/topics"
  awk -v n="$files" -v dir="$repo/topics" 'BEGIN {
    srand(7);
    for (i = 0; i < n; i++) {
      file = sprintf("%s/topic-%05d.toml", dir, i);
      online = (i % 3 == 0);
      mean = 1 + int(rand() * 400) / 10;
      printf "[topic]\nname = \"bench.events-%05d.v1\"\n", i > file;
      printf "type = \"%s\"\n", (online ? "online" : "batch") > file;
      if (i % 4 == 0) printf "partition_key = \"id\"\n" > file;
      printf "delivery = \"at-least-once\"\n\n[publish]\n" > file;
      printf "max_messages = %d\nmessage_bytes = %d\n\n", 10000 + int(rand() * 2000000), 100 + int(rand() * 4000) > file;
      printf "[subscribe]\ntarget_minutes = %d\n", 5 + int(rand() * 120) > file;
      printf "latency_ms = { mean = %.1f, p99 = %.1f }\n", mean, mean * 4 > file;
      if (online) printf "max_delay_ms = %d\n", 2000 + int(rand() * 10000) > file;
      printf "\n[dead_letter]\nretries = 2\nbackoff_ms = 1000\n" > file;
      close(file);
    }
  }'
  git -C "$repo" init -q
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@127.0.0.1 commit -q -m base
  # Every hundredth request asks for 1.5 times the messages.
  for f in "$repo"/topics/topic-*00.toml; do
    awk '/^max_messages/ { split($0, a, " = "); printf "max_messages = %d\n", a[2] * 1.5; next } { print }' "$f" > "$f.new"
    mv "$f.new" "$f"
  done
  touch "$repo/.complete"
fi

cargo build --release --quiet
kplan=$PWD/target/release/kplan

source benches/measure.sh

echo "$files request files, $(git -C "$repo" diff --name-only | wc -l) changed, $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $runs runs each"
(cd "$repo" && "$kplan" check topics --base HEAD || true) | tail -2
cd "$repo"
data=../ # measure writes its scratch files beside the repository
measure "kplan check --base HEAD" "$kplan" check topics --base HEAD
measure "kplan check (baseline)" "$kplan" check topics
measure "git diff --stat HEAD (baseline)" git diff --stat HEAD
