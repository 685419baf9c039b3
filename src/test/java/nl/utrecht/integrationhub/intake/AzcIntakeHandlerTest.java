package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.MESSAGE_INTAKE_REGISTERED;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_ARRIVAL_DATE;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_AZC_LOCATION;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_AGE_CHILDREN;
import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.VAR_SCHOOL_PLACEMENT_DUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Captor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Case;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.InboundEventHandler.Outcome;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;
import nl.utrecht.integrationhub.route.Deadlines;

/** The AZC intake: who is of school age, and what starting the household route hands the process. */
@ExtendWith(MockitoExtension.class)
class AzcIntakeHandlerTest {

    private static final LocalDate ARRIVAL = LocalDate.of(2026, 5, 30);
    private static final String MAIN = "1234567890";
    private static final String PARTNER = "1234567891";
    private static final String CHILD_OF_FOUR = "1234567892";
    private static final String CHILD_OF_THIRTEEN = "1234567893";

    private static final Person MAIN_PERSON = new Person(41, MAIN, null, LocalDate.of(1990, 1, 1));
    private static final Person PARTNER_PERSON = new Person(42, PARTNER, null, LocalDate.of(1992, 7, 15));
    private static final Person FOUR_YEAR_OLD = new Person(43, CHILD_OF_FOUR, null, LocalDate.of(2021, 9, 1));
    private static final Person THIRTEEN_YEAR_OLD = new Person(44, CHILD_OF_THIRTEEN, null, LocalDate.of(2013, 1, 15));

    @Mock
    private CaseRegister register;
    @Mock
    private ProcessCorrelator processes;
    @Captor
    private ArgumentCaptor<Map<String, Object>> variables;

    private final ObjectMapper json = new ObjectMapper();
    private AzcIntakeHandler handler;

    @BeforeEach
    void createHandler() {
        handler = new AzcIntakeHandler(register, processes, new Deadlines(Map.of("school-placement", "P3D")));
    }

    // --- school age ---

    @Test
    void aChildOneDayShortOfFiveIsNotOfSchoolAge() {
        assertThat(AzcIntakeHandler.isOfSchoolAge(LocalDate.of(2021, 5, 31), ARRIVAL)).isFalse();
    }

    @Test
    void aChildIsOfSchoolAgeOnItsFifthBirthday() {
        assertThat(AzcIntakeHandler.isOfSchoolAge(LocalDate.of(2021, 5, 30), ARRIVAL)).isTrue();
    }

    @Test
    void aChildOneDayShortOfEighteenIsOfSchoolAge() {
        assertThat(AzcIntakeHandler.isOfSchoolAge(LocalDate.of(2008, 5, 31), ARRIVAL)).isTrue();
    }

    @Test
    void aYoungPersonIsNoLongerOfSchoolAgeOnItsEighteenthBirthday() {
        assertThat(AzcIntakeHandler.isOfSchoolAge(LocalDate.of(2008, 5, 30), ARRIVAL)).isFalse();
    }

    @Test
    void babiesAndAdultsAreNotOfSchoolAge() {
        assertThat(AzcIntakeHandler.isOfSchoolAge(ARRIVAL, ARRIVAL)).isFalse();
        assertThat(AzcIntakeHandler.isOfSchoolAge(LocalDate.of(1990, 1, 1), ARRIVAL)).isFalse();
    }

    // --- business dates ---

    @Test
    void aBusinessDateStartsAtMidnightInUtrechtInSummer() {
        assertThat(AzcIntakeHandler.toDate(LocalDate.of(2026, 6, 1)))
                .isEqualTo(Date.from(Instant.parse("2026-05-31T22:00:00Z")));
    }

    @Test
    void aBusinessDateStartsAtMidnightInUtrechtInWinter() {
        assertThat(AzcIntakeHandler.toDate(LocalDate.of(2026, 1, 15)))
                .isEqualTo(Date.from(Instant.parse("2026-01-14T23:00:00Z")));
    }

    @Test
    void aBusinessDateOnTheDayTheClocksGoForwardStartsAtMidnightWinterTime() {
        assertThat(AzcIntakeHandler.toDate(LocalDate.of(2026, 3, 29)))
                .isEqualTo(Date.from(Instant.parse("2026-03-28T23:00:00Z")));
    }

    // --- applying an intake ---

