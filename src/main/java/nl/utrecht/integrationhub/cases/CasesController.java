package nl.utrecht.integrationhub.cases;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.inbound.PersonIdentifiers;
import nl.utrecht.integrationhub.platform.camunda.ProcessCorrelator;

/** {@code GET /api/cases?subject=} — the cases of a person, looked up by V-number or BSN. */
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
    ResponseEntity<?> casesOf(@RequestParam(name = "subject", required = false) String subject) {
        if (subject == null || !(PersonIdentifiers.isVNumber(subject) || PersonIdentifiers.isBsn(subject))) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The query parameter subject must be a V-number (10 digits) or a BSN (9 digits, 11-test).");
            problem.setTitle("Invalid query");
            problem.setInstance(URI.create("/api/cases"));
            problem.setProperty("errors", List.of(Map.of("parameter", "subject", "rule",
                    subject == null ? "required" : "v-number-or-bsn")));
            return ResponseEntity.badRequest().body(problem);
        }
        List<CaseView> cases = register.findBySubject(subject).map(register::casesOf).orElse(List.of()).stream()
                .map(c -> new CaseView(c.caseId(), c.processInstanceId(),
                        processes.isRunning(c.caseId()) ? CaseStatus.open : CaseStatus.closed))
                .toList();
        return ResponseEntity.ok(cases);
    }
}
