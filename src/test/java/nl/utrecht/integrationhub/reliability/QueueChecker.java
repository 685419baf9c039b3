package nl.utrecht.integrationhub.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.platform.camel.DeadLetters;

/**
 * Classifies every ledger entry after quiescence, in the buckets of the Jepsen queue checker: applied
 * once, lost (acknowledged but not applied), duplicated (more than one case or process instance),
 * dead-lettered (with the hub's reason). Reads the ground truth: the hub's database (inbox, case register,
 * the engine's history) and its dead-letter queues, not the API.
 */
public final class QueueChecker {

    /** The queues a refused or undeliverable inbound message can end up on. */
    static final List<String> DEAD_LETTER_QUEUES = List.of("hub.inbound.dlq", "DLQ::DLQ.hub.inbound");
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueChecker() {
    }

    public record DeadLetter(String eventId, String queue, String reason) {
    }

    /**
     * The verdict: every entry in one of applied once, lost, duplicated, dead-lettered or unacknowledged
     * (never acknowledged: refused or no answer within the retry window), with the evidence for every entry
     * not applied once. An entry applied once whose redelivered copy was dead-lettered is listed among the
     * dead letters as well. Orphan instances: household-route instances started since the
     * run began whose business key is no case.
     */
    public record Verdict(int sent, int acknowledged, int appliedOnce, Map<String, String> lost,
                          Map<String, String> duplicated, Map<String, String> deadLettered,
                          Map<String, String> unacknowledged, int stillQueued, int orphanInstances) {

        public String summary() {
            return "sent " + sent + ", acknowledged " + acknowledged + ", applied once " + appliedOnce
                    + ", lost " + lost.size() + ", duplicated " + duplicated.size()
                    + ", dead-lettered " + deadLettered.size() + ", unacknowledged " + unacknowledged.size()
                    + ", still queued " + stillQueued + ", orphan process instances " + orphanInstances;
        }
    }

