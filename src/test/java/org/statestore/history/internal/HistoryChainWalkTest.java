package org.statestore.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.statestore.history.EntryState;
import org.statestore.history.HistoryEntry;
import org.statestore.history.MalformedChainException;
import org.statestore.history.RecordedRollback;

/** The rules of the chain, over rows as the read returns them: no database needed. */
@DisplayName("the history chain walk")
class HistoryChainWalkTest {

    private static final ZonedDateTime ON = ZonedDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    /** A well-formed chain of {@code n} entries: root r, entries e1..en, each linked once, HEAD at en. */
    private static List<ChainNode> chain(int n) {
        List<ChainNode> nodes = new ArrayList<>();
        nodes.add(ChainNode.root("r", Map.of("last_seq", (long) n), n == 0 ? Optional.empty() : Optional.of("e1"),
                n == 0 ? 0 : 1, 0, n == 0 ? Optional.empty() : Optional.of("e" + n), n == 0 ? 0 : 1));
        for (int i = 1; i <= n; i++) {
            nodes.add(ChainNode.entry("e" + i, props(i), i == n ? Optional.empty() : Optional.of("e" + (i + 1)),
                    i == n ? 0 : 1, 1));
        }
        return nodes;
    }

    private static Map<String, Object> props(long seq) {
        Map<String, Object> p = new HashMap<>();
        p.put("seq", seq);
        p.put("version", String.valueOf(seq));
        p.put("state", "success");
        p.put("installed_on", ON);
        p.put("checksum", "v1:" + seq);
        p.put("type", "CYPHER");
        return p;
    }

    /** {@code nodes} with the node {@code id} replaced by what {@code change} makes of it. */
    private static List<ChainNode> with(List<ChainNode> nodes, String id, java.util.function.UnaryOperator<ChainNode> change) {
        return nodes.stream().map(n -> n.id().equals(id) ? change.apply(n) : n).toList();
    }

    private static ChainNode props(ChainNode n, Map<String, Object> p) {
        return new ChainNode(n.root(), n.id(), p, n.next(), n.nextCount(), n.prevCount(), n.head(), n.headCount());
    }

    private static String defect(List<ChainNode> nodes) {
        MalformedChainException e = assertThrows(MalformedChainException.class, () -> ChainWalk.walk(nodes));
        assertTrue(e.getMessage().startsWith("history chain malformed: " + e.defect() + "; inspect with '"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.defect();
    }

    @Test
    @DisplayName("nothing at all, or a root alone, is an empty chain")
    void empty() {
        assertEquals(List.of(), ChainWalk.walk(List.of()));
        assertEquals(List.of(), ChainWalk.walk(chain(0)));
        // A root written without last_seq counts as 0, as the append does.
        assertEquals(List.of(), ChainWalk.walk(List.of(ChainNode.root("r", Map.of(), Optional.empty(), 0, 0,
                Optional.empty(), 0))));
    }

    @Test
    @DisplayName("a well-formed chain comes back in path order whatever order the rows arrive in")
    void pathOrder() {
        List<ChainNode> nodes = new ArrayList<>(chain(250));
        java.util.Collections.reverse(nodes);
        long started = System.nanoTime();
        List<HistoryEntry> entries = ChainWalk.walk(nodes);
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a 250-entry walk takes well under a second");
        assertEquals(250, entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).seq());
            assertEquals("e" + (i + 1), entries.get(i).id());
        }
        assertEquals(EntryState.SUCCESS, entries.get(0).state());
        assertEquals(ON, entries.get(0).installedOn());
        assertEquals("v1:1", entries.get(0).checksum());
    }

    @Test
    @DisplayName("optional properties default as they always have; rollback and error fields are read")
    void optionalProperties() {
        Map<String, Object> p = props(1);
        p.put("error_code", "Neo.ClientError.Statement.SyntaxError");
        p.put("failed_statement", 2L);
        p.put("rollback_kind", RecordedRollback.UNDO_SCRIPT);
        p.put("rollback_statements", List.of("MATCH (t:Thing) DELETE t"));
        p.put("state", "FAILED");
        HistoryEntry e = ChainWalk.walk(with(chain(1), "e1", n -> props(n, p))).get(0);
        assertEquals(EntryState.FAILED, e.state());
        assertEquals(2, e.error().get().statementIndex());
        assertEquals("", e.error().get().message());
        assertEquals(List.of("MATCH (t:Thing) DELETE t"), e.rollback().statements());
        assertEquals("", e.description());
        assertEquals(0, e.statementsDone());
    }

