package org.statestore.history.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code __StatestoreHistory} root or {@code __StatestoreEntry} node as the chain read returns it: its
 * properties and its immediate links only, so the read stays linear however the links were tampered with.
 *
 * @param root       a root rather than an entry
 * @param id         the node's element id
 * @param properties the node's properties, as driver Java values
 * @param next       the element id of one node its outgoing NEXT relationships lead to, if any
 * @param nextCount  how many outgoing NEXT relationships it has
 * @param prevCount  how many incoming NEXT relationships it has
 * @param head       the element id of one node its HEAD relationships lead to, if any (roots only)
 * @param headCount  how many outgoing HEAD relationships it has (roots only; 0 for entries)
 */
record ChainNode(boolean root, String id, Map<String, Object> properties, Optional<String> next, long nextCount,
                 long prevCount, Optional<String> head, long headCount) {

    ChainNode {
        Objects.requireNonNull(id, "id");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(head, "head");
    }

    static ChainNode root(String id, Map<String, Object> properties, Optional<String> next, long nextCount,
                          long prevCount, Optional<String> head, long headCount) {
        return new ChainNode(true, id, properties, next, nextCount, prevCount, head, headCount);
    }

    static ChainNode entry(String id, Map<String, Object> properties, Optional<String> next, long nextCount,
                           long prevCount) {
        return new ChainNode(false, id, properties, next, nextCount, prevCount, Optional.empty(), 0);
    }
}