    /** Browses the dead-letter queues and hub.inbound (left unconsumed) of the running hub. */
    public static BrokerState browse(HubProcess hub) throws JMSException {
        List<DeadLetter> deadLetters = new ArrayList<>();
        int queued;
        try (ActiveMQConnectionFactory factory = hub.brokerConnectionFactory("reconnectAttempts=0&callTimeout=10000");
             jakarta.jms.Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : DEAD_LETTER_QUEUES) {
                for (Message message : browse(session, queue)) {
                    deadLetters.add(new DeadLetter(eventId(message), queue, message.getStringProperty(DeadLetters.REASON)));
                }
            }
            queued = browse(session, "hub.inbound").size();
        }
        return new BrokerState(deadLetters, queued);
    }

    public record BrokerState(List<DeadLetter> deadLetters, int stillQueued) {
    }

    private static List<Message> browse(Session session, String queue) throws JMSException {
        List<Message> messages = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            Enumeration<?> enumeration = browser.getEnumeration();
            while (enumeration.hasMoreElements()) {
                messages.add((Message) enumeration.nextElement());
            }
        } catch (jakarta.jms.InvalidDestinationException e) {
            return List.of();
        }
        return messages;
    }

    private static String eventId(Message message) {
        try {
            if (message instanceof TextMessage text) {
                JsonNode event = JSON.readTree(text.getText());
                return event.path("id").asText("?");
            }
        } catch (Exception e) {
            return "? (not JSON)";
        }
        return "? (not text)";
    }

    /** Classifies the ledger against the hub's database; call with the hub stopped (H2 is single-process). */
    public static Verdict classify(Ledger ledger, HubProcess hub, BrokerState broker, java.time.Instant since)
            throws SQLException {
        Map<String, String> inboxStatus = new HashMap<>();
        Map<String, List<String>> casesOfPerson = new HashMap<>();
        Map<String, Integer> instancesOfCase = new HashMap<>();
        Map<String, Integer> instancesSince = new HashMap<>();
        Set<String> allCases = new HashSet<>();
        try (Connection db = hub.openDatabase()) {
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT event_id, status FROM hub_inbox WHERE source = ? AND event_id LIKE ?")) {
                query.setString(1, Ledger.SOURCE);
                query.setString(2, "fault-" + ledger.run() + "-%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        inboxStatus.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT p.v_number, c.case_id FROM hub_case c JOIN hub_person p ON p.id = c.main_person_id
                    WHERE p.v_number LIKE ?""")) {
                query.setString(1, "98" + ledger.run() + "%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        casesOfPerson.computeIfAbsent(rows.getString(1), v -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement("SELECT case_id FROM hub_case");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    allCases.add(rows.getString(1));
                }
            }
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT BUSINESS_KEY_, START_TIME_ FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = ?")) {
                query.setString(1, HouseholdRouteProcess.PROCESS_KEY);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        instancesOfCase.merge(rows.getString(1), 1, Integer::sum);
                        if (!rows.getTimestamp(2).toInstant().isBefore(since)) {
                            instancesSince.merge(rows.getString(1), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        Map<String, List<DeadLetter>> deadLettersOf = new HashMap<>();
        broker.deadLetters().forEach(d -> deadLettersOf.computeIfAbsent(d.eventId(), id -> new ArrayList<>()).add(d));

        int acknowledged = 0;
        int appliedOnce = 0;
        Map<String, String> lost = new LinkedHashMap<>();
        Map<String, String> duplicated = new LinkedHashMap<>();
        Map<String, String> deadLettered = new LinkedHashMap<>();
        Map<String, String> unacknowledged = new LinkedHashMap<>();
        for (Ledger.Entry entry : ledger.entries()) {
            String label = "#" + entry.number() + " " + entry.channel() + " " + entry.eventId();
            if (entry.acknowledged()) {
                acknowledged++;
            }
            List<String> cases = casesOfPerson.getOrDefault(entry.vNumber(), List.of());
            int instances = cases.stream().mapToInt(c -> instancesOfCase.getOrDefault(c, 0)).sum();
            String status = inboxStatus.get(entry.eventId());
            String evidence = "inbox " + status + ", cases " + cases.size() + ", household-route instances " + instances
                    + ", attempts " + entry.attempts();
            List<DeadLetter> dead = deadLettersOf.getOrDefault(entry.eventId(), List.of());
            if (cases.size() > 1 || instances > 1) {
                duplicated.put(label, evidence);
            } else if ("APPLIED".equals(status) && cases.size() == 1 && instances == 1) {
                appliedOnce++;
            } else if (!dead.isEmpty()) {
                deadLettered.put(label, evidence + ", dead letter on " + dead.get(0).queue() + ": " + dead.get(0).reason());
            } else if (entry.acknowledged()) {
                lost.put(label, evidence);
            } else {
                unacknowledged.put(label, evidence + (entry.rejection() == null ? ", no answer" : ", refused: " + entry.rejection()));
            }
            if (!dead.isEmpty() && !deadLettered.containsKey(label)) {
                // Applied and also dead-lettered (a redelivery refused): still a dead letter to explain.
                deadLettered.put(label, evidence + ", also a dead letter on " + dead.get(0).queue() + ": " + dead.get(0).reason());
            }
        }
        int orphans = 0;
        // Only instances started during the run: on PostgreSQL the database is shared with other tests.
        for (Map.Entry<String, Integer> instance : instancesSince.entrySet()) {
            if (instance.getKey() == null || !allCases.contains(instance.getKey())) {
                orphans += instance.getValue();
            }
        }
        return new Verdict(ledger.entries().size(), acknowledged, appliedOnce, Collections.unmodifiableMap(lost),
                Collections.unmodifiableMap(duplicated), Collections.unmodifiableMap(deadLettered),
                Collections.unmodifiableMap(unacknowledged), broker.stillQueued(), orphans);
    }
}
