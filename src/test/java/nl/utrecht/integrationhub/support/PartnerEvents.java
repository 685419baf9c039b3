package nl.utrecht.integrationhub.support;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What each partner's system sends, for every event type of config/hub-events.yaml, with plausible
 * but obviously fake values. Knows the partners' contracts (source, data), not the process models.
 */
public final class PartnerEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private record Contract(String source, Consumer<ObjectNode> data) {
    }

    private static Map<String, Contract> contracts(LocalDate today) {
        String day = today.toString();
        return Map.ofEntries(
                Map.entry("nl.vluchtelingenwerk.dossier-opened", new Contract("urn:nl:vluchtelingenwerk-midden-nederland",
                        d -> d.put("dossierNumber", "VWMN-TEST-" + RANDOM.nextInt(10_000)).put("openedOn", day))),
                Map.entry("nl.ind.residence-permit-granted", new Contract("urn:nl:coa", d -> d.put("permitGrantedOn", day))),
                Map.entry("nl.coa.departed-without-status", new Contract("urn:nl:coa", d -> d.put("departedOn", day))),
                Map.entry("nl.coa.status-holder-linked", new Contract("urn:nl:coa",
                        d -> d.put("linkedOn", day).put("familyMembersToFollow", 0).put("educationLevel", "secondary")
                                .put("workExperienceYears", 4))),
                Map.entry("nl.utrecht.housing-offer-accepted", new Contract("urn:nl:utrecht:housing",
                        d -> d.put("moveDate", day).put("interimHome", false).put("district", "overvecht"))),
                Map.entry("nl.utrecht.family-reunited", new Contract("urn:nl:utrecht:housing", d -> d.put("reunitedOn", day))),
                Map.entry("nl.utrecht.brp-registered", new Contract("urn:nl:utrecht:brp",
                        d -> d.put("bsn", fakeBsn()).put("brpRegisteredOn", day))),
                Map.entry("nl.utrecht.benefit-granted", new Contract("urn:nl:utrecht:werk-en-inkomen",
                        d -> d.put("benefitGrantedOn", day))),
                Map.entry("nl.vluchtelingenwerk.dossier-transfer-received", new Contract("urn:nl:vluchtelingenwerk-utrecht",
                        d -> d.put("dossierTransferredOn", day))),
                Map.entry("nl.gca.medical-record-handover-confirmed", new Contract("urn:nl:gca",
                        d -> d.put("medicalHandoverConfirmedOn", day).put("gpPractice", "Huisartsenpraktijk Test"))),
                Map.entry("nl.utrecht.ppsv-assessment-completed", new Contract("urn:nl:utrecht:werk-en-inkomen",
                        d -> d.put("languageLevel", "A2").put("educationLevel", "secondary").put("workExperienceYears", 4))),
                Map.entry("nl.utrecht.school-placement-done", new Contract("urn:nl:utrecht:onderwijs",
                        d -> d.put("schoolName", "Testschool").put("firstSchoolDay", day))),
                Map.entry("nl.vluchtelingenwerk.participation-declaration-signed", new Contract("urn:nl:vluchtelingenwerk-utrecht",
                        d -> d.put("declarationSignedOn", day))),
                Map.entry("nl.duo.civic-integration-obligation-started", new Contract("urn:nl:duo",
                        d -> d.put("obligationStart", day))),
                Map.entry("nl.duo.loan-granted", new Contract("urn:nl:duo", d -> d.put("loanAmount", 10_000).put("grantedOn", day))),
                Map.entry("nl.duo.exam-part-passed", new Contract("urn:nl:duo",
                        d -> d.put("examPart", "reading").put("languageLevel", "A2").put("passedOn", day))),
                Map.entry("nl.duo.exam-passed", new Contract("urn:nl:duo", d -> d.put("examPassedOn", day))),
                Map.entry("nl.buurtteam.handover-accepted", new Contract("urn:nl:buurtteam",
                        d -> d.put("handoverAcceptedOn", day))));
    }

    private PartnerEvents() {
    }

    /** Whether a partner event of this type is known (the CloudEvent type equals the message name). */
    public static boolean isKnown(String type) {
        return contracts(LocalDate.now()).containsKey(type);
    }

    /** The partner's event of this type about {@code subject} (V-number or BSN), dated {@code today}. */
    public static ObjectNode of(String type, String subject, LocalDate today) {
        Contract contract = contracts(today).get(type);
        if (contract == null) {
            throw new IllegalArgumentException("no partner sends " + type);
        }
        ObjectNode data = NODES.objectNode();
        contract.data().accept(data);
        ObjectNode event = NODES.objectNode();
        event.put("specversion", "1.0");
        event.put("id", Events.newEventId());
        event.put("source", contract.source());
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", OffsetDateTime.now(ZoneOffset.UTC).format(RFC3339));
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }

    /** A BSN that passes the 11-test and starts with 99: obviously fake. */
    public static String fakeBsn() {
        while (true) {
            int[] digits = new int[9];
            digits[0] = 9;
            digits[1] = 9;
            int sum = 9 * 9 + 8 * 9;
            for (int i = 2; i < 8; i++) {
                digits[i] = RANDOM.nextInt(10);
                sum += (9 - i) * digits[i];
            }
            int check = sum % 11;
            if (check <= 9) {
                digits[8] = check;
                StringBuilder bsn = new StringBuilder();
                for (int digit : digits) {
                    bsn.append(digit);
                }
                return bsn.toString();
            }
        }
    }
}
