package nl.utrecht.integrationhub.intake;

import static nl.utrecht.integrationhub.intake.HouseholdRouteProcess.*;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.cases.CaseRegister;
import nl.utrecht.integrationhub.cases.CaseRegister.Case;
import nl.utrecht.integrationhub.cases.CaseRegister.Person;
import nl.utrecht.integrationhub.inbound.InboundEventHandler;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;
import nl.utrecht.integrationhub.route.BusinessDates;
import nl.utrecht.integrationhub.route.Deadlines;

/**
 * {@code nl.coa.azc-intake-registered}: COA registered a household's arrival in an AZC. Registers
 * its members, opens the household's case and starts its route — unless the main person already has
 * an open case, in which case nothing more happens.
 */
@Component
class AzcIntakeHandler implements InboundEventHandler {

    static final int SCHOOL_AGE_FROM = 5;
    static final int SCHOOL_AGE_UNTIL = 18;

    private final CaseRegister register;
    private final ProcessCorrelator processes;
    private final Deadlines deadlines;

    AzcIntakeHandler(CaseRegister register, ProcessCorrelator processes, Deadlines deadlines) {
        this.register = register;
        this.processes = processes;
        this.deadlines = deadlines;
    }

    @Override
    public String type() {
        return MESSAGE_INTAKE_REGISTERED;
    }

    @Override
    public Outcome apply(JsonNode event) {
        JsonNode data = event.get("data");
        String mainVNumber = data.get("vNumber").asText();
        LocalDate arrivalDate = LocalDate.parse(data.get("arrivalDate").asText());

        Person main = register.registerByVNumber(mainVNumber, LocalDate.parse(data.get("birthDate").asText()));
        for (Case existing : register.casesOf(main)) {
            if (processes.isRunning(existing.caseId())) {
                return Outcome.applied("household already has an open case; no second case opened", existing.caseId());
            }
        }
        Case householdCase = register.openCase(main);
        List<String> schoolAgeChildren = new ArrayList<>();
        List<Map<String, String>> householdMembers = new ArrayList<>();
        for (JsonNode member : data.get("household")) {
            LocalDate birthDate = LocalDate.parse(member.get("birthDate").asText());
            Person person = register.registerByVNumber(member.get("vNumber").asText(), birthDate);
            String relation = member.get("relation").asText();
            register.addMember(householdCase, person, relation);
            Map<String, String> memberVariable = new LinkedHashMap<>();
            memberVariable.put("personRef", person.reference());
            memberVariable.put("birthDate", birthDate.toString());
            memberVariable.put("relation", relation);
            householdMembers.add(memberVariable);
            if (isOfSchoolAge(birthDate, arrivalDate)) {
                schoolAgeChildren.add(person.reference());
            }
        }

        Map<String, Object> variables = new HashMap<>();
        variables.put(VAR_CASE_ID, householdCase.caseId());
        variables.put(VAR_MAIN_PERSON_REF, main.reference());
        variables.put(VAR_AZC_LOCATION, data.get("azcLocation").asText());
        variables.put(VAR_ARRIVAL_DATE, toDate(arrivalDate));
        variables.put(VAR_SCHOOL_AGE_CHILDREN, schoolAgeChildren);
        variables.put(VAR_HOUSEHOLD_MEMBERS, householdMembers);
        variables.put(VAR_SCHOOL_PLACEMENT_DUE, deadlines.after(toDate(arrivalDate), Deadlines.SCHOOL_PLACEMENT));
        String processInstanceId = processes.start(MESSAGE_INTAKE_REGISTERED, householdCase.caseId(), variables);
        register.linkProcessInstance(householdCase, processInstanceId);
        return Outcome.created("case opened with " + schoolAgeChildren.size() + " school placement(s)",
                householdCase.caseId());
    }

    /** Compulsory schooling applies from 5 up to (not including) 18 on the arrival date. */
    static boolean isOfSchoolAge(LocalDate birthDate, LocalDate onDate) {
        int age = Period.between(birthDate, onDate).getYears();
        return age >= SCHOOL_AGE_FROM && age < SCHOOL_AGE_UNTIL;
    }

    /** The start of the day in Utrecht: the business date a deadline runs from. */
    static Date toDate(LocalDate date) {
        return BusinessDates.startOf(date);
    }
}
