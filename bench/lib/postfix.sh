# shellcheck shell=bash
# A private Postfix instance for bench/compare.sh, kept entirely under one directory: its own configuration,
# meta, queue and data directories and mail log. It listens on 127.0.0.1 only, accepts mail for the bench
# domain the normal way (smtpd -> cleanup, which fsyncs the queue file before the 250) and the queue manager
# hands every recipient to the `discard` transport. It never reads or writes /etc/postfix's main.cf or
# master.cf, nor /var/spool/postfix; the system instance stays stopped. Needs root (Postfix's master does).
# Sourced; every function takes the instance's root directory first.

# Writes the instance's configuration. $1 root, $2 port, $3 domain.
postfix_setup() {
  local root=$1 port=$2 domain=$3
  # Postfix creates the queue's subdirectories and the data directory itself, with the owners it wants.
  mkdir -p "$root/etc" "$root/queue"
  # The daemons run as the postfix user and must reach the queue through every parent directory.
  chmod 755 "$root" "$root/etc"
  # post-install (run by `postfix start`) reads the list of Postfix's files from the meta directory; a copy
  # keeps even that private.
  cp -r /etc/postfix/postfix-files /etc/postfix/postfix-files.d /etc/postfix/dynamicmaps.cf \
        /etc/postfix/dynamicmaps.cf.d "$root/etc/"
  cat >"$root/etc/main.cf" <<CONF
compatibility_level = 3.6
meta_directory = $root/etc
queue_directory = $root/queue
data_directory = $root/data
# Postfix >= 3.4 logs through its own postlogd to a file: no syslog needed, nothing mixed with the system's.
maillog_file = $root/maillog
maillog_file_prefixes = $root
mail_owner = postfix
setgid_group = postdrop

myhostname = postfix.$domain
mydomain = $domain
myorigin = \$mydomain
mydestination = $domain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
# Any local part is a recipient (smtp-source -r numbers them: sink, 2sink, ...); no alias or passwd lookups.
local_recipient_maps =
alias_maps =
alias_database =
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = permit_mynetworks, reject

# Nothing leaves: every recipient, local or not, goes to the discard transport.
default_transport = discard
local_transport = discard
relay_transport = discard
virtual_transport = discard
smtp_dns_support_level = disabled
smtpd_peername_lookup = no

# Never throttle the benchmark's clients: 20 concurrent sessions and the idle scenario's 100 stay far below.
default_process_limit = 250
smtpd_client_connection_count_limit = 250
smtpd_error_sleep_time = 0
# 25 MiB, Mailroom's default, so the 1 MiB messages of the big scenario fit everywhere.
message_size_limit = 26214400
biff = no
append_dot_mydomain = no
CONF
  # Only the services this path needs, none chrooted; smtpd on loopback only.
  cat >"$root/etc/master.cf" <<CONF
127.0.0.1:$port inet n - n - - smtpd
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
}

postfix_start() {
  postfix -c "$1/etc" start
}

# Stops the instance, if it runs, and waits for its master to exit.
postfix_stop() {
  local master
  [ -s "$1/queue/pid/master.pid" ] || return 0
  master=$(postfix_master_pid "$1")
  postfix -c "$1/etc" stop || true
  for _ in $(seq 100); do
    kill -0 "$master" 2>/dev/null || return 0
    sleep 0.1
  done
}

# The PID of the instance's master process.
postfix_master_pid() {
  tr -d ' ' <"$1/queue/pid/master.pid"
}

# Recipients the discard transport has delivered so far, from the instance's own log.
postfix_discarded() {
  local count
  count=$(grep -c 'postfix/discard\[[0-9]*\]: .* status=sent' "$1/maillog" 2>/dev/null) || true
  echo "${count:-0}"
}

# Waits until $2 recipients in total have been discarded and the queue is empty, so that Postfix's background
# delivery does not run during the next server's measurement. Fails after $3 seconds (default 300).
postfix_wait_drained() {
  local root=$1 expected=$2 deadline=$((SECONDS + ${3:-300}))
  while [ "$(postfix_discarded "$root")" -lt "$expected" ] || ! postqueue -c "$root/etc" -p | grep -q 'Mail queue is empty'; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "bench: postfix discarded $(postfix_discarded "$root") of $expected recipients; its queue:" >&2
      postqueue -c "$root/etc" -p | tail -20 >&2
      return 1
    fi
    sleep 0.2
  done
}
