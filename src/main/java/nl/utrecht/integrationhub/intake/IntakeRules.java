package nl.utrecht.integrationhub.intake;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import nl.utrecht.integrationhub.inbound.EventRule;
import nl.utrecht.integrationhub.inbound.Violation;

/** Rules of an AZC intake that span fields: the household is complete and consistent. */
@Component
class IntakeRules implements EventRule {

    @Override
    public String type() {
        return HouseholdRouteProcess.MESSAGE_INTAKE_REGISTERED;
    }

    @Override
    public List<Violation> check(JsonNode event) {
        List<Violation> violations = new ArrayList<>();
        JsonNode data = event.get("data");
        String mainVNumber = data.get("vNumber").asText();
        if (!mainVNumber.equals(event.get("subject").asText())) {
            violations.add(Violation.of("/subject", "subject-is-main-person",
                    "the subject must be the V-number of the main person (data.vNumber)"));
        }
        LocalDate arrival = LocalDate.parse(data.get("arrivalDate").asText());
        Set<String> seen = new HashSet<>();
        boolean mainPersonListed = false;
        JsonNode household = data.get("household");
        for (int i = 0; i < household.size(); i++) {
            JsonNode member = household.get(i);
            String vNumber = member.get("vNumber").asText();
            if (!seen.add(vNumber)) {
                violations.add(Violation.of("/data/household/" + i + "/vNumber", "unique",
                        "each household member appears once"));
            }
            if (vNumber.equals(mainVNumber)) {
                mainPersonListed = true;
                if (!member.get("birthDate").asText().equals(data.get("birthDate").asText())) {
                    violations.add(Violation.of("/data/household/" + i + "/birthDate", "matches-main-person",
                            "the main person's birth date differs from data.birthDate"));
                }
            }
            if (LocalDate.parse(member.get("birthDate").asText()).isAfter(arrival)) {
                violations.add(Violation.of("/data/household/" + i + "/birthDate", "not-after-arrival",
                        "a member cannot be born after the arrival date"));
            }
        }
        if (!mainPersonListed) {
            violations.add(Violation.of("/data/household", "contains-main-person",
                    "the household lists every member, including the main person"));
        }
        return violations;
    }
}
