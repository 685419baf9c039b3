package nl.utrecht.integrationhub.benchmark;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.support.Events;

/**
 * The intakes of one benchmark run, each its own one-person household (as reliability/Ledger: light to
 * apply, so the run measures the hub rather than the route), with obviously fake values: event id
 * {@code bench-<run>-<n>}, V-number "98", the 3-digit run and the 5-digit number. The same intake as a
 * direct start of household-route through {@code /engine-rest/message}, with the variables the hub sets.
 */
final class Intakes {

    static final String SOURCE = Events.SOURCE_COA;
    static final String TYPE = Events.TYPE_INTAKE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    record Intake(int number, String eventId, String vNumber, String json) {
    }

    private final String run;

    Intakes() {
        this(String.format("%03d", ThreadLocalRandom.current().nextInt(1000)));
    }

    Intakes(String run) {
        this.run = run;
    }

    String run() {
        return run;
    }

    /** The event ids of this run start with this. */
    String eventIdPrefix() {
        return "bench-" + run + "-";
    }

    /** The V-numbers of this run start with this. */
    String vNumberPrefix() {
        return "98" + run;
    }

    /** Business keys of this run's direct starts start with this. */
    String directKeyPrefix() {
        return "BENCH-" + run + "-";
    }

    Intake intake(int number) {
        if (number < 0 || number > 99_999) {
            throw new IllegalArgumentException("at most 99,999 intakes per run");
        }
        String vNumber = vNumberPrefix() + String.format("%05d", number);
        String eventId = eventIdPrefix() + number;
        LocalDate arrival = Events.today().minusDays(1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("vNumber", vNumber);
        data.put("familyName", "Testpersoon");
        data.put("givenNames", "Bench");
        data.put("birthDate", "1990-01-01");
        data.put("nationality", "XXA");
        data.put("languages", List.of("ar"));
        data.put("azcLocation", "Ravellaan");
        data.put("arrivalDate", arrival.toString());
        data.put("household", List.of(Map.of("vNumber", vNumber, "birthDate", "1990-01-01", "relation", "main")));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", SOURCE);
        event.put("type", TYPE);
        event.put("subject", vNumber);
        event.put("time", arrival + "T10:00:00Z");
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return new Intake(number, eventId, vNumber, json(event));
    }

    /**
     * The body of {@code POST /engine-rest/message} that starts household-route for intake {@code number}
     * as the hub's AzcIntakeHandler does: the same message, business key and process variables (a fake case
     * id and person reference, since no register is involved).
     */
    String directStart(int number) {
        LocalDate arrival = Events.today().minusDays(1);
        String caseId = directKeyPrefix() + number;
        String personRef = "P-B" + run + String.format("%05d", number);
        String arrivalDate = BusinessDates.startOf(arrival).toInstant().atZone(Events.AMSTERDAM).format(ENGINE_DATE);
        String due = BusinessDates.startOf(arrival.plusDays(3)).toInstant().atZone(Events.AMSTERDAM).format(ENGINE_DATE);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("caseId", typed(caseId, "String"));
        variables.put("mainPersonRef", typed(personRef, "String"));
        variables.put("azcLocation", typed("Ravellaan", "String"));
        variables.put("arrivalDate", typed(arrivalDate, "Date"));
        variables.put("schoolPlacementDue", typed(due, "Date"));
        variables.put("schoolAgeChildren", jsonList(List.of()));
        variables.put("householdMembers", jsonList(List.of(Map.of("personRef", personRef, "birthDate", "1990-01-01",
                "relation", "main"))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageName", TYPE);
        body.put("businessKey", caseId);
        body.put("processVariables", variables);
        return json(body);
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    private static Map<String, Object> jsonList(List<?> list) {
        return Map.of("value", json(list), "type", "Object",
                "valueInfo", Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
