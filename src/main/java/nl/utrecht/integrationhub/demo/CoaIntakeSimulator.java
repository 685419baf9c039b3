package nl.utrecht.integrationhub.demo;

import java.time.Clock;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Plays COA in the demo: now and then a household arrives in one of Utrecht's AZCs. Every value is
 * obviously fake: V-numbers start with 99, names read "Demo".
 */
@Component("coaIntakeSimulator")
@Profile("demo")
public class CoaIntakeSimulator {

    private static final List<String> LOCATIONS = List.of("Joseph Haydnlaan", "Ravellaan", "Einsteindreef");
    private static final List<String> NATIONALITIES = List.of("SYR", "ERI", "AFG", "IRQ", "YEM", "TUR");
    private static final List<List<String>> LANGUAGES = List.of(List.of("ar"), List.of("ti"), List.of("fa", "ps"),
            List.of("ar", "ku"), List.of("ar", "en"), List.of("tr"));

    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final RandomGenerator random = RandomGenerator.getDefault();

    CoaIntakeSimulator(Clock clock, ObjectMapper objectMapper) {
        this.clock = clock;
        this.objectMapper = objectMapper;
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
        event.put("source", "urn:nl:coa");
        event.put("type", "nl.coa.azc-intake-registered");
        event.put("subject", mainVNumber);
        event.put("time", OffsetDateTime.now(clock).toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return objectMapper.writeValueAsString(event);
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
