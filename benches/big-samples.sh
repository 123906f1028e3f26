#!/usr/bin/env bash
# Times `kplan plan` on a request whose latency file holds 10 million samples, beside
# `sort -n` on the same file as a baseline, and (when installed) pandas + numpy doing the
# same summary. Reports median wall time, CPU time and peak memory from GNU time.
#
#   benches/big-samples.sh            # 10,000,000 samples
#   SAMPLES=1000000 benches/big-samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."

samples=${SAMPLES:-10000000}
runs=${RUNS:-5}
data=benches/data
mkdir -p "$data"
csv="$data/latency-$samples.csv"
request="$data/big-$samples.toml"

if [ ! -f "$csv" ]; then
  echo "generating $csv ..." >&2
  # Deterministic log-normal-ish latencies, one column with a latency_ms header.
  awk -v n="$samples" 'BEGIN {
    srand(42); print "latency_ms";
    for (i = 0; i < n; i++) { u = rand() + 1e-12; v = rand();
      printf "%.3f\n", exp(2.4 + 0.5 * sqrt(-2 * log(u)) * cos(6.283185307 * v)) }
  }' > "$csv"
fi
cat > "$request" <<TOML
[topic]
name = "bench.big.samples"
type = "batch"
delivery = "at-least-once"

[publish]
max_messages = 3_600_000
message_bytes = 1024

[subscribe]
target_minutes = 30
latency_file = "latency-$samples.csv"
TOML

cargo build --release --quiet
kplan=target/release/kplan

source benches/measure.sh

echo "$(wc -c < "$csv") bytes, $samples samples, $runs runs each"
measure "kplan plan" "$kplan" plan "$request" --format json
measure "sort -n (baseline)" sort -n "$csv" -o /dev/null
if python3 -c 'import pandas, numpy' 2>/dev/null; then
  measure "pandas + numpy (baseline)" python3 -c "
import sys, pandas, numpy
s = pandas.read_csv(sys.argv[1])['latency_ms'].to_numpy()
print(len(s), s.mean(), s.std(ddof=1), numpy.percentile(s, [50, 90, 95, 99]))
" "$csv"
fi
