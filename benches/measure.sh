# Shared by the benchmark scripts (source it; it needs $runs and $data set).
# `measure NAME COMMAND...` runs COMMAND $runs times under GNU time and prints the median
# wall time, CPU time and peak RSS. Wall time shows what a user waits; CPU time (user +
# system) is what the run costs, and barely moves when other work shares the cores.
# The last run's standard output is kept in $data/out.txt; the medians in $last_wall (s)
# and $last_mem (KB), for ratios.

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # name, command...
  local name=$1; shift
  local walls=() cpus=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$data/time.txt" "$@" > "$data/out.txt" || true
    # GNU time puts "Command exited with non-zero status" first when the command fails.
    read -r wall user system mem < <(tail -n 1 "$data/time.txt")
    walls+=("$wall"); cpus+=("$(echo "$user + $system" | bc -l)"); mems+=("$mem")
  done
  last_wall=$(printf '%s\n' "${walls[@]}" | median)
  last_mem=$(printf '%s\n' "${mems[@]}" | median)
  printf '%-36s median wall %6.2f s   CPU %6.2f s   peak RSS %7.1f MiB\n' "$name" \
    "$last_wall" "$(printf '%s\n' "${cpus[@]}" | median)" "$(echo "$last_mem / 1024" | bc -l)"
}

# `pandas_python` prints a Python that has pandas and numpy: the system's when it has
# them, else one in a virtual environment under $data/venv, made on first use.
pandas_python() {
  if python3 -c 'import pandas, numpy' 2>/dev/null; then
    command -v python3
    return
  fi
  if [ ! -x "$data/venv/bin/python" ] || ! "$data/venv/bin/python" -c 'import pandas, numpy' 2>/dev/null; then
    echo "installing pandas and numpy into $data/venv ..." >&2
    python3 -m venv "$data/venv" >&2
    "$data/venv/bin/pip" install --quiet pandas numpy >&2
  fi
  echo "$data/venv/bin/python"
}
