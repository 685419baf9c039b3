package nl.utrecht.integrationhub.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Deterministic fuzz inputs: input {@code i} is the valid base event {@code i % bases} (one of every
 * type) with one to three mutations drawn from {@code new Random(seed + i)}, so any input is made again
 * from its seed and index alone. Mutations work on the tree (drop, duplicate, retype, add, nest fields;
 * swap type, source or subject) and on the bytes (flip, truncate, insert, delete, repeat, append).
 */
final class EventFuzzer {

    /** One fuzz input: how to make it again (seed, index) and what was done. */
    record Input(long seed, int index, String mutations, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "fuzz input #" + index + " (seed " + seed + "): " + mutations;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPES = List.of("nl.coa.azc-intake-registered", "nl.duo.loan-granted",
            "nl.utrecht.brp-registered", "nl.unknown.thing", "nl.utrecht.hub.housing-requested");
    private static final List<String> SOURCES = List.of("urn:nl:coa", "urn:nl:duo", "urn:nl:gca", "urn:nl:unknown",
            "https://example.invalid", "");

    private final List<ObjectNode> bases;
    private final long seed;

    EventFuzzer(List<ObjectNode> bases, long seed) {
        this.bases = List.copyOf(bases);
        this.seed = seed;
    }

    List<Input> inputs(int count) {
        List<Input> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inputs.add(input(i));
        }
        return inputs;
    }

    Input input(int index) {
        Random random = new Random(seed + index);
        ObjectNode event = bases.get(index % bases.size()).deepCopy();
        List<String> done = new ArrayList<>();
        int treeMutations = 1 + random.nextInt(3);
        for (int m = 0; m < treeMutations && random.nextInt(4) != 0; m++) {
            done.add(mutateTree(event, random));
        }
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        if (done.isEmpty() || random.nextInt(3) == 0) {
            int byteMutations = 1 + random.nextInt(2);
            for (int m = 0; m < byteMutations; m++) {
                Bytes mutated = mutateBytes(body, random);
                body = mutated.body();
                done.add(mutated.what());
            }
        }
        return new Input(seed, index, String.join(", ", done), body);
    }

    // --- on the tree

