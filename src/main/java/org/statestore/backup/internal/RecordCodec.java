package org.statestore.backup.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.statestore.backup.BackupCounts;
import org.statestore.text.internal.Printable;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Body lines as JSON objects whose {@code r} field names the record:
 * <pre>
 * {"r":"constraint","name":..,"type":..,"create":..}     {"r":"index", same fields}
 * {"r":"node","id":12,"labels":["A"],"props":{"k":["str","v"]}}
 * {"r":"rel","type":"T","start":12,"end":13,"props":{}}
 * {"r":"end","nodes":..,"relationships":..,"constraints":..,"indexes":..}
 * </pre>
 */
final class RecordCodec {

    private static final List<String> FIELDS = List.of("r", "name", "type", "create", "id", "start", "end", "nodes",
            "relationships", "constraints", "indexes", "labels", "props");

    private RecordCodec() {
    }

    static void write(JsonGenerator g, BackupRecord record) throws IOException {
        g.writeStartObject();
        if (record instanceof BackupRecord.NodeRecord n) {
            g.writeStringField("r", "node");
            g.writeNumberField("id", n.id());
            g.writeArrayFieldStart("labels");
            for (String l : n.labels()) {
                g.writeString(l);
            }
            g.writeEndArray();
            g.writeFieldName("props");
            PropertyCodec.writeProperties(g, n.properties());
        } else if (record instanceof BackupRecord.RelationshipRecord r) {
            g.writeStringField("r", "rel");
            g.writeStringField("type", r.type());
            g.writeNumberField("start", r.start());
            g.writeNumberField("end", r.end());
            g.writeFieldName("props");
            PropertyCodec.writeProperties(g, r.properties());
        } else if (record instanceof SchemaDefinition s) {
            g.writeStringField("r", s.kind() == SchemaDefinition.Kind.CONSTRAINT ? "constraint" : "index");
            g.writeStringField("name", s.name());
            g.writeStringField("type", s.type());
            g.writeStringField("create", s.createStatement());
        } else {
            BackupCounts c = ((BackupRecord.EndRecord) record).counts();
            g.writeStringField("r", "end");
            g.writeNumberField("nodes", c.nodes());
            g.writeNumberField("relationships", c.relationships());
            g.writeNumberField("constraints", c.constraints());
            g.writeNumberField("indexes", c.indexes());
        }
        g.writeEndObject();
    }

    /**
     * Reads the next record, or returns null at the end of the data. Structure only: names, values and
     * schema statements are checked by the reader ({@link GraphRules}, {@link SchemaShape}); sizes are
     * charged to a per-record budget while reading, so no record takes more memory than the format allows.
     */
    static BackupRecord read(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return null;
        }
        PropertyCodec.expect(t, JsonToken.START_OBJECT, "a record");
        PropertyCodec.Budget budget = new PropertyCodec.Budget();
        String kind = null;
        String name = null;
        String type = null;
        String create = null;
        long id = -1;
        long start = -1;
        long end = -1;
        long[] counts = {-1, -1, -1, -1};
        List<String> labels = null;
        Map<String, Object> props = null;
        int seen = 0;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            int bit = 1 << FIELDS.indexOf(field); // an unknown field (-1) is refused below
            if ((seen & bit) != 0 && FIELDS.contains(field)) {
                throw new BackupFormatException("record field " + Printable.quote(field) + " appears twice");
            }
            seen |= bit;
            JsonToken v = p.nextToken();
            switch (field) {
                case "r" -> kind = string(p, v, field);
                case "name" -> name = string(p, v, field);
                case "type" -> type = string(p, v, field);
                case "create" -> create = string(p, v, field);
                case "id" -> id = number(p, v, field);
                case "start" -> start = number(p, v, field);
                case "end" -> end = number(p, v, field);
                case "nodes" -> counts[0] = number(p, v, field);
                case "relationships" -> counts[1] = number(p, v, field);
                case "constraints" -> counts[2] = number(p, v, field);
                case "indexes" -> counts[3] = number(p, v, field);
                case "labels" -> labels = labels(p, v, budget);
                case "props" -> props = PropertyCodec.readProperties(p, budget);
                default -> throw new BackupFormatException("unknown record field " + Printable.quote(field));
            }
            if (field.equals("type") || field.equals("name") || field.equals("create")) {
                budget.add(GraphRules.nameWeight(p.getText()));
            }
        }
        PropertyCodec.expect(t, JsonToken.END_OBJECT, "the end of a record");
        if (kind == null) {
            throw new BackupFormatException("a record without its kind (r)");
        }
        switch (kind) {
            case "node":
                require(id >= 0 && labels != null && props != null, "node");
                return new BackupRecord.NodeRecord(id, labels, props);
            case "rel":
                require(start >= 0 && end >= 0 && type != null && props != null, "rel");
                return new BackupRecord.RelationshipRecord(start, end, type, props);
            case "constraint":
            case "index":
                require(name != null && type != null && create != null, kind);
                return new SchemaDefinition(kind.equals("index") ? SchemaDefinition.Kind.INDEX
                        : SchemaDefinition.Kind.CONSTRAINT, name, type, create);
            case "end":
                require(counts[0] >= 0 && counts[1] >= 0 && counts[2] >= 0 && counts[3] >= 0, "end");
                return new BackupRecord.EndRecord(new BackupCounts(counts[0], counts[1], counts[2], counts[3]));
            default:
                throw new BackupFormatException("unknown record kind " + Printable.quote(kind));
        }
    }

    private static void require(boolean ok, String kind) {
        if (!ok) {
            throw new BackupFormatException("a " + kind + " record lacks a required field");
        }
    }

    private static String string(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new BackupFormatException("record field " + field + " is not text");
        }
        return p.getText();
    }

    private static long number(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new BackupFormatException("record field " + field + " is not an integer");
        }
        return p.getLongValue();
    }

    private static List<String> labels(JsonParser p, JsonToken t, PropertyCodec.Budget budget) throws IOException {
        PropertyCodec.expect(t, JsonToken.START_ARRAY, "a label list");
        List<String> labels = new ArrayList<>(2);
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.VALUE_STRING) {
            String label = p.getText();
            budget.add(GraphRules.nameWeight(label));
            labels.add(label);
        }
        PropertyCodec.expect(next, JsonToken.END_ARRAY, "the end of a label list");
        return labels;
    }
}
