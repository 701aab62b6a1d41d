# shellcheck shell=bash
# Arithmetic for the benchmark scripts (bash has integers only). Sourced.

# The median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g \
    | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Messages per second: $1 messages, $2 and $3 start and end as $EPOCHREALTIME (seconds with microseconds).
rate() {
  awk -v m="$1" -v s="$2" -v e="$3" 'BEGIN { printf "%.0f", m / (e - s) }'
}

# $1 / $2 with two decimals, or "-" when either is missing.
ratio() {
  if [ -z "$1" ] || [ -z "$2" ]; then echo "-"; return; fi
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# $1 × $2 rounded, at least 1: message counts under SCALE.
scaled() {
  awk -v n="$1" -v s="$2" 'BEGIN { m = int(n * s + 0.5); print (m < 1) ? 1 : m }'
}