    @Test
    void startsTheHouseholdRouteWithOnePlacementForTheChildOfSchoolAge() {
        registerKnows(MAIN_PERSON, PARTNER_PERSON, FOUR_YEAR_OLD, THIRTEEN_YEAR_OLD);
        when(register.casesOf(MAIN_PERSON)).thenReturn(List.of());
        Case opened = new Case(7, "HH-2026-000007", null);
        when(register.openCase(MAIN_PERSON)).thenReturn(opened);
        when(processes.start(eq(MESSAGE_INTAKE_REGISTERED), eq("HH-2026-000007"), anyMap())).thenReturn("pi-7");

        Outcome outcome = handler.apply(intakeOfTwoAdultsAndChildrenOfFourAndThirteen());

        verify(processes).start(eq(MESSAGE_INTAKE_REGISTERED), eq("HH-2026-000007"), variables.capture());
        assertThat(variables.getValue()).containsOnlyKeys(VAR_CASE_ID, VAR_MAIN_PERSON_REF, VAR_AZC_LOCATION,
                VAR_ARRIVAL_DATE, VAR_SCHOOL_AGE_CHILDREN, VAR_HOUSEHOLD_MEMBERS, VAR_SCHOOL_PLACEMENT_DUE);
        assertThat(variables.getValue())
                .containsEntry(VAR_CASE_ID, "HH-2026-000007")
                .containsEntry(VAR_MAIN_PERSON_REF, "P-000041")
                .containsEntry(VAR_AZC_LOCATION, "Joseph Haydnlaan")
                .containsEntry(VAR_ARRIVAL_DATE, Date.from(Instant.parse("2026-05-29T22:00:00Z")))
                .containsEntry(VAR_SCHOOL_PLACEMENT_DUE, Date.from(Instant.parse("2026-06-01T22:00:00Z")));
        assertThat(variables.getValue().get(VAR_SCHOOL_AGE_CHILDREN))
                .isExactlyInstanceOf(ArrayList.class)
                .isEqualTo(List.of("P-000044"));
        assertThat(variables.getValue().get(VAR_HOUSEHOLD_MEMBERS)).isEqualTo(List.of(
                Map.of("personRef", "P-000041", "birthDate", "1990-01-01", "relation", "main"),
                Map.of("personRef", "P-000042", "birthDate", "1992-07-15", "relation", "partner"),
                Map.of("personRef", "P-000043", "birthDate", "2021-09-01", "relation", "child"),
                Map.of("personRef", "P-000044", "birthDate", "2013-01-15", "relation", "child")));
        verify(register).addMember(opened, MAIN_PERSON, "main");
        verify(register).addMember(opened, PARTNER_PERSON, "partner");
        verify(register).addMember(opened, FOUR_YEAR_OLD, "child");
        verify(register).addMember(opened, THIRTEEN_YEAR_OLD, "child");
        verify(register).linkProcessInstance(opened, "pi-7");
        assertThat(outcome.parked()).isFalse();
        assertThat(outcome.caseId()).isEqualTo("HH-2026-000007");
        assertThat(outcome.description()).doesNotContain(MAIN, CHILD_OF_THIRTEEN);
    }

    @Test
    void startsNothingWhenTheMainPersonHasARunningCase() {
        registerKnows(MAIN_PERSON);
        when(register.casesOf(MAIN_PERSON)).thenReturn(List.of(new Case(3, "HH-2026-000003", "pi-3")));
        when(processes.isRunning("HH-2026-000003")).thenReturn(true);

        Outcome outcome = handler.apply(intakeOfTwoAdultsAndChildrenOfFourAndThirteen());

        assertThat(outcome.parked()).isFalse();
        assertThat(outcome.caseId()).isEqualTo("HH-2026-000003");
        verify(register, never()).openCase(any());
        verify(register, never()).addMember(any(), any(), anyString());
        verify(processes, never()).start(anyString(), anyString(), anyMap());
    }

    @Test
    void opensANewCaseWhenTheMainPersonsEarlierCaseHasEnded() {
        registerKnows(MAIN_PERSON, PARTNER_PERSON, FOUR_YEAR_OLD, THIRTEEN_YEAR_OLD);
        when(register.casesOf(MAIN_PERSON)).thenReturn(List.of(new Case(3, "HH-2025-000003", "pi-3")));
        when(processes.isRunning("HH-2025-000003")).thenReturn(false);
        when(register.openCase(MAIN_PERSON)).thenReturn(new Case(8, "HH-2026-000008", null));
        when(processes.start(eq(MESSAGE_INTAKE_REGISTERED), eq("HH-2026-000008"), anyMap())).thenReturn("pi-8");

        Outcome outcome = handler.apply(intakeOfTwoAdultsAndChildrenOfFourAndThirteen());

        assertThat(outcome.caseId()).isEqualTo("HH-2026-000008");
        verify(processes).start(eq(MESSAGE_INTAKE_REGISTERED), eq("HH-2026-000008"), anyMap());
    }

    // --- helpers ---

    private void registerKnows(Person... people) {
        for (Person person : people) {
            when(register.registerByVNumber(person.vNumber(), person.birthDate())).thenReturn(person);
        }
    }

    private JsonNode intakeOfTwoAdultsAndChildrenOfFourAndThirteen() {
        ObjectNode event = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", "evt-2026-0001")
                .put("source", "urn:nl:coa")
                .put("type", MESSAGE_INTAKE_REGISTERED)
                .put("subject", MAIN);
        ObjectNode data = event.putObject("data")
                .put("vNumber", MAIN)
                .put("familyName", "Testpersoon")
                .put("givenNames", "Test")
                .put("birthDate", MAIN_PERSON.birthDate().toString())
                .put("nationality", "SYR")
                .put("azcLocation", "Joseph Haydnlaan")
                .put("arrivalDate", ARRIVAL.toString());
        data.putArray("languages").add("ar");
        ArrayNode household = data.putArray("household");
        member(household, MAIN_PERSON, "main");
        member(household, PARTNER_PERSON, "partner");
        member(household, FOUR_YEAR_OLD, "child");
        member(household, THIRTEEN_YEAR_OLD, "child");
        return event;
    }

    private static void member(ArrayNode household, Person person, String relation) {
        household.addObject()
                .put("vNumber", person.vNumber())
                .put("birthDate", person.birthDate().toString())
                .put("relation", relation);
    }
}
