#!/usr/bin/env bash
# Times `kplan plan` on an online request with a delay objective whose latency comes from
# a Prometheus histogram (`latency_histogram_file`: the piecewise-uniform distribution
# through the exact M/G/1 lattice), beside the same request with the lognormal of the
# same mean and p99 (`latency_ms = { mean, p99 }`) as the baseline. Reports median wall
# time, CPU time and peak memory from GNU time.
#
#   benches/histogram-plan.sh            # 7 runs of each
#   RUNS=5 benches/histogram-plan.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-7}
data=benches/data
mkdir -p "$data"

# Micrometer's default SLO-less layout: 2.5 ms to 10 s, counts of a skewed listener.
cat > "$data/listener.prom" <<'PROM'
# TYPE listener_seconds histogram
listener_seconds_bucket{le="0.0025"} 1200
listener_seconds_bucket{le="0.005"} 5200
listener_seconds_bucket{le="0.01"} 21000
listener_seconds_bucket{le="0.025"} 61000
listener_seconds_bucket{le="0.05"} 88000
listener_seconds_bucket{le="0.1"} 97500
listener_seconds_bucket{le="0.25"} 99600
listener_seconds_bucket{le="0.5"} 99930
listener_seconds_bucket{le="1"} 99990
listener_seconds_bucket{le="2.5"} 100000
listener_seconds_bucket{le="5"} 100000
listener_seconds_bucket{le="10"} 100000
listener_seconds_bucket{le="+Inf"} 100000
listener_seconds_sum 2210
listener_seconds_count 100000
PROM

request() { # name, latency lines -> request file
  local file="$data/histogram-$1.toml"
  cat > "$file" <<TOML
[topic]
name = "bench.histogram.$1"
type = "online"
delivery = "at-least-once"

[publish]
max_messages = 1_800_000
message_bytes = 700

[subscribe]
target_minutes = 15
max_delay_ms = 400
$2
TOML
  echo "$file"
}

cargo build --release --quiet
kplan=target/release/kplan
source benches/measure.sh

histogram=$(request from-histogram 'latency_histogram_file = "listener.prom"
latency_metric = "listener_seconds"')
mean=$("$kplan" plan "$histogram" --format json | grep -m1 '"mean"' | tr -dc '0-9.')
p99=$("$kplan" plan "$histogram" --format json | grep -m1 '"p99"' | tr -dc '0-9.')
summary=$(request lognormal "latency_ms = { mean = $mean, p99 = $p99 }")
echo "$(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg), $runs runs each; mean $mean ms, p99 $p99 ms"
for f in "$histogram" "$summary"; do "$kplan" plan "$f" --format json | grep -E '"(needed|delay|p99_delay_ms)"' | tr -s ' ' | tr '\n' ' '; echo; done
measure "plan, histogram, delay objective" "$kplan" plan "$histogram"
measure "plan, lognormal (baseline)" "$kplan" plan "$summary"
