package nl.utrecht.integrationhub.demo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.inbound.EventTypeCatalog;
import nl.utrecht.integrationhub.outbound.Connectors;

/**
 * The partners of the chain as the demo plays them (routes/demo/partner-*.camel.yaml). A request from
 * the hub (JMS hub.out.&lt;party&gt; or HTTP /simulators/&lt;party&gt;/events) is first {@linkplain #schedule
 * scheduled}: put on the broker queue hub.sim.&lt;party&gt; for delivery after the party's delay (over HTTP
 * with the Idempotency-Key as the broker's duplicate id: a receiver that sees a request twice acts once;
 * over JMS the broker dropped a resent request on hub.out.&lt;party&gt; already). When it is
 * due, the party {@linkplain #answer answers} it with the inbound CloudEvents the real party would send,
 * whose ids and contents follow from the request alone. Logs ids and types only, never personal data.
 */
@Component("partnerSimulators")
@Profile("demo")
public class PartnerSimulators {

    /** Headers the routes read. */
    static final String QUEUE = "hubSimQueue";
    static final String PARTY = "hubSimParty";
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    static final String DELIVER_AT = "_AMQ_SCHED_DELIVERY";

    static final String HOUSING_REQUESTED = "nl.utrecht.hub.housing-requested";
    static final String HOUSING_REALISED = "nl.utrecht.hub.housing-realised";
    static final String BENEFIT_INTAKE_REQUESTED = "nl.utrecht.hub.benefit-intake-requested";
    static final String PPSV_RESULTS_SHARED = "nl.utrecht.hub.ppsv-results-shared";
    static final String DOSSIER_TRANSFER_REQUESTED = "nl.utrecht.hub.dossier-transfer-requested";
    static final String MEDICAL_HANDOVER_REQUESTED = "nl.utrecht.hub.medical-record-handover-requested";
    static final String SCHOOL_REGISTRATION_REQUESTED = "nl.utrecht.hub.school-registration-requested";
    static final String HANDOVER_PACKAGE_SENT = "nl.utrecht.hub.handover-package-sent";
    static final String INTAKE_REGISTERED = "nl.coa.azc-intake-registered";

    static final String TRAJECTORY_PLACEMENT = "nl.utrecht.trajectory-placement-made";

    private static final Logger log = LoggerFactory.getLogger(PartnerSimulators.class);
    private static final List<String> DISTRICTS = List.of("binnenstad", "noordoost", "oost", "zuid", "zuidwest",
            "west", "noordwest", "overvecht", "leidsche-rijn", "vleuten-de-meern");

    private final SimulatorProperties properties;
    private final Connectors connectors;
    private final EventTypeCatalog catalog;
    private final DemoHouseholds households;
    private final CaseRegister register;
    private final HubApiClient hubApi;
    private final SimulatorActivity activity;
    private final ObjectMapper objectMapper;
    private final Clock clock;

