#!/usr/bin/env bash
# Times one online `kplan simulate` run of 10 million messages over 30 partitions, and
# beside it, in the same run:
#   - kplan on the same request at 1 million messages: its peak memory should equal the
#     10-million run's (memory does not grow with the message count);
#   - numpy (when installed) simulating the same queues (Poisson arrivals, bootstrap
#     processing times, one FIFO worker per partition) with the vectorised Lindley
#     recursion, which holds every message in memory.
# Reports the median wall time, CPU time and peak RSS from GNU time.
#
#   benches/simulate.sh            # 5 runs of each
#   RUNS=3 benches/simulate.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
data=benches/data
mkdir -p "$data"
latency=examples/latency/payments-authorized.csv

request() { # messages -> request file
  local file="$data/simulate-$1.toml"
  cat > "$file" <<TOML
[topic]
name = "bench.simulate"
type = "online"
delivery = "at-least-once"

[publish]
max_messages = $1
message_bytes = 1024

[subscribe]
# About 2,000 msg/s; 30 partitions then run at about 56%.
target_minutes = $(( $1 / 2000 / 60 ))
latency_file = "../../$latency"
TOML
  echo "$file"
}

big=$(request 10000000)
small=$(request 1000000)

cargo build --release --quiet
kplan=target/release/kplan

source benches/measure.sh

summary() { # the delay line of the last kplan JSON output
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=d["delay_ms"]; print("    delay mean %.2f ms, p99 %.2f ms, utilisation %.3f, %d messages" % (m["mean"], m["p99"], d["utilization"], d["messages"]))' "$data/out.txt"
}

echo "$runs runs each; 30 partitions, one worker each, bootstrap from $latency"
measure "kplan simulate, 10,000,000 messages" "$kplan" simulate "$big" --partitions 30 --runs 1 --format json
summary
measure "kplan simulate, 1,000,000 messages" "$kplan" simulate "$small" --partitions 30 --runs 1 --format json
summary
if python3 -c 'import numpy' 2>/dev/null; then
  measure "numpy Lindley, 10,000,000 (baseline)" python3 -c '
import sys, numpy as np
samples = np.genfromtxt(sys.argv[1], delimiter=",", names=True, dtype=None, encoding="utf-8")["latency_ms"]
n, partitions = 10_000_000, 30
tps = n / (n // 2000 // 60 * 60) / 1000                   # per ms, as the request gives
rng = np.random.default_rng(1)
arrival = np.cumsum(rng.exponential(1 / tps, n))          # ms, merged Poisson stream
partition = rng.integers(0, partitions, n)                 # even spread
service = samples[rng.integers(0, len(samples), n)]
delays = []
for p in range(partitions):
    a, s = arrival[partition == p], service[partition == p]
    c = np.cumsum(s)
    end = np.maximum.accumulate(a - (c - s)) + c               # Lindley, vectorised
    delays.append(end - a)
d = np.concatenate(delays)
print("delay mean %.2f ms, p99 %.2f ms" % (d.mean(), np.percentile(d, 99)))
' "$latency"
  sed 's/^/    /' "$data/out.txt"
fi
