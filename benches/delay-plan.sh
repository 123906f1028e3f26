#!/usr/bin/env bash
# Times `kplan plan` on online requests with a delay objective, where the partition count
# comes from the queueing model: one thread per partition (the exact M/G/1 p99, on a
# lattice) and four (the M/G/c queue, simulated with a fixed seed), each beside the same
# request without a delay objective (the throughput formulas alone) as the baseline.
# Reports median wall time, CPU time and peak memory from GNU time.
#
#   benches/delay-plan.sh            # 7 runs of each
#   RUNS=5 benches/delay-plan.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-7}
data=benches/data
mkdir -p "$data"
latency="$(pwd)/examples/latency/payments-authorized.csv"

request() { # name, concurrency, delay line -> request file
  local file="$data/delay-$1.toml"
  cat > "$file" <<TOML
[topic]
name = "bench.delay.$1"
type = "online"
delivery = "at-least-once"

[publish]
max_messages = 1_800_000
message_bytes = 700

[subscribe]
target_minutes = 15
latency_file = "$latency"
concurrency = $2
$3
TOML
  echo "$file"
}

cargo build --release --quiet
kplan=target/release/kplan
source benches/measure.sh

one=$(request one 1 "max_delay_ms = 60")
four=$(request four 4 "max_delay_ms = 60")
one_base=$(request one-base 1 "")
four_base=$(request four-base 4 "")
echo "$(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $runs runs each"
for f in "$one" "$four"; do "$kplan" plan "$f" --format json | grep -E '"(needed|delay|p99_delay_ms|name|messages)"' | tr -s ' ' | tr '\n' ' '; echo; done
measure "plan, 1 thread, delay objective" "$kplan" plan "$one"
measure "plan, 1 thread (baseline: no objective)" "$kplan" plan "$one_base"
measure "plan, 4 threads, delay objective" "$kplan" plan "$four"
measure "plan, 4 threads (baseline: no objective)" "$kplan" plan "$four_base"
