package nl.utrecht.integrationhub.benchmark;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.utrecht.integrationhub.support.Events;

/**
 * The households the growth benchmark loads: household {@code n} (from 1) has an intake event with a
 * deterministic, obviously fake V-number per member ("97" and 8 digits, never a real range), so no two
 * members of the run share one, and a composition from a fixed mix that spreads the work over the
 * caseworker groups as an AZC intake does: every household gives Vluchtelingenwerk Midden-Nederland two
 * reception tasks (open the dossier, record the activation), every child of 5 up to 18 gives Onderwijs
 * one school placement task (with a due date).
 *
 * <p>Mix per 20 households: 8 single adults, 4 couples, 4 couples with a child of 8, 2 single parents
 * with a child of 3 (no school task), 2 couples with children of 7 and 14.
 */
final class GrowthHouseholds {

    static final String EVENT_ID_PREFIX = "growth-";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** Members per household at most: V-numbers are 97 + (n * 4 + member) in 8 digits. */
    private static final int MEMBER_SLOTS = 4;

    private final LocalDate arrival = Events.today().minusDays(2);
    private final String time = OffsetDateTime.now(ZoneOffset.UTC).format(RFC3339);

    /** The main person's V-number of household n. */
    static String mainVNumber(int n) {
        return vNumber(n, 0);
    }

    private static String vNumber(int n, int member) {
        long number = (long) n * MEMBER_SLOTS + member;
        if (number >= 100_000_000L) {
            throw new IllegalArgumentException("too many households for the V-number range");
        }
        return "97" + String.format("%08d", number);
    }

    /** Children of school age (5 up to 18 on arrival) in household n: the education tasks it gives. */
    static int schoolAgeChildren(int n) {
        int kind = n % 20;
        if (kind >= 12 && kind <= 15) {
            return 1;
        }
        return kind >= 18 ? 2 : 0;
    }

    /** The intake event of household n (CloudEvent JSON). */
    String intake(int n) {
        String main = mainVNumber(n);
        LocalDate mainBirth = LocalDate.of(1980 + n % 20, 1 + n % 12, 1 + n % 28);
        List<Map<String, Object>> household = new ArrayList<>();
        household.add(member(main, mainBirth, "main"));
        int kind = n % 20;
        if (kind >= 8 && kind != 16 && kind != 17) {
            household.add(member(vNumber(n, 1), mainBirth.plusYears(2), "partner"));
        }
        if (kind >= 12 && kind <= 15) {
            household.add(member(vNumber(n, 2), arrival.minusYears(8).minusMonths(3), "child"));
        } else if (kind == 16 || kind == 17) {
            household.add(member(vNumber(n, 2), arrival.minusYears(3).minusMonths(1), "child"));
        } else if (kind >= 18) {
            household.add(member(vNumber(n, 2), arrival.minusYears(7).minusMonths(5), "child"));
            household.add(member(vNumber(n, 3), arrival.minusYears(14).minusMonths(2), "child"));
        }
        Map<String, Object> data = Map.of(
                "vNumber", main,
                "familyName", "Testpersoon",
                "givenNames", "Groei",
                "birthDate", mainBirth.toString(),
                "nationality", "XXA",
                "languages", List.of("ar"),
                "azcLocation", List.of("Joseph Haydnlaan", "Ravellaan", "Einsteindreef").get(n % 3),
                "arrivalDate", arrival.toString(),
                "household", household);
        return json(Map.of(
                "specversion", "1.0",
                "id", EVENT_ID_PREFIX + n,
                "source", Events.SOURCE_COA,
                "type", Events.TYPE_INTAKE,
                "subject", main,
                "time", time,
                "datacontenttype", "application/json",
                "data", data));
    }

    /** Vluchtelingenwerk's report that household n's dossier is open (CloudEvent JSON). */
    String dossierOpened(int n) {
        return json(Map.of(
                "specversion", "1.0",
                "id", EVENT_ID_PREFIX + "dossier-" + n,
                "source", Events.SOURCE_VLUCHTELINGENWERK,
                "type", Events.TYPE_DOSSIER_OPENED,
                "subject", mainVNumber(n),
                "time", time,
                "datacontenttype", "application/json",
                "data", Map.of("dossierNumber", "VWMN-G" + n, "openedOn", Events.today().toString())));
    }

    private static Map<String, Object> member(String vNumber, LocalDate birthDate, String relation) {
        return Map.of("vNumber", vNumber, "birthDate", birthDate.toString(), "relation", relation);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
