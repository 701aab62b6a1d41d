#!/usr/bin/env bash
# Side-by-side benchmark (the Performance issue): Mailroom and its peers on loopback, driven by Postfix's
# smtp-source through fixed, bounded scenarios, the servers interleaved round by round (mailroom, postfix,
# subetha, sink, mailroom, ...). Prints every run, the medians, the ratios Mailroom/peer against the issue's
# targets and Markdown tables for bench/README.md. Peers: a private Postfix instance (bench/lib/postfix.sh),
# SubEthaSMTP with a handler that fsyncs (bench/peers/subethasmtp), smtp-sink as the protocol-only ceiling.
# Settings (environment), defaults first:
#   SCENARIOS="seq conc20 conc20-multi big conn20-per-msg idle"  ROUNDS=3  SCALE=1 (multiplies message counts)
#   SERVERS="mailroom postfix subetha sink"  WARMUP=500  IDLE_SESSIONS=10000  IDLE_POSTFIX_SESSIONS=100
#   BASE_PORT=2531 (mailroom; postfix, subetha and sink on the next three)
# Needs root (Postfix's master), python3 for idle; installs Debian's postfix package if smtp-source is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/stats.sh
source bench/lib/memory.sh
source bench/lib/postfix.sh

scenarios=${SCENARIOS:-"seq conc20 conc20-multi big conn20-per-msg idle"}
rounds=${ROUNDS:-3}
scale=${SCALE:-1}
servers=${SERVERS:-"mailroom postfix subetha sink"}
warmup=${WARMUP:-500}
idle_sessions=${IDLE_SESSIONS:-10000}
idle_postfix_sessions=${IDLE_POSTFIX_SESSIONS:-100}
base_port=${BASE_PORT:-2531}
domain=bench.test
run_timeout=600   # seconds; no run of a full-scale scenario comes near it on a 2-core machine

# smtp-source options of each throughput scenario (its -m comes from scenario_messages, times SCALE).
declare -A scenario_options=(
  [seq]="-s 1 -d -l 4096"
  [conc20]="-s 20 -d -l 4096"
  [conc20-multi]="-s 20 -d -r 10 -l 4096"
  [big]="-s 4 -d -l 1048576"
  [conn20-per-msg]="-s 20 -l 4096"
)
# conc20-multi: 2,000 messages are 20,000 recipients, as many deliveries as conc20 has messages.
# conn20-per-msg: 5,000 connections; each also pays a TCP handshake, greeting, EHLO and QUIT.
declare -A scenario_messages=([seq]=2000 [conc20]=20000 [conc20-multi]=2000 [big]=200 [conn20-per-msg]=5000)
declare -A port=([mailroom]=$base_port [postfix]=$((base_port + 1)) [subetha]=$((base_port + 2)) [sink]=$((base_port + 3)))
declare -A label=([mailroom]=Mailroom [postfix]=Postfix [subetha]="SubEthaSMTP+fsync" [sink]=smtp-sink)
# The issue's targets: scenario, peer, least median ratio Mailroom/peer.
targets=("conc20 postfix 2.5" "conc20 subetha 1.3" "seq postfix 1.2" "conn20-per-msg postfix 1.5" "big sink 0.9")

fail() {
  echo "bench: $*" >&2
  exit 1
}

for server in $servers; do [ -n "${port[$server]:-}" ] || fail "unknown server '$server'"; done
for scenario in $scenarios; do
  [ "$scenario" = idle ] || [ -n "${scenario_options[$scenario]:-}" ] || fail "unknown scenario '$scenario'"
done
[[ " $servers " == *" mailroom "* ]] || fail "SERVERS must include mailroom: every ratio is Mailroom's"
[ "$(id -u)" -eq 0 ] || [[ " $servers " != *" postfix "* ]] || fail "the Postfix peer needs root; or leave it out of SERVERS"

work=$(mktemp -d /tmp/mailroom-compare.XXXXXX)
chmod 755 "$work"   # the private Postfix's daemons, running as user postfix, reach their queue through it
declare -A pid=()
sink_user=""
[ "$(id -u)" -ne 0 ] || sink_user=nobody