    PartnerSimulators(SimulatorProperties properties, Connectors connectors, EventTypeCatalog catalog,
                      DemoHouseholds households, CaseRegister register, HubApiClient hubApi, SimulatorActivity activity,
                      ObjectMapper objectMapper, Clock clock) {
        this.properties = properties;
        this.connectors = connectors;
        this.catalog = catalog;
        this.households = households;
        this.register = register;
        this.hubApi = hubApi;
        this.activity = activity;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /**
     * A request arrived for {@code party}: sets the headers that put it on hub.sim.&lt;party&gt; for delivery
     * after the party's delay. COA only acknowledges the housing it is told of; the municipality's BRP
     * registers the household on its move date (there is no message from the hub to the BRP: in the demo
     * the BRP hears of the move with COA).
     *
     * @param duplicateKey what the receiver deduplicates on: the Idempotency-Key over HTTP. Null for a request
     *                     read from JMS: the broker deduplicated hub.out.&lt;party&gt; already, and a duplicate sent
     *                     in a JMS transaction would make Artemis roll the whole transaction back
     * @return the request, unchanged
     */
    public String schedule(Exchange exchange, String party, String duplicateKey) {
        Message message = exchange.getMessage();
        String body = message.getBody(String.class);
        JsonNode request = read(body);
        String id = request.path("id").asText();
        String type = request.path("type").asText();
        String target = party;
        Instant deliverAt = clock.instant().plus(properties.delayOf(party));
        if ("coa".equals(party) && HOUSING_REALISED.equals(type)) {
            log.info("COA simulator: housing realised ({}) noted for the quota; nothing to answer", id);
            target = "brp";
            Instant moveDay = LocalDate.parse(request.path("data").path("moveDate").asText())
                    .atStartOfDay(SimulatedEvents.UTRECHT).toInstant();
            Instant now = clock.instant();
            deliverAt = (moveDay.isAfter(now) ? moveDay : now).plus(properties.brp().delay());
        }
        message.getHeaders().clear();
        message.setHeader(QUEUE, "hub.sim." + target);
        message.setHeader(PARTY, target);
        if (duplicateKey != null && !duplicateKey.isBlank()) {
            message.setHeader(DUPLICATE_ID, target + ":" + duplicateKey);
        }
        message.setHeader(DELIVER_AT, deliverAt.toEpochMilli());
        log.info("{} simulator received {} ({}); answers at {}", target, type, id, deliverAt);
        return body;
    }

    /** The events {@code party} answers the request with (CloudEvents JSON), in the order to send them. */
    public List<String> answer(String body, String party) {
        JsonNode request = read(body);
        String id = request.path("id").asText();
        String type = request.path("type").asText();
        JsonNode data = request.path("data");
        String subject = request.path("subject").asText();
        Instant time = answerTime(request, party);
        LocalDate day = SimulatedEvents.dayOf(time, clock.instant());
        List<ObjectNode> answers = new ArrayList<>();
        switch (party + " " + type) {
            case "housing " + HOUSING_REQUESTED -> {
                ObjectNode offer = SimulatedEvents.data()
                        .put("moveDate", day.plus(properties.housing().moveAfter()).toString())
                        .put("interimHome", data.path("interimHome").asBoolean(false))
                        .put("district", SimulatedEvents.pick(DISTRICTS, id, "district"));
                answers.add(answer(party, "nl.utrecht.housing-offer-accepted", id, "", subject, time, offer));
            }
            case "brp " + HOUSING_REALISED -> {
                for (DemoHouseholds.Member member : households.members(caseOf(request))) {
                    String bsn = member.bsn() != null ? member.bsn() : DemoBsn.forPerson(member.personId());
                    ObjectNode registered = SimulatedEvents.data().put("bsn", bsn).put("brpRegisteredOn", day.toString());
                    answers.add(answer(party, "nl.utrecht.brp-registered", id, CaseRegister.personReference(member.personId()),
                            member.vNumber(), time, registered));
                }
            }
            case "werk-en-inkomen " + BENEFIT_INTAKE_REQUESTED -> answers.add(answer(party, "nl.utrecht.benefit-granted",
                    id, "", subject, time, SimulatedEvents.data().put("benefitGrantedOn", day.toString())));
            case "werk-en-inkomen " + PPSV_RESULTS_SHARED -> {
                if (catalog.find(TRAJECTORY_PLACEMENT).isPresent()) {
                    ObjectNode placement = SimulatedEvents.data()
                            .put("chosenTrajectory", trajectory(data))
                            .put("trajectoryStartDate", day.plusDays(7).toString());
                    answers.add(answer(party, TRAJECTORY_PLACEMENT, id, "", subject, time, placement));
                } else {
                    log.info("Werk en Inkomen simulator: PPS-V results {} noted; the hub knows no {} to answer with",
                            id, TRAJECTORY_PLACEMENT);
                }
            }
            case "vluchtelingenwerk-utrecht " + DOSSIER_TRANSFER_REQUESTED -> {
                fetchAttachments(id, data.path("attachments"));
                answers.add(answer(party, "nl.vluchtelingenwerk.dossier-transfer-received", id, "", subject, time,
                        SimulatedEvents.data().put("dossierTransferredOn", day.toString())));
            }
            case "gca " + MEDICAL_HANDOVER_REQUESTED -> answers.add(answer(party, "nl.gca.medical-record-handover-confirmed",
                    id, "", subject, time, SimulatedEvents.data()
                            .put("medicalHandoverConfirmedOn", day.toString())
                            .put("gpPractice", data.path("gpPractice").asText("Huisartsenpraktijk Demo"))));
            case "onderwijs " + SCHOOL_REGISTRATION_REQUESTED -> answers.add(answer(party, "nl.utrecht.school-placement-done",
                    id, "", subject, time, SimulatedEvents.data()
                            .put("schoolName", school(data.path("schoolType").asText()))
                            .put("firstSchoolDay", day.toString())));
            case "buurtteam " + HANDOVER_PACKAGE_SENT -> answers.add(answer(party, "nl.buurtteam.handover-accepted", id, "",
                    subject, time, SimulatedEvents.data().put("handoverAcceptedOn", day.toString())));
            case "vluchtelingenwerk-mn " + INTAKE_REGISTERED -> {
                uploadDocument(id, subject);
                ObjectNode opened = SimulatedEvents.data()
                        .put("dossierNumber", "VWMN-DEMO-" + HexFormat.of().toHexDigits(id.hashCode()).toUpperCase())
                        .put("openedOn", day.toString());
                answers.add(answer(party, "nl.vluchtelingenwerk.dossier-opened", id, "", subject, time, opened));
            }
            default -> log.warn("{} simulator: no answer to a message of type {} ({})", party, type, id);
        }
        List<String> events = answers.stream().map(ObjectNode::toString).toList();
        activity.answered(party, id, answers.stream().map(a -> a.path("id").asText()).toList());
        log.info("{} simulator answers {} ({}) with {}", party, type, id,
                answers.stream().map(a -> a.path("type").asText()).toList());
        return events;
    }

    /** A message for a broker queue, to be delivered at {@code deliverAt} (epoch millis). */
    public record Scheduled(String queue, String body, long deliverAt, String duplicateId) {
    }

    /** Turns a {@link Scheduled} body into the message itself, with the headers that schedule it. */
    public String prepareScheduled(Exchange exchange) {
        Message message = exchange.getMessage();
        Scheduled scheduled = message.getBody(Scheduled.class);
        message.getHeaders().clear();
        message.setHeader(QUEUE, scheduled.queue());
        message.setHeader(DUPLICATE_ID, scheduled.duplicateId());
        message.setHeader(DELIVER_AT, scheduled.deliverAt());
        return scheduled.body();
    }

    /** Sends one answer over HTTP {@code /api/events} as the party's demo user. */
    public void post(String event, String party) {
        hubApi.postEvent(event, properties.userOf(party));
    }

    /**
     * Prepares one answer for JMS hub.inbound, sent in the transaction of the request: no headers, and no
     * broker duplicate id (Artemis rolls back a transaction that sends a duplicate); the hub's inbox
     * recognises an answer sent again by its (source, id).
     */
    public String forJms(Exchange exchange) {
        Message message = exchange.getMessage();
        String event = message.getBody(String.class);
        message.getHeaders().clear();
        return event;
    }

    private ObjectNode answer(String party, String type, String requestId, String part, String subject, Instant time,
                              ObjectNode data) {
        String source = source(party);
        return SimulatedEvents.event(SimulatedEvents.answerId(type, requestId, part), source, type, subject, time, data);
    }

    /** The party's source, as config/hub-connectors.yaml names it. */
    private String source(String party) {
        return connectors.find(party).map(c -> c.sources().get(0))
                .orElseThrow(() -> new IllegalStateException("no connector " + party + " in hub.connectors"));
    }

    /** The request's time plus the party's delay: the same for every delivery of the request. */
    private Instant answerTime(JsonNode request, String party) {
        Instant sent;
        try {
            sent = OffsetDateTime.parse(request.path("time").asText()).toInstant();
        } catch (DateTimeParseException e) {
            sent = clock.instant();
        }
        Duration delay = properties.delayOf(party);
        Instant answered = sent.plus(delay);
        Instant now = clock.instant();
        return answered.isAfter(now) ? now : answered;
    }

    private String caseOf(JsonNode request) {
        String caseId = request.path("caseid").asText("");
        if (!caseId.isEmpty()) {
            return caseId;
        }
        return register.findBySubject(request.path("subject").asText()).stream()
                .flatMap(person -> register.casesOf(person).stream()).map(CaseRegister.Case::caseId).findFirst()
                .orElseThrow(() -> new IllegalStateException("the BRP simulator knows no case for the request"));
    }

    /** Werk en Inkomen's work matcher: language first below A2, UAF for higher education, else by experience. */
    private static String trajectory(JsonNode ppsv) {
        String language = ppsv.path("languageLevel").asText("A0");
        if (language.equals("A0") || language.equals("A1")) {
            return "language-first";
        }
        if (ppsv.path("educationLevel").asText().equals("higher")) {
            return "uaf";
        }
        return ppsv.path("workExperienceYears").asInt(0) >= 3 ? "work-experience-place" : "vip-project";
    }

    private static String school(String schoolType) {
        return switch (schoolType) {
            case "pre-school" -> "VVE-peuterspeelzaal De Demo";
            case "transition-class" -> "Internationale Schakelklas Utrecht (demo)";
            default -> "Taalschool Het Mozaïek (demo)";
        };
    }

    /**
     * Vluchtelingenwerk Utrecht fetches each document of the transfer once, over the short-lived signed
     * link, and checks it against the claim check's digest. A document fetched before (410) is done.
     */
    private void fetchAttachments(String requestId, JsonNode attachments) {
        if (!attachments.isArray() || attachments.isEmpty()) {
            log.info("Vluchtelingenwerk Utrecht simulator: transfer {} carries no documents", requestId);
            return;
        }
        String user = properties.userOf("vluchtelingenwerk-utrecht");
        for (JsonNode attachment : attachments) {
            String attachmentId = attachment.path("id").asText();
            if (activity.wasFetched(attachmentId)) {
                continue;
            }
            HubApiClient.Answer fetched = hubApi.fetch(attachment.path("href").asText(), user);
            if (fetched.status() == 410) {
                activity.fetched(attachmentId);
                continue;
            }
            if (fetched.status() != 200) {
                throw new IllegalStateException("fetching document " + attachmentId + " answered " + fetched.status());
            }
            String digest = sha256(fetched.body());
            if (!digest.equals(attachment.path("sha256").asText())) {
                throw new IllegalStateException("document " + attachmentId + " does not match its digest");
            }
            activity.fetched(attachmentId);
            log.info("Vluchtelingenwerk Utrecht simulator fetched document {} ({} bytes) of transfer {}", attachmentId,
                    fetched.body().length, requestId);
        }
    }

    /** Vluchtelingenwerk Midden-Nederland puts a (fake) document in the new dossier, for the later transfer. */
    private void uploadDocument(String intakeId, String subject) {
        if (activity.wasUploaded(intakeId)) {
            return;
        }
        HubApiClient.Answer uploaded = hubApi.upload(subject, "application/pdf", DemoDocument.pdf(intakeId),
                properties.userOf("vluchtelingenwerk-mn"));
        if (uploaded.status() == 404 || uploaded.status() == 405 || uploaded.status() == 422) {
            // No attachments API, or the household has no open case any more (departed): no document.
            log.info("Vluchtelingenwerk MN simulator: no document for intake {} (/api/attachments answered {})",
                    intakeId, uploaded.status());
        } else if (uploaded.status() != 201) {
            throw new IllegalStateException("uploading the demo document answered " + uploaded.status());
        }
        activity.uploaded(intakeId);
    }

    private JsonNode read(String body) {
        try {
            return objectMapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the simulator received something that is not JSON", e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
