package org.statestore.history.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.statestore.history.HistoryEntry;
import org.statestore.history.MalformedChainException;

/**
 * Checks the nodes of one chain read and returns its entries in path order: a pure function, so the rules
 * are tested without a database.
 *
 * <p>The chain is exactly one path: one root (or nothing at all), one NEXT per step, no branch, entries
 * numbered 1..n along the path, the root's {@code last_seq} equal to n, its HEAD at entry n, no entry off
 * the path, and every entry's properties as {@link EntryProperties} requires. The first defect found is
 * thrown as a {@link MalformedChainException}; a shape that would make a variable-length match explode
 * (doubled links) is just a node with two outgoing NEXT here.
 */
final class ChainWalk {

    private static final String ROOT = "__StatestoreHistory";
    private static final String ENTRY = "__StatestoreEntry";
    private static final String LIST_ENTRIES =
            "inspect with 'MATCH (e:__StatestoreEntry) RETURN e.seq, e.version, e.state ORDER BY e.seq'";
    private static final String INSPECT_HEAD = "inspect with 'MATCH (:__StatestoreHistory)-[h:HEAD]->(e) RETURN h, e'";
    /** How many off-chain entries a message names before it says "and N more". */
    private static final int NAMED = 5;

    private ChainWalk() {
    }

    static List<HistoryEntry> walk(List<ChainNode> nodes) {
        List<ChainNode> roots = new ArrayList<>();
        Map<String, ChainNode> entries = new HashMap<>();
        for (ChainNode n : nodes) {
            if (n.root()) {
                roots.add(n);
            } else {
                entries.put(n.id(), n);
            }
        }
        if (roots.isEmpty() && entries.isEmpty()) {
            return List.of();
        }
        ChainNode root = theRoot(roots, entries);
        List<ChainNode> path = path(root, entries);
        nothingOffThePath(path, entries);
        rootAgrees(root, path, entries);
        List<HistoryEntry> out = new ArrayList<>(path.size());
        for (ChainNode e : path) {
            out.add(EntryProperties.toEntry(e.id(), e.properties()));
        }
        return List.copyOf(out);
    }

    /** The one root, which nothing links to. */
    private static ChainNode theRoot(List<ChainNode> roots, Map<String, ChainNode> entries) {
        if (roots.isEmpty()) {
            throw new MalformedChainException(count(entries.size(), ENTRY + " node") + " but no " + ROOT + " root",
                    LIST_ENTRIES);
        }
        if (roots.size() > 1) {
            throw new MalformedChainException(roots.size() + " " + ROOT + " roots (expected one)",
                    "inspect with 'MATCH (r:" + ROOT + ") RETURN r' and remove the forged one");
        }
        ChainNode root = roots.get(0);
        if (entries.containsKey(root.id())) {
            throw new MalformedChainException("a node is both " + ROOT + " and " + ENTRY,
                    "inspect with 'MATCH (n:" + ROOT + ":" + ENTRY + ") RETURN n'");
        }
        if (root.prevCount() > 0) {
            throw new MalformedChainException("the " + ROOT + " root has " + count(root.prevCount(),
                    "incoming NEXT relationship") + " (expected none)",
                    "inspect with 'MATCH (x)-[n:NEXT]->(:" + ROOT + ") RETURN x, n'");
        }
        return root;
    }

    /** The entries from the root along NEXT, each reached by exactly one link and numbered by its place. */
    private static List<ChainNode> path(ChainNode root, Map<String, ChainNode> entries) {
        List<ChainNode> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ChainNode at = root;
        while (true) {
            String who = path.isEmpty() ? "the " + ROOT + " root" : "entry seq " + path.size();
            if (at.nextCount() > 1) {
                throw new MalformedChainException(who + " has " + at.nextCount()
                        + " outgoing NEXT relationships (expected at most one)", inspectNext(path.size()));
            }
            if (at.nextCount() == 0 || at.next().isEmpty()) {
                break;
            }
            ChainNode next = entries.get(at.next().get());
            if (next == null) {
                throw new MalformedChainException(who + " has a NEXT relationship to a node that is not a "
                        + ENTRY + (at.next().get().equals(root.id()) ? " (the root)" : ""), inspectNext(path.size()));
            }
            if (!seen.add(next.id())) {
                throw new MalformedChainException(who + " links back to entry seq "
                        + next.properties().get("seq") + " (a cycle)", inspectNext(path.size()));
            }
            long position = path.size() + 1L;
            Object seq = next.properties().get("seq");
            if (seq == null) {
                throw new MalformedChainException("entry " + position + " of the chain has no seq (expected "
                        + position + ")", LIST_ENTRIES);
            }
            if (!(seq instanceof Long s)) {
                throw new MalformedChainException("entry " + position + " of the chain has seq of type "
                        + EntryProperties.typeName(seq) + " (expected the integer " + position + ")", LIST_ENTRIES);
            }
            if (s != position) {
                throw new MalformedChainException("entry " + position + " of the chain has seq " + s + " (expected "
                        + position + ")", LIST_ENTRIES);
            }
            if (next.prevCount() != 1) {
                throw new MalformedChainException("entry seq " + position + " has " + next.prevCount()
                        + " incoming NEXT relationships (expected one)",
                        "inspect with 'MATCH (x)-[n:NEXT]->(e:" + ENTRY + " {seq: " + position + "}) RETURN x, n'");
            }
            path.add(next);
            at = next;
        }
        return path;
    }

