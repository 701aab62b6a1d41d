#!/usr/bin/env bash
# What one message costs: runs smtp-source's conc20 load (20 sessions, 4 KiB) against Mailroom (through the
# launcher, default settings) or the SubEthaSMTP peer, and prints the rate, the server's CPU time per message,
# how busy the machine was, and the bytes and write requests the disk received per message (writeback included).
# Usage: bash bench/cost.sh mailroom|subetha   (MESSAGES=10000 DISK=vda PORT=2643 from the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:?usage: bench/cost.sh mailroom|subetha}
messages=${MESSAGES:-10000}
disk=${DISK:-$(lsblk -no pkname "$(df --output=source /tmp | tail -1)" 2>/dev/null || true)}
disk=${disk:-vda}
port=${PORT:-2643}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
case $server in
  mailroom) ./mailroom serve --listen "127.0.0.1:$port" --data "$work/data" --domain bench.test --no-tls \
                --max-connections-per-ip 200 2>"$work/server.log" & ;;
  subetha) java_home=$(MAILROOM_JAVA_OPTS=-XshowSettings:properties ./mailroom --version 2>&1 | sed -n 's/^ *java.home = //p')
           "$java_home/bin/java" -jar bench/peers/subethasmtp/target/subethasmtp-peer.jar --port "$port" \
                --dir "$work/data" >"$work/server.log" 2>&1 & ;;
  *) echo "bench cost: unknown server '$server'" >&2; exit 64 ;;
esac
server_pid=$!
for _ in $(seq 600); do ss -Hltn "sport = :$port" | grep -q . && break; sleep 0.1; done
load() { smtp-source -s 20 -d -m "$1" -l 4096 -f bench@bench.test -t sink@bench.test "127.0.0.1:$port"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
disk_writes() { awk -v d="$disk" '$3 == d { print $8, $10 }' /proc/diskstats; }   # requests, sectors
load 1000   # warm-up
sync
ticks0=$(cpu_ticks); read -r ios0 sectors0 < <(disk_writes); read -r -a machine0 < <(head -1 /proc/stat)
started=$EPOCHREALTIME
load "$messages"
ended=$EPOCHREALTIME
ticks1=$(cpu_ticks); read -r -a machine1 < <(head -1 /proc/stat)
sync; sleep 2
read -r ios1 sectors1 < <(disk_writes)
busy=0; total=0
for i in 1 2 3 4 5 6 7; do   # user nice system idle iowait irq softirq
  delta=$((machine1[i] - machine0[i])); total=$((total + delta))
  [ "$i" -eq 4 ] || [ "$i" -eq 5 ] || busy=$((busy + delta))
done
ticks_per_second=$(getconf CLK_TCK)
awk -v m="$messages" -v s="$started" -v e="$ended" -v t=$((ticks1 - ticks0)) -v hz="$ticks_per_second" \
    -v busy="$busy" -v total="$total" -v io=$((ios1 - ios0)) -v sec=$((sectors1 - sectors0)) -v name="$server" \
    'BEGIN { printf "bench cost: %s: %.0f msgs/s, server CPU %.0f µs/msg, machine %.0f%% busy, disk %.1f KiB and %.2f writes per message\n",
             name, m / (e - s), t / hz * 1e6 / m, 100 * busy / total, sec / 2 / m, io / m }'
