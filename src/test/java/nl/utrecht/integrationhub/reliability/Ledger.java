package nl.utrecht.integrationhub.reliability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.utrecht.integrationhub.support.Events;

/**
 * The numbered events a fault run sends, each an AZC intake (source COA) with its own event id and its
 * own obviously fake V-number ("98", a 4-digit run number, a 4-digit sequence number), and what the
 * sender knows of it: over which channel it went, when it was acknowledged and after how many attempts.
 */
public final class Ledger {

    public static final String SOURCE = Events.SOURCE_COA;
    public static final String TYPE = Events.TYPE_INTAKE;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Channel { HTTP, JMS }

    /** One event of the ledger; the sender's fields are written by the sender thread only. */
    public static final class Entry {
        private final int number;
        private final String eventId;
        private final String vNumber;
        private final Channel channel;
        private final String body;
        private volatile long acknowledgedAt = -1;
        private volatile int attempts;
        private volatile String rejection;

        Entry(int number, String eventId, String vNumber, Channel channel, String body) {
            this.number = number;
            this.eventId = eventId;
            this.vNumber = vNumber;
            this.channel = channel;
            this.body = body;
        }

        public int number() {
            return number;
        }

        public String eventId() {
            return eventId;
        }

        public String vNumber() {
            return vNumber;
        }

        public Channel channel() {
            return channel;
        }

        public String body() {
            return body;
        }

        /** System.nanoTime() of the acknowledgement (HTTP 2xx, or the JMS send returned); -1 if none. */
        public long acknowledgedAt() {
            return acknowledgedAt;
        }

        public boolean acknowledged() {
            return acknowledgedAt >= 0;
        }

        public int attempts() {
            return attempts;
        }

        /** Why the hub refused the event for good (a 4xx answer), or null. */
        public String rejection() {
            return rejection;
        }

        void attempted() {
            attempts++;
        }

        void acknowledged(long at) {
            acknowledgedAt = at;
        }

        void rejected(String reason) {
            rejection = reason;
        }
    }

    private final String run;
    private final List<Entry> entries;

    private Ledger(String run, List<Entry> entries) {
        this.run = run;
        this.entries = Collections.unmodifiableList(entries);
    }

    /**
     * {@code size} intakes; every {@code jmsEvery}-th goes over JMS (0: none), the rest over HTTP.
     */
    public static Ledger of(int size, int jmsEvery) {
        if (size > 9_999) {
            throw new IllegalArgumentException("at most 9,999 events per ledger");
        }
        String run = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            String vNumber = "98" + run + String.format("%04d", i);
            String eventId = "fault-" + run + "-" + i + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            Channel channel = jmsEvery > 0 && i % jmsEvery == 0 ? Channel.JMS : Channel.HTTP;
            entries.add(new Entry(i, eventId, vNumber, channel, intake(eventId, vNumber)));
        }
        return new Ledger(run, entries);
    }

    public String run() {
        return run;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** A one-person household's intake: light to apply, so the run measures the hub, not the route. */
    private static String intake(String eventId, String vNumber) {
        LocalDate arrival = Events.today().minusDays(1);
        Map<String, Object> data = Map.of(
                "vNumber", vNumber,
                "familyName", "Testpersoon",
                "givenNames", "Fout",
                "birthDate", "1990-01-01",
                "nationality", "XXA",
                "languages", List.of("ar"),
                "azcLocation", "Ravellaan",
                "arrivalDate", arrival.toString(),
                "household", List.of(Map.of("vNumber", vNumber, "birthDate", "1990-01-01", "relation", "main")));
        try {
            return JSON.writeValueAsString(Map.of(
                    "specversion", "1.0",
                    "id", eventId,
                    "source", SOURCE,
                    "type", TYPE,
                    "subject", vNumber,
                    "time", arrival + "T10:00:00Z",
                    "datacontenttype", "application/json",
                    "data", data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
