#!/usr/bin/env bash
# Times `kplan keys` on two generated key files, beside baselines measured in the same
# run on the same files: `sort | uniq -c` (LC_ALL=C, GNU sort's fastest) and a pandas
# `value_counts` (in a virtual environment of its own under benches/data when the system
# Python has no pandas). Reports median wall time, CPU time and peak RSS from GNU time.
#   - 10 million distinct keys, one line each (210 MB): memory is the distinct keys.
#   - 100 million lines drawn from 10 million keys (2.1 GB): memory stays that of the
#     distinct keys, not of the lines; this file is large, so it runs $RUNS_BIG times.
#
#   benches/keys.sh                      # 5 runs on 10M distinct, 1 on 100M lines
#   DISTINCT=1000000 LINES=10000000 RUNS=3 RUNS_BIG=3 benches/keys.sh
#   PANDAS=0 benches/keys.sh             # without the pandas baseline
set -euo pipefail
cd "$(dirname "$0")/.."

distinct=${DISTINCT:-10000000}
lines=${LINES:-100000000}
runs=${RUNS:-5}
runs_big=${RUNS_BIG:-1}
data=benches/data
mkdir -p "$data"
unique="$data/keys-distinct-$distinct.txt"
repeated="$data/keys-lines-$lines-of-$distinct.txt"

if [ ! -f "$unique" ]; then
  echo "generating $unique ..." >&2
  # Every key once, in a scrambled order (7919 is prime to the count unless it divides it).
  awk -v n="$distinct" 'BEGIN { for (i = 0; i < n; i++) printf "account-%012d\n", (i * 7919) % n }' > "$unique"
fi
if [ ! -f "$repeated" ]; then
  echo "generating $repeated ..." >&2
  awk -v n="$lines" -v k="$distinct" 'BEGIN {
    srand(42); for (i = 0; i < n; i++) printf "account-%012d\n", int(rand() * k) }' > "$repeated"
fi

cargo build --release --quiet
kplan=target/release/kplan

source benches/measure.sh

value_counts='
import sys, pandas
keys = pandas.read_csv(sys.argv[1], header=None, names=["key"], dtype=str,
                       na_filter=False, sep="\t", quoting=3)["key"]
counts = keys.value_counts()
print(len(keys), len(counts)); print(counts.head(10))
'
python=""
if [ "${PANDAS:-1}" != 0 ]; then python=$(pandas_python); fi

bench() { # file, runs
  local file=$1 runs=$2
  echo "$file: $(wc -c < "$file") bytes, $(wc -l < "$file") lines, $runs runs each, $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg)"
  measure "kplan keys" "$kplan" keys "$file" --partitions 30 --from 20 --format json
  local kplan_wall=$last_wall kplan_mem=$last_mem
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("    %d keys, %d distinct, busiest share %.6f, moved %.4f" % (d["keys"], d["distinct_keys"], d["max_share"], d["moved"]["share"]))' "$data/out.txt"
  measure "sort | uniq -c (baseline)" sh -c "LC_ALL=C sort '$file' | uniq -c > /dev/null"
  ratios "sort | uniq -c"
  if [ -n "$python" ]; then
    measure "pandas value_counts (baseline)" "$python" -c "$value_counts" "$file"
    ratios "pandas"
  fi
}

ratios() { # baseline name; kplan's figures in the caller's kplan_wall and kplan_mem
  awk -v name="$1" -v bw="$last_wall" -v bm="$last_mem" -v kw="$kplan_wall" -v km="$kplan_mem" \
    'BEGIN { printf "    %s / kplan: wall %.1fx, peak RSS %.1fx\n", name, bw / kw, bm / km }'
}

bench "$unique" "$runs"
bench "$repeated" "$runs_big"
