#!/usr/bin/env bash
# Quick throughput figure for Mailroom: starts `./mailroom serve` on loopback with its default durable
# Maildir delivery, then for 1 and 20 concurrent sessions sends MESSAGES messages of SIZE octets, RUNS times
# per client, interleaving the clients, and prints every run and the medians. Clients: the project's own
# SmtpLoad (reused, pipelined connections) and, when Postfix's smtp-source is installed, smtp-source with a
# new connection per message (its default) and with -d (connections reused, not pipelined).
# Settings (environment): MESSAGES=2000 SIZE=4096 RUNS=3 SESSIONS="1 20" PORT=2525.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/stats.sh

messages=${MESSAGES:-2000}
size=${SIZE:-4096}
runs=${RUNS:-3}
sessions=${SESSIONS:-"1 20"}
port=${PORT:-2525}
work=$(mktemp -d)
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

if port_open; then echo "bench: 127.0.0.1:$port is busy; set PORT" >&2; exit 1; fi
./mailroom serve --listen "127.0.0.1:$port" --data "$work/data" --max-connections-per-ip 100 2>"$work/serve.log" &
server_pid=$!
for _ in $(seq 600); do port_open && break; sleep 0.1; done
port_open || { echo "bench: the server did not start; log:" >&2; cat "$work/serve.log" >&2; exit 1; }

# Run SmtpLoad on the same JDK the launcher picked for the server.
java_bin=$(readlink "/proc/$server_pid/exe")
(export JAVA_HOME="${java_bin%/bin/java}"; mvn -B -q -DskipTests test-compile >"$work/build.log") \
  || { cat "$work/build.log" >&2; exit 1; }
classpath="target/test-classes:target/mailroom.jar"

have_smtp_source=false
if command -v smtp-source >/dev/null; then have_smtp_source=true; fi

echo "bench: $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) CPUs, $(uname -r), load:$(cut -d' ' -f1-3 /proc/loadavg)," \
     "data on $(df -T "$work" | awk 'NR==2 {print $2}'), $("$java_bin" -version 2>&1 | head -1)"
echo "bench: $messages messages of $size octets per run, $runs runs"

# Rates per "client sessions" key, appended run by run.
declare -A rates

empty_maildirs() {   # between runs, so each starts from the same directory sizes
  find "$work/data/mail" -type f -delete 2>/dev/null || true
}

run_smtp_load() {
  local n=$1 line
  line=$("$java_bin" -cp "$classpath" dev.mailroom.bench.SmtpLoad --port "$port" -m "$messages" -c "$n" -s "$size")
  echo "  $line"
  rates["SmtpLoad $n"]+="$(sed -n 's/.*= \([0-9.]*\) msgs\/s/\1/p' <<<"$line") "
}

run_smtp_source() {   # $1 sessions, $2 label, rest: extra smtp-source options
  local n=$1 label=$2 start end r
  shift 2
  start=$EPOCHREALTIME
  smtp-source "$@" -l "$size" -m "$messages" -s "$n" -f load@localhost -t sink@localhost "127.0.0.1:$port"
  end=$EPOCHREALTIME
  r=$(rate "$messages" "$start" "$end")
  echo "  $label: $messages messages over $n sessions = $r msgs/s"
  rates["$label $n"]+="$r "
}

# Untimed warm-up, so the first measured run does not pay for the server's JIT compilation.
"$java_bin" -cp "$classpath" dev.mailroom.bench.SmtpLoad --port "$port" -m 1000 -c 4 -s "$size" >/dev/null

for n in $sessions; do
  for run in $(seq "$runs"); do
    echo "bench: $n sessions, run $run"
    empty_maildirs; run_smtp_load "$n"
    if $have_smtp_source; then
      empty_maildirs; run_smtp_source "$n" "smtp-source"
      empty_maildirs; run_smtp_source "$n" "smtp-source-d" -d
    fi
  done
done
$have_smtp_source || echo "bench: smtp-source not installed (Debian package postfix; keep its daemon stopped)"

echo "bench: medians (msgs/s)"
for n in $sessions; do
  for label in SmtpLoad smtp-source smtp-source-d; do
    runs_seen=${rates["$label $n"]:-}
    [ -n "$runs_seen" ] || continue
    # shellcheck disable=SC2086 # one argument per run
    median=$(median $runs_seen)
    printf '  %-14s %3s sessions: %8s   (runs: %s)\n' "$label" "$n" "$median" "${runs_seen% }"
  done
done