stop_server() {
  local server=$1
  if [ "$server" = postfix ]; then
    postfix_stop "$work/postfix"
  elif [ -n "${pid[$server]:-}" ]; then
    kill -TERM "${pid[$server]}" 2>/dev/null || true
    wait "${pid[$server]}" 2>/dev/null || true
  fi
  unset "pid[$server]"
}

cleanup() {
  for server in $servers; do stop_server "$server"; done
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"   # the idle scenario holds 10,000 sockets on each side

# --- Tools and builds -------------------------------------------------------------------------------------

if ! command -v smtp-source >/dev/null; then
  echo "bench: installing Debian's postfix package for smtp-source and smtp-sink, with no mail server running"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null
fi

# The launcher picks the JDK and (re)builds target/mailroom.jar; -XshowSettings tells which JDK it picked.
MAILROOM_JAVA_OPTS=-XshowSettings:properties ./mailroom --version >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; fail "building Mailroom failed"; }
jdk_home=$(sed -n 's/^ *java.home = //p' "$work/build.log")
[ -x "$jdk_home/bin/java" ] || fail "could not tell which JDK ./mailroom uses"

peer_dir=bench/peers/subethasmtp
peer_jar=$peer_dir/target/subethasmtp-peer.jar
if [[ " $servers " == *" subetha "* ]] \
    && { [ ! -f "$peer_jar" ] || [ -n "$(find "$peer_dir/src" "$peer_dir/pom.xml" -newer "$peer_jar" -print -quit)" ]; }; then
  (cd "$peer_dir" && JAVA_HOME=$jdk_home mvn -B -q package) >"$work/peer-build.log" 2>&1 \
    || { cat "$work/peer-build.log" >&2; fail "building the SubEthaSMTP peer failed"; }
fi

# --- Servers ----------------------------------------------------------------------------------------------

listening() {
  ss -Hltn "sport = :$1" | grep -q .
}

# Starts $1 on its port. $2: connections it must hold at once (idle); empty for the defaults, which carry
# 20 concurrent clients (Mailroom's per-client limit, 50 by default, is raised to 200 as for quick.sh).
start_server() {
  local server=$1 connections=${2:-} p=${port[$1]}
  listening "$p" && fail "127.0.0.1:$p is busy; set BASE_PORT"
  case $server in
    mailroom)
      # Through the launcher, so Mailroom runs with its default JVM settings (it execs java: $! is the JVM).
      ./mailroom serve --listen "127.0.0.1:$p" --data "$work/mailroom" \
          --domain "$domain" --no-tls --max-connections "${connections:-1000}" \
          --max-connections-per-ip "${connections:-200}" >>"$work/mailroom.log" 2>&1 &
      pid[mailroom]=$! ;;
    subetha)
      "$jdk_home/bin/java" -jar "$peer_jar" --port "$p" --dir "$work/subetha" \
          --max-connections "${connections:-1000}" >>"$work/subetha.log" 2>&1 &
      pid[subetha]=$! ;;
    postfix)
      [ -f "$work/postfix/etc/main.cf" ] || postfix_setup "$work/postfix" "$p" "$domain"
      postfix_start "$work/postfix" >>"$work/postfix-start.log" 2>&1 \
        || { cat "$work/postfix-start.log" "$work/postfix/maillog" >&2; fail "postfix did not start"; }
      pid[postfix]=$(postfix_master_pid "$work/postfix") ;;
    sink)
      # As root, smtp-sink must drop to another user once it has its socket.
      smtp-sink ${sink_user:+-u "$sink_user"} "127.0.0.1:$p" 1024 >>"$work/sink.log" 2>&1 &
      pid[sink]=$! ;;
  esac
  for _ in $(seq 600); do
    listening "$p" && return 0
    kill -0 "${pid[$server]}" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/$server.log" >&2 2>/dev/null || true
  fail "$server did not start listening on 127.0.0.1:$p"
}

# What $1 has stored so far: Maildir entries in new/ (one per recipient) for Mailroom, files (one per message)
# for SubEthaSMTP, recipients discarded for Postfix; smtp-sink keeps nothing.
stored() {
  case $1 in
    mailroom) { find "$work/mailroom/mail" -path '*/new/*' -type f 2>/dev/null || true; } | wc -l ;;
    subetha) find "$work/subetha" -type f | wc -l ;;
    postfix) postfix_discarded "$work/postfix" ;;
    sink) echo 0 ;;
  esac
}

