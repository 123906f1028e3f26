#!/usr/bin/env bash
# Times `kplan check` on a generated repository of 10,000 request files (inline latency
# summaries, a policy at the root, a hundred team folders), beside baselines measured in
# the same run: `find` listing the files, and `find | xargs cat` reading them all.
# Reports the median wall time, CPU time and peak memory from GNU time.
#
#   benches/check-10k.sh              # 10,000 files, 7 runs each
#   FILES=50000 RUNS=5 benches/check-10k.sh
set -euo pipefail
cd "$(dirname "$0")/.."

files=${FILES:-10000}
runs=${RUNS:-7}
data=benches/data
repo="$data/check-$files"

if [ ! -f "$repo/.complete" ]; then
  echo "generating $files request files under $repo ..." >&2
  rm -rf "$repo"
  mkdir -p "$repo"
  # A repository of its own, so the policy search stops here.
  mkdir -p "$repo/.git"
  cat > "$repo/kplan-policy.toml" <<'TOML'
max_partitions = 60
topic_name_pattern = 'team[0-9]+\.[a-z0-9-]+\.v[0-9]+'
allowed_delivery = ["at-least-once", "exactly-once", "at-most-once"]
require_dead_letter = true
target_minutes = { min = 1, max = 1440 }
max_concurrency = 8

[severity]
at-most-once = "off"
TOML
  # Deterministic variety: online and batch, the three deliveries, keyed and not,
  # delay objectives, headroom; a few requests land over the cap.
  awk -v n="$files" -v dir="$repo" 'BEGIN {
    srand(42);
    split("at-least-once exactly-once at-most-once", deliveries, " ");
    for (i = 0; i < n; i++) {
      team = sprintf("team%02d", i % 100);
      folder = dir "/" team;
      if (i < 100) system("mkdir -p " folder);
      file = sprintf("%s/topic-%05d.toml", folder, i);
      online = (i % 3 == 0);
      delivery = deliveries[1 + i % 3];
      mean = 1 + int(rand() * 400) / 10;
      printf "# generated request %d\n[topic]\nname = \"%s.events-%05d.v1\"\n", i, team, i > file;
      printf "type = \"%s\"\n", (online ? "online" : "batch") > file;
      if (i % 4 == 0) printf "partition_key = \"id\"\n" > file;
      printf "delivery = \"%s\"\n\n[publish]\n", delivery > file;
      printf "max_messages = %d\nmessage_bytes = %d\n\n", 10000 + int(rand() * 2000000), 100 + int(rand() * 4000) > file;
      printf "[subscribe]\ntarget_minutes = %d\n", 5 + int(rand() * 120) > file;
      printf "latency_ms = { mean = %.1f, p99 = %.1f }\n", mean, mean * 4 > file;
      if (online) printf "max_delay_ms = %d\n", 2000 + int(rand() * 10000) > file;
      if (delivery != "at-most-once") printf "\n[dead_letter]\nretries = 2\nbackoff_ms = 1000\n" > file;
      if (i % 5 == 0) printf "\n[limits]\nheadroom = 1.2\n" > file;
      close(file);
    }
  }'
  touch "$repo/.complete"
fi

cargo build --release --quiet
kplan=target/release/kplan

source benches/measure.sh

count=$(find "$repo" -name '*.toml' ! -name kplan-policy.toml | wc -l)
echo "$count request files, $(du -sh "$repo" | cut -f1) on disk, $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $runs runs each"
("$kplan" check "$repo" || true) | tail -1
measure "kplan check (human)" "$kplan" check "$repo"
measure "kplan check --format json" "$kplan" check "$repo" --format json
measure "kplan check, one core (taskset)" taskset -c 0 "$kplan" check "$repo"
measure "find (baseline: list)" find "$repo" -name '*.toml'
measure "find | xargs cat (baseline: read)" sh -c "find '$repo' -name '*.toml' -print0 | xargs -0 cat"
