package nl.utrecht.integrationhub.cases;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;
import nl.utrecht.integrationhub.platform.security.HubPrincipal;
import nl.utrecht.integrationhub.platform.web.ApiProblems;

/**
 * {@code GET /api/cases?subject=} — the cases of a person, looked up by V-number or BSN: for a caseworker
 * only the cases its organisation works on (has or had a task in), so that another organisation's clients
 * stay invisible (an empty list, as for an unknown person); for an administrator all.
 */
@RestController
@RequestMapping("/api/cases")
class CasesController {

    record CaseView(String caseId, String processInstanceId, CaseStatus status) {
    }

    private final CaseRegister register;
    private final ProcessCorrelator processes;

    CasesController(CaseRegister register, ProcessCorrelator processes) {
        this.register = register;
        this.processes = processes;
    }

    @GetMapping
    ResponseEntity<?> casesOf(@RequestParam(name = "subject", required = false) String subject,
                              HttpServletRequest request) {
        if (subject == null || !(PersonIdentifiers.isVNumber(subject) || PersonIdentifiers.isBsn(subject))) {
            return ApiProblems.invalidQuery("/api/cases", "subject", subject == null ? "required" : "v-number-or-bsn",
                    "The query parameter subject must be a V-number (10 digits) or a BSN (9 digits, 11-test).");
        }
        HubPrincipal caller = HubPrincipal.of(request);
        List<CaseView> cases = register.findBySubject(subject).map(register::casesOf).orElse(List.of()).stream()
                .filter(c -> caller.isAdministrator() || processes.worksOn(c.caseId(), caller.groups()))
                .map(c -> new CaseView(c.caseId(), c.processInstanceId(),
                        processes.isRunning(c.caseId()) ? CaseStatus.open : CaseStatus.closed))
                .toList();
        return ResponseEntity.ok(cases);
    }
}
