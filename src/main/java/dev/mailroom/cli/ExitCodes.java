package dev.mailroom.cli;

/** Exit statuses beyond picocli's 0 (success), 1 (failure) and 2 (usage). */
final class ExitCodes {
    private ExitCodes() {
    }

    /** EX_CONFIG from sysexits.h: systemd units can refuse to restart on it ({@code RestartPreventExitStatus=78}). */
    static final int CONFIG = 78;

    /** EX_USAGE: for {@code check}, whose 2 means a permanent failure of the server checked. */
    static final int USAGE = 64;

    /** EX_SOFTWARE: for {@code check}, whose 1 means a transient failure of the server checked. */
    static final int SOFTWARE = 70;
}