    private static void nothingOffThePath(List<ChainNode> path, Map<String, ChainNode> entries) {
        if (path.size() < entries.size()) {
            Set<String> on = new HashSet<>();
            path.forEach(e -> on.add(e.id()));
            List<ChainNode> off = entries.values().stream().filter(e -> !on.contains(e.id())).toList();
            List<Long> seqs = off.stream().map(e -> e.properties().get("seq")).filter(Long.class::isInstance)
                    .map(Long.class::cast).sorted().toList();
            List<String> named = new ArrayList<>();
            if (!seqs.isEmpty()) {
                named.add("seq " + String.join(", ", seqs.subList(0, Math.min(NAMED, seqs.size())).stream()
                        .map(String::valueOf).toList()) + (seqs.size() > NAMED ? " and " + (seqs.size() - NAMED) + " more" : ""));
            }
            if (seqs.size() < off.size()) {
                named.add((off.size() - seqs.size()) + " without a seq");
            }
            throw new MalformedChainException(count(off.size(), ENTRY + " node") + (off.size() == 1 ? " is" : " are")
                    + " not on the chain from the root (" + String.join("; ", named) + ")", LIST_ENTRIES);
        }
    }

    /** The root's last_seq counts the path, and its HEAD is the path's last entry. */
    private static void rootAgrees(ChainNode root, List<ChainNode> path, Map<String, ChainNode> entries) {
        long n = path.size();
        Object lastSeq = root.properties().get("last_seq");
        if (lastSeq != null && !(lastSeq instanceof Long)) {
            throw new MalformedChainException("the root's last_seq is of type " + EntryProperties.typeName(lastSeq)
                    + " (expected the integer " + n + ")", "inspect with 'MATCH (r:" + ROOT + ") RETURN r'");
        }
        // A missing last_seq counts as 0, as the append does.
        long counted = lastSeq == null ? 0 : (Long) lastSeq;
        if (counted != n) {
            throw new MalformedChainException("the root's last_seq is " + (lastSeq == null ? "missing" : counted)
                    + " but the chain has " + count(n, "entry", "entries"), "inspect with 'MATCH (r:" + ROOT + ") RETURN r'");
        }

        if (n == 0) {
            if (root.headCount() > 0) {
                throw new MalformedChainException("the root has a HEAD relationship but the chain has no entries",
                        INSPECT_HEAD);
            }
            return;
        }
        if (root.headCount() != 1 || root.head().isEmpty()) {
            throw new MalformedChainException("the root has " + (root.headCount() == 0 ? "no" : root.headCount())
                    + " HEAD relationship" + (root.headCount() == 1 ? "" : "s") + " (expected one, to entry seq " + n + ")",
                    INSPECT_HEAD);
        }
        ChainNode last = path.get(path.size() - 1);
        if (!root.head().get().equals(last.id())) {
            ChainNode target = entries.get(root.head().get());
            throw new MalformedChainException("the root's HEAD points at "
                    + (target == null ? "a node that is not a " + ENTRY : "entry seq " + target.properties().get("seq"))
                    + ", not at the newest entry seq " + n, INSPECT_HEAD);
        }
    }

    private static String inspectNext(int seq) {
        return seq == 0 ? "inspect with 'MATCH (:" + ROOT + ")-[n:NEXT]->(x) RETURN n, x'"
                : "inspect with 'MATCH (:" + ENTRY + " {seq: " + seq + "})-[n:NEXT]->(x) RETURN n, x'";
    }

    private static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
