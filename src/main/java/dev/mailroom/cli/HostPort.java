package dev.mailroom.cli;

/** A {@code HOST:PORT} flag value; IPv6 hosts in brackets, {@code [::1]:2525}. */
record HostPort(String host, int port) {
}
