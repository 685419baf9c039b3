package nl.utrecht.integrationhub.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.demo.PartnerSimulators.Scheduled;

/**
 * Plays COA in the demo: now and then a household arrives in one of Utrecht's AZCs. Every value is
 * obviously fake: V-numbers start with 99, names read "Demo". What follows an intake is scheduled with
 * it ({@link #followUps}): Vluchtelingenwerk Midden-Nederland opens the dossier, and COA reports the
 * residence permit and then the linking to Utrecht, or (for a configurable share) a departure without status.
 */
@Component("coaIntakeSimulator")
@Profile("demo")
public class CoaIntakeSimulator {

    private static final List<String> LOCATIONS = List.of("Joseph Haydnlaan", "Ravellaan", "Einsteindreef");
    private static final List<String> NATIONALITIES = List.of("SYR", "ERI", "AFG", "IRQ", "YEM", "TUR");
    private static final List<List<String>> LANGUAGES = List.of(List.of("ar"), List.of("ti"), List.of("fa", "ps"),
            List.of("ar", "ku"), List.of("ar", "en"), List.of("tr"));
    private static final List<String> EDUCATION = List.of("none", "primary", "secondary", "vocational", "higher");
    private static final String COA = "urn:nl:coa";

    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final SimulatorProperties properties;
    private final RandomGenerator random = RandomGenerator.getDefault();

    CoaIntakeSimulator(Clock clock, ObjectMapper objectMapper, SimulatorProperties properties) {
        this.clock = clock;
        this.objectMapper = objectMapper;
        this.properties = properties;
    }

    /** A new AZC intake event (CloudEvent, structured JSON). */
    public String nextIntake() throws JsonProcessingException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Amsterdam")));
        String mainVNumber = fakeVNumber();
        LocalDate mainBirthDate = today.minusYears(20 + random.nextInt(30)).minusDays(random.nextInt(365));
        List<Map<String, Object>> household = new ArrayList<>();
        household.add(member(mainVNumber, mainBirthDate, "main"));
        if (random.nextBoolean()) {
            household.add(member(fakeVNumber(), mainBirthDate.plusDays(random.nextInt(2000)), "partner"));
        }
        int children = random.nextInt(4);
        for (int i = 0; i < children; i++) {
            household.add(member(fakeVNumber(), today.minusYears(random.nextInt(18)).minusDays(random.nextInt(365)),
                    "child"));
        }
        int nationality = random.nextInt(NATIONALITIES.size());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("vNumber", mainVNumber);
        data.put("familyName", "Demo-" + mainVNumber.substring(6));
        data.put("givenNames", "Testpersoon");
        data.put("birthDate", mainBirthDate.toString());
        data.put("nationality", NATIONALITIES.get(nationality));
        data.put("languages", LANGUAGES.get(nationality));
        data.put("azcLocation", LOCATIONS.get(random.nextInt(LOCATIONS.size())));
        data.put("arrivalDate", today.toString());
        data.put("household", household);

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", "coa-sim-" + UUID.randomUUID());
        event.put("source", COA);
        event.put("type", "nl.coa.azc-intake-registered");
        event.put("subject", mainVNumber);
        event.put("time", OffsetDateTime.now(clock).toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return objectMapper.writeValueAsString(event);
    }

    /**
     * What follows the intake, each on its broker queue for delivery later: the dossier opened by
     * Vluchtelingenwerk Midden-Nederland (hub.sim.vluchtelingenwerk-mn), and COA's permit and linking, or
     * its departure without status (hub.inbound; parked by the hub until the route waits for them).
     */
    public List<Scheduled> followUps(String intake) throws JsonProcessingException {
        JsonNode event = objectMapper.readTree(intake);
        String intakeId = event.get("id").asText();
        String subject = event.get("subject").asText();
        Instant now = clock.instant();
        SimulatorProperties.Coa coa = properties.coa();
        List<Scheduled> followUps = new ArrayList<>();
        followUps.add(new Scheduled("hub.sim.vluchtelingenwerk-mn", intake,
                now.plus(properties.vluchtelingenwerkMn().dossierAfter()).toEpochMilli(), "vluchtelingenwerk-mn:" + intakeId));
        if (random.nextDouble() < coa.departureShare()) {
            Instant departed = now.plus(coa.departureAfter());
            followUps.add(coaEvent("nl.coa.departed-without-status", intakeId, subject, departed,
                    SimulatedEvents.data().put("departedOn", day(departed))));
            return followUps;
        }
        Instant permitted = now.plus(coa.permitAfter());
        followUps.add(coaEvent("nl.ind.residence-permit-granted", intakeId, subject, permitted,
                SimulatedEvents.data().put("permitGrantedOn", day(permitted))));
        Instant linked = permitted.plus(coa.linkAfter());
        int toFollow = random.nextDouble() < coa.familyToFollowShare() ? 1 + random.nextInt(2) : 0;
        ObjectNode linking = SimulatedEvents.data()
                .put("linkedOn", day(linked))
                .put("familyMembersToFollow", toFollow)
                .put("educationLevel", EDUCATION.get(random.nextInt(EDUCATION.size())))
                .put("workExperienceYears", random.nextInt(15));
        linking.set("languages", event.path("data").path("languages"));
        followUps.add(coaEvent("nl.coa.status-holder-linked", intakeId, subject, linked, linking));
        return followUps;
    }

    private Scheduled coaEvent(String type, String intakeId, String subject, Instant at, ObjectNode data) {
        ObjectNode event = SimulatedEvents.event(SimulatedEvents.answerId(type, intakeId, ""), COA, type, subject, at, data);
        return new Scheduled("hub.inbound", event.toString(), at.toEpochMilli(), "sim:" + event.get("id").asText());
    }

    private static String day(Instant moment) {
        return moment.atZone(SimulatedEvents.UTRECHT).toLocalDate().toString();
    }

    private Map<String, Object> member(String vNumber, LocalDate birthDate, String relation) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("vNumber", vNumber);
        member.put("birthDate", birthDate.toString());
        member.put("relation", relation);
        return member;
    }

    private String fakeVNumber() {
        return "99" + String.format("%08d", random.nextInt(100_000_000));
    }
}
