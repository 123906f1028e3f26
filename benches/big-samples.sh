#!/usr/bin/env bash
# Times `kplan plan` on a request whose latency file holds 10 million samples, beside
# baselines measured in the same run on the same file: `sort -n`, and pandas + numpy
# doing the same summary (in a virtual environment of its own under benches/data when
# the system Python has no pandas; PANDAS=0 leaves it out). Then the speed-up over
# pandas, and the peak memory per sample. Reports median wall time, CPU time and peak
# memory from GNU time.
#
#   benches/big-samples.sh            # 10,000,000 samples, a batch request
#   SAMPLES=1000000 benches/big-samples.sh
#   TOPIC_TYPE=online benches/big-samples.sh   # an online request keeps every sample
set -euo pipefail
cd "$(dirname "$0")/.."

samples=${SAMPLES:-10000000}
topic_type=${TOPIC_TYPE:-batch}
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
type = "$topic_type"
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
kplan_wall=$last_wall kplan_mem=$last_mem
awk -v kb="$kplan_mem" -v n="$samples" 'BEGIN { printf "    peak RSS %.2f bytes per sample\n", kb * 1024 / n }'
measure "sort -n (baseline)" sort -n "$csv" -o /dev/null
if [ "${PANDAS:-1}" != 0 ]; then
  python=$(pandas_python)
  # OPENBLAS_CORETYPE, set on some machines for old OpenBLAS builds, slows a current numpy.
  measure "pandas + numpy (baseline)" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" -c "
import sys, pandas, numpy
s = pandas.read_csv(sys.argv[1])['latency_ms'].to_numpy()
print(len(s), s.mean(), s.std(ddof=1), numpy.percentile(s, [50, 90, 95, 99]))
" "$csv"
  awk -v a="$last_wall" -v b="$kplan_wall" 'BEGIN { printf "    kplan is %.1f times faster than pandas + numpy (median wall)\n", a / b }'
fi