    @Test
    @DisplayName("entries without a root are malformed")
    void entriesWithoutRoot() {
        assertEquals("2 __StatestoreEntry nodes but no __StatestoreHistory root",
                defect(chain(2).stream().filter(n -> !n.root()).toList()));
    }

    @Test
    @DisplayName("two roots are malformed, and the message says how to find the forged one")
    void twoRoots() {
        List<ChainNode> nodes = new ArrayList<>(chain(2));
        nodes.add(ChainNode.root("forged", Map.of("last_seq", 1L), Optional.of("f1"), 1, 0, Optional.of("f1"), 1));
        nodes.add(ChainNode.entry("f1", props(1), Optional.empty(), 0, 1));
        MalformedChainException e = assertThrows(MalformedChainException.class, () -> ChainWalk.walk(nodes));
        assertEquals("history chain malformed: 2 __StatestoreHistory roots (expected one); inspect with "
                + "'MATCH (r:__StatestoreHistory) RETURN r' and remove the forged one", e.getMessage());
    }

    @Test
    @DisplayName("a node that is both root and entry is malformed")
    void bothLabels() {
        List<ChainNode> nodes = new ArrayList<>(chain(1));
        nodes.add(ChainNode.entry("r", props(1), Optional.of("e1"), 1, 0));
        assertEquals("a node is both __StatestoreHistory and __StatestoreEntry", defect(nodes));
    }

    @Test
    @DisplayName("a branch is malformed: two NEXT out of the root or an entry, or two into an entry")
    void branches() {
        assertEquals("the __StatestoreHistory root has 2 outgoing NEXT relationships (expected at most one)",
                defect(with(chain(2), "r", n -> new ChainNode(true, "r", n.properties(), n.next(), 2, 0, n.head(), 1))));
        assertEquals("entry seq 1 has 2 outgoing NEXT relationships (expected at most one)",
                defect(with(chain(3), "e1", n -> ChainNode.entry("e1", n.properties(), n.next(), 2, 1))));
        assertEquals("entry seq 2 has 2 incoming NEXT relationships (expected one)",
                defect(with(chain(3), "e2", n -> ChainNode.entry("e2", n.properties(), n.next(), 1, 2))));
        assertEquals("the __StatestoreHistory root has 1 incoming NEXT relationship (expected none)",
                defect(with(chain(1), "r", n -> new ChainNode(true, "r", n.properties(), n.next(), 1, 1, n.head(), 1))));
    }

    @Test
    @DisplayName("a NEXT that leaves the entries, or comes back to the root, is malformed")
    void strayLinks() {
        assertEquals("entry seq 1 has a NEXT relationship to a node that is not a __StatestoreEntry",
                defect(with(chain(1), "e1", n -> ChainNode.entry("e1", n.properties(), Optional.of("thing"), 1, 1))));
        // The root then has an incoming NEXT too; that is found first.
        List<ChainNode> loop = with(chain(1), "e1", n -> ChainNode.entry("e1", n.properties(), Optional.of("r"), 1, 1));
        assertEquals("entry seq 1 has a NEXT relationship to a node that is not a __StatestoreEntry (the root)",
                defect(loop));
    }

    @Test
    @DisplayName("seq must run 1..n along the path")
    void seqInStep() {
        Map<String, Object> p = props(5);
        assertEquals("entry 2 of the chain has seq 5 (expected 2)", defect(with(chain(3), "e2", n -> props(n, p))));
        Map<String, Object> none = props(2);
        none.remove("seq");
        assertEquals("entry 2 of the chain has no seq (expected 2)", defect(with(chain(3), "e2", n -> props(n, none))));
        Map<String, Object> text = props(2);
        text.put("seq", "2");
        assertEquals("entry 2 of the chain has seq of type STRING (expected the integer 2)",
                defect(with(chain(3), "e2", n -> props(n, text))));
    }