# How much stored() must grow when $1 accepts $2 messages of $3 recipients each.
expected_growth() {
  case $1 in
    mailroom | postfix) echo $(($2 * $3)) ;;
    subetha) echo "$2" ;;
    sink) echo 0 ;;
  esac
}

# Between runs, so that each starts with the same, empty, directories.
empty_store() {
  case $1 in
    mailroom) find "$work/mailroom/mail" -path '*/new/*' -type f -delete 2>/dev/null || true ;;
    subetha) find "$work/subetha" -type f -delete ;;
  esac
}

# --- Runs -------------------------------------------------------------------------------------------------

# Sends $2 messages to $1 with smtp-source options $3, from an emptied store, and checks that the server took
# every one: smtp-source stops at the first unexpected reply, and the store must have grown by exactly what
# was sent. Waits for Postfix's queue to drain (outside the timing), so its background delivery does not
# overlap the next run. Leaves the seconds the client took in $elapsed.
send_and_check() {
  local server=$1 messages=$2 options=$3 recipients=1 before start end growth expected
  [[ $options =~ -r\ ([0-9]+) ]] && recipients=${BASH_REMATCH[1]}
  empty_store "$server"
  # Writes the deletions (and anything else pending) back now, not during this run's first fsync.
  sync -f "$work"
  before=$(stored "$server")
  start=$EPOCHREALTIME
  # shellcheck disable=SC2086 # options are words
  timeout "$run_timeout" smtp-source $options -m "$messages" -f "bench@$domain" -t "sink@$domain" \
      "127.0.0.1:${port[$server]}" >"$work/source.log" 2>&1 \
    || { cat "$work/source.log" >&2; fail "smtp-source against $server failed or timed out"; }
  end=$EPOCHREALTIME
  elapsed=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
  expected=$(expected_growth "$server" "$messages" "$recipients")
  if [ "$server" = postfix ]; then postfix_wait_drained "$work/postfix" $((before + expected)) || fail "postfix did not drain"; fi
  growth=$(($(stored "$server") - before))
  [ "$growth" -eq "$expected" ] || fail "$server stored $growth of the $expected expected after $messages messages"
}

declare -A rates=()   # "scenario server" -> the runs' msgs/s, space-separated

measure() {   # $1 scenario, $2 round, $3 server
  local scenario=$1 server=$3 messages r
  messages=$(scaled "${scenario_messages[$scenario]}" "$scale")
  send_and_check "$server" "$messages" "${scenario_options[$scenario]}"
  r=$(rate "$messages" 0 "$elapsed")
  rates["$scenario $server"]+="$r "
  printf '  %-15s round %s  %-18s %6s msgs in %8ss = %6s msgs/s\n' "$scenario" "$2" "${label[$server]}" \
      "$messages" "$elapsed" "$r"
}

server_median() {   # $1 scenario, $2 server
  local runs=${rates["$1 $2"]:-}
  # shellcheck disable=SC2086 # one argument per run
  if [ -n "$runs" ]; then median $runs; fi
}

throughput_scenarios=$(tr ' ' '\n' <<<"$scenarios" | grep -vx idle | grep . | tr '\n' ' ' || true)

echo "bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$(df -T "$work" | awk 'NR == 2 { print $2 }') under $work"
echo "bench: $("$jdk_home/bin/java" -version 2>&1 | head -1); Postfix $(postconf -dh mail_version);" \
     "SubEthaSMTP $(sed -n 's:.*<subethasmtp.version>\(.*\)</subethasmtp.version>.*:\1:p' "$peer_dir/pom.xml")"
echo "bench: scenarios: $scenarios; servers: $servers; rounds $rounds; scale $scale"

if [ -n "$throughput_scenarios" ]; then
  for server in $servers; do
    start_server "$server"
    send_and_check "$server" "$warmup" "-s 4 -d -l 4096"   # untimed: JIT warm-up, first files and processes
  done
  for scenario in $throughput_scenarios; do
    for round in $(seq "$rounds"); do
      for server in $servers; do measure "$scenario" "$round" "$server"; done
    done
  done
  for server in $servers; do stop_server "$server"; done