    private String mutateTree(ObjectNode event, Random random) {
        switch (random.nextInt(9)) {
            case 0 -> {
                Slot slot = anySlot(event, random);
                if (slot.parent instanceof ObjectNode object) {
                    object.remove(slot.name);
                } else {
                    ((ArrayNode) slot.parent).remove(slot.index);
                }
                return "drop " + slot;
            }
            case 1 -> {
                Slot slot = anySlot(event, random);
                JsonNode value = oddValue(random);
                slot.set(value);
                return "retype " + slot + " to " + abbreviate(value.toString());
            }
            case 2 -> {
                ObjectNode target = anyObject(event, random);
                String name = random.nextBoolean() ? "extra" + random.nextInt(100) : randomName(random);
                target.set(name, oddValue(random));
                return "add field " + abbreviate(name);
            }
            case 3 -> {
                Slot slot = anySlot(event, random);
                int depth = 1 + random.nextInt(45);
                JsonNode value = slot.get();
                for (int d = 0; d < depth; d++) {
                    value = random.nextBoolean() ? NODES.arrayNode().add(value) : NODES.objectNode().set("n", value);
                }
                slot.set(value);
                return "nest " + slot + " " + depth + " deep";
            }
            case 4 -> {
                String type = random.nextInt(3) == 0 ? TYPES.get(random.nextInt(TYPES.size()))
                        : bases.get(random.nextInt(bases.size())).get("type").asText();
                event.put("type", type);
                return "type " + type;
            }
            case 5 -> {
                String source = random.nextInt(3) == 0 ? SOURCES.get(random.nextInt(SOURCES.size()))
                        : bases.get(random.nextInt(bases.size())).get("source").asText();
                event.put("source", source);
                return "source " + source;
            }
            case 6 -> {
                String subject = switch (random.nextInt(5)) {
                    case 0 -> "111222333";
                    case 1 -> "111222334";
                    case 2 -> "0000000002";
                    case 3 -> "00000000001";
                    default -> digits(random, random.nextInt(12));
                };
                event.put("subject", subject);
                return "subject " + subject;
            }
            case 7 -> {
                Slot slot = anySlot(event, random);
                if (slot.parent instanceof ArrayNode array) {
                    array.add(slot.get().deepCopy());
                    return "repeat " + slot;
                }
                ObjectNode parent = (ObjectNode) slot.parent;
                parent.set(slot.name + "2", slot.get().deepCopy());
                return "copy " + slot + " to a new name";
            }
            default -> {
                Slot slot = anySlot(event, random);
                if (slot.get().isTextual()) {
                    String text = slot.get().asText();
                    String changed = switch (random.nextInt(4)) {
                        case 0 -> text + text.repeat(random.nextInt(300));
                        case 1 -> text.isEmpty() ? "" : text.substring(0, random.nextInt(text.length()));
                        case 2 -> text.toUpperCase();
                        default -> " " + text;
                    };
                    slot.set(NODES.textNode(changed));
                    return "edit text " + slot;
                }
                slot.set(NODES.textNode(slot.get().toString()));
                return "quote " + slot;
            }
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index, String pointer) {
        JsonNode get() {
            return parent instanceof ObjectNode object ? object.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        @Override
        public String toString() {
            return pointer;
        }
    }

    private static Slot anySlot(ObjectNode event, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(event, "", slots);
        return slots.get(random.nextInt(slots.size()));
    }

    private static void collect(JsonNode node, String pointer, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = pointer + "/" + field.getKey();
                slots.add(new Slot(object, field.getKey(), -1, at));
                collect(field.getValue(), at, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, pointer + "/" + i));
                collect(array.get(i), pointer + "/" + i, slots);
            }
        }
    }

    private static ObjectNode anyObject(ObjectNode event, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(event);
        List<Slot> slots = new ArrayList<>();
        collect(event, "", slots);
        slots.stream().map(Slot::get).filter(JsonNode::isObject).forEach(node -> objects.add((ObjectNode) node));
        return objects.get(random.nextInt(objects.size()));
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(22)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(Long.MAX_VALUE);
            case 5 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60))));
            case 6 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 7 -> NODES.numberNode(new java.math.BigDecimal("1e" + (random.nextInt(800) - 400)));
            case 8 -> NODES.textNode("");
            case 9 -> NODES.textNode("x".repeat(random.nextInt(5000)));
            case 10 -> NODES.arrayNode();
            case 11 -> NODES.objectNode();
            case 12 -> NODES.textNode("2999-01-01");
            case 13 -> NODES.textNode("2024-02-30");
            case 14 -> NODES.textNode("111222334");
            case 15 -> NODES.textNode("111222333");
            case 16 -> NODES.textNode(digits(random, 10));
            case 17 -> NODES.textNode(randomUnicode(random));
            case 18 -> NODES.textNode("2024-06-01T10:15:00Z");
            case 19 -> NODES.arrayNode().add(digits(random, 3)).add(NODES.nullNode());
            case 20 -> NODES.numberNode(random.nextInt(30));
            default -> NODES.textNode("<script>'; DROP TABLE hub_inbox; --");
        };
    }

    // --- on the bytes

    private record Bytes(byte[] body, String what) {
    }

    private static Bytes mutateBytes(byte[] body, Random random) {
        int length = body.length;
        int at = length == 0 ? 0 : random.nextInt(length);
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] flipped = body.clone();
                if (length > 0) {
                    flipped[at] ^= (byte) (1 << random.nextInt(8));
                }
                return new Bytes(flipped, "flip a bit at " + at);
            }
            case 1 -> {
                return new Bytes(Arrays.copyOf(body, at), "truncate at " + at);
            }
            case 2 -> {
                byte[] inserted = new byte[length + 1];
                System.arraycopy(body, 0, inserted, 0, at);
                inserted[at] = (byte) random.nextInt(256);
                System.arraycopy(body, at, inserted, at + 1, length - at);
                return new Bytes(inserted, "insert byte " + (inserted[at] & 0xff) + " at " + at);
            }
            case 3 -> {
                byte[] deleted = new byte[Math.max(0, length - 1)];
                if (length > 0) {
                    System.arraycopy(body, 0, deleted, 0, at);
                    System.arraycopy(body, at + 1, deleted, at, length - at - 1);
                }
                return new Bytes(deleted, "delete byte at " + at);
            }
            case 4 -> {
                int end = Math.min(length, at + 1 + random.nextInt(40));
                byte[] slice = Arrays.copyOfRange(body, at, end);
                byte[] repeated = new byte[length + slice.length];
                System.arraycopy(body, 0, repeated, 0, end);
                System.arraycopy(slice, 0, repeated, end, slice.length);
                System.arraycopy(body, end, repeated, end + slice.length, length - end);
                return new Bytes(repeated, "repeat bytes " + at + ".." + end);
            }
            case 5 -> {
                byte[] structural = body.clone();
                byte[] tokens = "{}[]:,\"\\ 0-.e".getBytes(StandardCharsets.US_ASCII);
                if (length > 0) {
                    structural[at] = tokens[random.nextInt(tokens.length)];
                }
                return new Bytes(structural, "replace byte at " + at + " by a JSON token");
            }
            default -> {
                String tail = switch (random.nextInt(4)) {
                    case 0 -> " x";
                    case 1 -> "{}";
                    case 2 -> "\u0000";
                    default -> "]";
                };
                byte[] appended = Arrays.copyOf(body, length + tail.length());
                System.arraycopy(tail.getBytes(StandardCharsets.UTF_8), 0, appended, length, tail.length());
                return new Bytes(appended, "append garbage");
            }
        }
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String randomName(Random random) {
        String alphabet = "abcXYZ_-/~. 0\u00e9\u4e2d";
        StringBuilder name = new StringBuilder();
        for (int i = 0, n = random.nextInt(25); i < n; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    private static String randomUnicode(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
            int codePoint;
            do {
                codePoint = random.nextInt(0x30000);
            } while (Character.getType(codePoint) == Character.SURROGATE);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