    @Test
    @DisplayName("an entry off the path is malformed, and the message names its seq")
    void offThePath() {
        List<ChainNode> nodes = new ArrayList<>(chain(2));
        nodes.add(ChainNode.entry("stray", props(7), Optional.empty(), 0, 0));
        assertEquals("1 __StatestoreEntry node is not on the chain from the root (seq 7)", defect(nodes));
        // A deleted middle entry cuts the chain: what followed it is off the path.
        List<ChainNode> cut = chain(3).stream().filter(n -> !n.id().equals("e2"))
                .map(n -> n.id().equals("e1") ? ChainNode.entry("e1", n.properties(), Optional.empty(), 0, 1)
                        : n.id().equals("e3") ? ChainNode.entry("e3", n.properties(), Optional.empty(), 0, 0) : n)
                .toList();
        assertEquals("1 __StatestoreEntry node is not on the chain from the root (seq 3)", defect(cut));
        List<ChainNode> many = new ArrayList<>(chain(1));
        for (int i = 0; i < 8; i++) {
            many.add(ChainNode.entry("s" + i, props(10 + i), Optional.empty(), 0, 0));
        }
        Map<String, Object> noSeq = props(20);
        noSeq.remove("seq");
        many.add(ChainNode.entry("s-none", noSeq, Optional.empty(), 0, 0));
        assertEquals("9 __StatestoreEntry nodes are not on the chain from the root (seq 10, 11, 12, 13, 14 and 3 more; "
                + "1 without a seq)", defect(many));
    }

    @Test
    @DisplayName("the root's last_seq and HEAD must agree with the path")
    void rootAgrees() {
        assertEquals("the root's last_seq is 3 but the chain has 2 entries", defect(with(chain(2), "r",
                n -> props(n, Map.of("last_seq", 3L)))));
        assertEquals("the root's last_seq is missing but the chain has 2 entries", defect(with(chain(2), "r",
                n -> props(n, Map.of()))));
        assertEquals("the root's last_seq is of type FLOAT (expected the integer 2)", defect(with(chain(2), "r",
                n -> props(n, Map.of("last_seq", 2.0)))));
        assertEquals("the root's HEAD points at entry seq 1, not at the newest entry seq 2", defect(with(chain(2), "r",
                n -> new ChainNode(true, "r", n.properties(), n.next(), 1, 0, Optional.of("e1"), 1))));
        assertEquals("the root has no HEAD relationships (expected one, to entry seq 2)", defect(with(chain(2), "r",
                n -> new ChainNode(true, "r", n.properties(), n.next(), 1, 0, Optional.empty(), 0))));
        assertEquals("the root has 2 HEAD relationships (expected one, to entry seq 2)", defect(with(chain(2), "r",
                n -> new ChainNode(true, "r", n.properties(), n.next(), 1, 0, n.head(), 2))));
        assertEquals("the root has a HEAD relationship but the chain has no entries", defect(with(chain(0), "r",
                n -> new ChainNode(true, "r", n.properties(), n.next(), 0, 0, Optional.of("thing"), 1))));
    }

    @Test
    @DisplayName("a required property missing, or any property of the wrong type, is malformed")
    void properties() {
        assertEquals("entry seq 2 has no installed_on (expected a datetime)", defect(without("installed_on")));
        assertEquals("entry seq 2 has no version (expected a string)", defect(without("version")));
        assertEquals("entry seq 2 has no state (expected a string)", defect(without("state")));
        assertEquals("entry seq 2 has installed_on of type STRING (expected a datetime)",
                defect(changed("installed_on", "2025-01-01")));
        assertEquals("entry seq 2 has state 'done' (expected one of running, success, failed, baseline, undone, "
                + "forgotten, skipped)", defect(changed("state", "done")));
        assertEquals("entry seq 2 has version '1.x' (expected digits separated by '.' or '_', or R)",
                defect(changed("version", "1.x")));
        assertEquals("entry seq 2 has checksum of type INTEGER (expected a string)", defect(changed("checksum", 7L)));
        assertEquals("entry seq 2 has statements_done of type FLOAT (expected an integer)",
                defect(changed("statements_done", 1.5)));
        assertEquals("entry seq 2 has rollback_statements holding INTEGER values (expected a list of strings)",
                defect(changed("rollback_statements", List.of(1L))));
        assertEquals("entry seq 2 has retry_requested of type STRING (expected a boolean)",
                defect(changed("retry_requested", "yes")));
    }

    private static List<ChainNode> without(String property) {
        Map<String, Object> p = props(2);
        p.remove(property);
        return with(chain(3), "e2", n -> props(n, p));
    }

    private static List<ChainNode> changed(String property, Object value) {
        Map<String, Object> p = props(2);
        p.put(property, value);
        return with(chain(3), "e2", n -> props(n, p));
    }
}