fi

# --- Idle -------------------------------------------------------------------------------------------------

# Each server on its own, freshly started with room for the sessions. Postfix runs one smtpd process per
# session, so 10,000 would mean 10,000 processes: it gets IDLE_POSTFIX_SESSIONS, within its process limit, to
# show the cost per session. smtp-sink stores nothing and is left out.
declare -A idle_rows=()
if [[ " $scenarios " == *" idle "* ]]; then
  for server in $servers; do
    [ "$server" != sink ] || continue
    sessions=$idle_sessions jdk_bin=$jdk_home/bin
    if [ "$server" = postfix ]; then sessions=$idle_postfix_sessions jdk_bin=""; fi
    start_server "$server" $((sessions + 100))
    echo "bench idle: ${label[$server]}, $sessions sessions"
    run_idle_sessions "${pid[$server]}" "${port[$server]}" "$sessions" "$jdk_bin" "$work"
    while IFS= read -r line; do echo "  $line"; done <<<"$idle_report"
    idle_rows[$server]="| ${label[$server]} | $sessions | $(sed -n '1s/^[^:]*: //p' <<<"$idle_report") |"
    idle_rows[$server]+=" $(sed -n '2s/^[^:]*: //p' <<<"$idle_report") | $idle_greeting_ms ms |"
    stop_server "$server"
  done
fi

# --- Summary ----------------------------------------------------------------------------------------------

if [ -n "$throughput_scenarios" ]; then
  echo "bench: medians (msgs/s) of $rounds rounds, and Mailroom/peer"
  for scenario in $throughput_scenarios; do
    mailroom_median=$(server_median "$scenario" mailroom)
    for server in $servers; do
      runs=${rates["$scenario $server"]}
      line=$(printf '  %-15s %-18s %8s   (runs: %s)' "$scenario" "${label[$server]}" \
          "$(server_median "$scenario" "$server")" "${runs% }")
      [ "$server" = mailroom ] || line+="   Mailroom/${label[$server]} $(ratio "$mailroom_median" "$(server_median "$scenario" "$server")")"
      echo "$line"
    done
  done
  echo "bench: the issue's targets"
  for target in "${targets[@]}"; do
    read -r scenario peer least <<<"$target"
    [[ " $throughput_scenarios " == *" $scenario "* && " $servers " == *" $peer "* ]] || continue
    r=$(ratio "$(server_median "$scenario" mailroom)" "$(server_median "$scenario" "$peer")")
    verdict=$(awk -v r="$r" -v t="$least" 'BEGIN { print (r >= t) ? "met" : "MISSED" }')
    printf '  %-15s Mailroom/%-18s %5s  (target >= %s)  %s\n' "$scenario" "${label[$peer]}" "$r" "$least" "$verdict"
  done

  echo
  echo "Medians of $rounds interleaved rounds, msgs/s (scale $scale):"
  echo
  header="| scenario |" rule="|---|"
  for server in $servers; do header+=" ${label[$server]} |" rule+="---:|"; done
  for server in $servers; do
    [ "$server" = mailroom ] || { header+=" Mailroom/${label[$server]} |"; rule+="---:|"; }
  done
  echo "$header"
  echo "$rule"
  for scenario in $throughput_scenarios; do
    row="| \`$scenario\` |"
    for server in $servers; do row+=" $(server_median "$scenario" "$server") |"; done
    for server in $servers; do
      [ "$server" = mailroom ] \
        || row+=" $(ratio "$(server_median "$scenario" mailroom)" "$(server_median "$scenario" "$server")") |"
    done
    echo "$row"
  done
fi

if [ "${#idle_rows[@]}" -gt 0 ]; then
  echo
  echo "Idle sessions (greeting read, EHLO sent), memory after a full GC for the JVMs:"
  echo
  echo "| server | sessions | no sessions | with the sessions open | new session's greeting, median |"
  echo "|---|---:|---|---|---:|"
  for server in $servers; do
    if [ -n "${idle_rows[$server]:-}" ]; then echo "${idle_rows[$server]}"; fi
  done
fi
