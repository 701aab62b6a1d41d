# shellcheck shell=bash
# Memory and idle-session measurements shared by bench/idle.sh and bench/compare.sh. Sourced; needs python3.

# Resident memory of process $1 and its direct children (Postfix's master and its daemons; a JVM has none),
# in MiB: "RSS PSS". The RSS sum counts shared pages (libraries, Postfix's binaries) once per process, the PSS
# sum shares them out, so for several processes PSS is the fairer total; for one process they are close.
process_memory_mib() {
  local pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    cat "/proc/$pid/smaps_rollup" 2>/dev/null || true   # a child may exit meanwhile
  done | awk '/^Rss:/ { rss += $2 } /^Pss:/ { pss += $2 } END { printf "%.0f %.0f", rss / 1024, pss / 1024 }'
}

# The live Java heap of JVM $1 after a full GC, in MiB; $2 is the JDK's bin directory (for jcmd). Sums every
# generation's "used" (G1 prints one line for its heap; the serial collector one per generation), leaving out
# metaspace and class space.
java_live_heap_mib() {
  "$2/jcmd" "$1" GC.run >/dev/null
  "$2/jcmd" "$1" GC.heap_info | grep -v -i -E 'metaspace|class space' | grep -o 'used [0-9]*K' \
    | awk '{ used += $2 } END { printf "%.1f", used / 1024 }'
}

# One line for the report: memory of $1, and its live heap when $2 (a JDK's bin directory) is given. The heap
# is measured first, so the RSS is the one after the full GC.
memory_report() {
  local heap="" rss pss
  if [ -n "${2:-}" ]; then heap=$(java_live_heap_mib "$1" "$2"); fi
  read -r rss pss < <(process_memory_mib "$1")
  echo "RSS $rss MiB, PSS $pss MiB${heap:+, live heap $heap MiB}"
}

# The idle scenario against the server $1 (PID) listening on 127.0.0.1:$2: opens $3 sessions that read the
# greeting, send EHLO and stay idle, reports memory before and with them open and a new session's greeting
# latency meanwhile. $4 the JDK's bin directory for a JVM, or empty; $5 a scratch directory. Leaves the lines
# in $idle_report (one per measurement) and the greeting median in $idle_greeting_ms.
run_idle_sessions() {
  local pid=$1 port=$2 sessions=$3 jdk_bin=$4 scratch=$5 client
  idle_report="no sessions: $(memory_report "$pid" "$jdk_bin")"$'\n'
  rm -f "$scratch/idle-ready"
  timeout 300 python3 bench/idle_sessions.py "$sessions" "$port" "$scratch/idle-ready" 20 >"$scratch/idle.out" &
  client=$!
  for _ in $(seq 300); do
    [ -f "$scratch/idle-ready" ] && break
    kill -0 "$client" 2>/dev/null || break
    sleep 1
  done
  if [ ! -f "$scratch/idle-ready" ]; then
    echo "bench idle: the client did not open its $sessions sessions:" >&2
    cat "$scratch/idle.out" >&2
    return 1
  fi
  idle_report+="$sessions idle sessions: $(memory_report "$pid" "$jdk_bin")"$'\n'
  wait "$client"
  idle_report+=$(cat "$scratch/idle.out")
  # shellcheck disable=SC2034 # read by compare.sh
  idle_greeting_ms=$(sed -n 's/.*greeting meanwhile: median \([0-9.]*\) ms.*/\1/p' "$scratch/idle.out")
}
