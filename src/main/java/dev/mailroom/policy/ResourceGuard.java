package dev.mailroom.policy;

import java.util.Optional;

/**
 * Tells whether the process is short of a resource it needs to serve mail (memory, file descriptors). While it
 * is, new connections get 421 4.3.2 and new transactions 452 4.3.1, instead of failing in stranger ways later;
 * as soon as it is not, service resumes by itself.
 */
@FunctionalInterface
public interface ResourceGuard {

    /** The resource that is short now ("memory", "file descriptors"), empty when there is room. */
    Optional<String> shortage();

    /** Never short: for tests and embedders that watch resources themselves. */
    ResourceGuard NONE = Optional::empty;
}
