#!/usr/bin/env bash
# The `idle` scenario: SESSIONS (default 10,000) concurrent idle sessions (greeting read, EHLO sent) against
# `mailroom serve` on loopback; prints the server's resident memory and live heap (after a full GC) before
# and with the sessions open, and a new session's greeting latency meanwhile. Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${SESSIONS:-10000}
port=${PORT:-2727}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"
./mailroom serve --listen "127.0.0.1:$port" --data "$work/data" --no-tls \
    --max-connections $((sessions + 100)) --max-connections-per-ip $((sessions + 100)) 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 600); do grep -q "event=listening" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
java_bin=$(readlink "/proc/$server_pid/exe")
measure() {   # label
  "${java_bin%/java}/jcmd" "$server_pid" GC.run >/dev/null
  local rss heap
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  heap=$("${java_bin%/java}/jcmd" "$server_pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1)
  echo "bench idle: $1: RSS $((rss / 1024)) MiB, heap $heap"
}
measure "no sessions"
timeout 300 python3 bench/idle_sessions.py "$sessions" "$port" "$work/ready" 20 &
client=$!
for _ in $(seq 300); do [ -f "$work/ready" ] && break; sleep 1; done
[ -f "$work/ready" ] || { echo "bench idle: the client did not open its sessions" >&2; exit 1; }
measure "$sessions idle sessions"
wait "$client"
