#!/usr/bin/env bash
# The `idle` scenario for Mailroom alone: SESSIONS (default 10,000) concurrent idle sessions (greeting read,
# EHLO sent) against `mailroom serve` on loopback; prints the server's resident memory and live heap (after a
# full GC) before and with the sessions open, and a new session's greeting latency meanwhile. Needs python3.
# bench/compare.sh runs the same measurement against Mailroom and its peers.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/memory.sh
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
grep -q "event=listening" "$work/serve.log" || { echo "bench idle: the server did not start; log:" >&2; cat "$work/serve.log" >&2; exit 1; }
java_bin=$(readlink "/proc/$server_pid/exe")
run_idle_sessions "$server_pid" "$port" "$sessions" "${java_bin%/java}" "$work"
while IFS= read -r line; do echo "bench idle: $line"; done <<<"$idle_report"
