#!/usr/bin/env bash
# Smoke test of Mailroom as a user runs it: the launcher builds and reports its version, `serve` takes one
# message over SMTP into Maildir, and SIGTERM drains and exits 0. Needs bash and a JDK 21+ only (SMTP is
# spoken through bash's /dev/tcp); whatever happens, the server is stopped and its files removed.
set -euo pipefail
cd "$(dirname "$0")/.."

port=2525   # the default of `./mailroom serve`
work=$(mktemp -d)
data="$work/data"
log="$work/serve.log"
server_pid=""

cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$log" ]; then
    echo "smoke: server log:" >&2
    sed 's/^/  | /' "$log" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

fail() {
  echo "smoke: FAIL: $*" >&2
  exit 1
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

say() {   # sends each argument as one CRLF-terminated line
  printf '%s\r\n' "$@" >&3
}

reply() {   # reads one reply, all its lines; fails unless its code is $1; keeps its last line in $last
  local line
  while IFS= read -r -t 10 line <&3; do
    line=${line%$'\r'}
    case "$line" in ???-*) continue ;; esac
    [ "${line:0:3}" = "$1" ] || fail "expected $1, got: $line"
    last=$line
    return 0
  done
  fail "no reply within 10 s (expected $1)"
}

version=$(./mailroom --version) || fail "./mailroom --version"
case "$version" in Mailroom*) ;; *) fail "unexpected version output: $version" ;; esac
echo "smoke: ${version%%$'\n'*}"

if port_open; then fail "something already listens on 127.0.0.1:$port"; fi
./mailroom serve --data "$data" >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  port_open && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
  sleep 0.1
done
port_open || fail "nothing listens on 127.0.0.1:$port after 30 s"

marker="smoke-$$-$RANDOM"
exec 3<>"/dev/tcp/127.0.0.1/$port"
reply 220
say "EHLO smoke.test";                reply 250
say "MAIL FROM:<smoke@localhost>";    reply 250
say "RCPT TO:<smoke@localhost>";      reply 250
say "DATA";                           reply 354
say "Subject: $marker" "" "Sent by .ci/smoke.sh." "..a line that starts with a dot" "."
reply 250
case "$last" in *"queued as "*) id=${last##*queued as } ;; *) fail "no message id in: $last" ;; esac
say "QUIT";                           reply 221
exec 3<&-

stored=("$data/mail/localhost/smoke/new/$id".*)
[ -f "${stored[0]}" ] || fail "message $id not in $data/mail/localhost/smoke/new/"
grep -qF "Subject: $marker" "${stored[0]}" || fail "stored file lacks the subject: ${stored[0]}"
grep -qxF $'.a line that starts with a dot\r' "${stored[0]}" || fail "dot-stuffed line not restored in ${stored[0]}"
echo "smoke: message $id stored in Maildir"

kill -TERM "$server_pid"
for _ in $(seq 100); do
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$server_pid" 2>/dev/null && fail "the server still runs 10 s after SIGTERM"
status=0
wait "$server_pid" || status=$?
server_pid=""
[ "$status" -eq 0 ] || fail "the server exited with $status after SIGTERM"
grep -q "event=draining" "$log" || fail "no drain in the server log"
grep -q "event=stopped" "$log" || fail "no stop in the server log"
echo "smoke: OK (SIGTERM drained and exited 0)"
