package nl.utrecht.integrationhub.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard} (the page) and {@code GET /dashboard/export.csv} (the same figures for the
 * quarterly report), both from the {@link DashboardSource}'s latest figures. Who may see them is decided
 * before, by {@link DashboardAccess}.
 */
@RestController
class DashboardController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ObjectProvider<DashboardSource> source;

    /** The source is looked up per request: without one (a hub without figures) the page answers 503. */
    DashboardController(ObjectProvider<DashboardSource> source) {
        this.source = source;
    }

    @GetMapping("/dashboard")
    ResponseEntity<String> page() {
        DashboardSource figures = source.getIfAvailable();
        if (figures == null) {
            return unavailable();
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .headers(DashboardController::securityHeaders)
                .body(DashboardPage.render(figures.current()));
    }

    @GetMapping("/dashboard/export.csv")
    ResponseEntity<?> csv() {
        DashboardSource available = source.getIfAvailable();
        if (available == null) {
            return unavailable();
        }
        DashboardFigures figures = available.current();
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(figures.computedAt().atZone(DutchFormat.AMSTERDAM));
        return ResponseEntity.ok()
                .contentType(CSV)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("monitoring-integratieroute-" + day + ".csv").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(DashboardCsv.render(figures).getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<String> unavailable() {
        return ResponseEntity.status(503).contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body("De cijfers zijn nog niet beschikbaar.\n");
    }

    /** The page's Content-Security-Policy and the usual companions. */
    static void securityHeaders(HttpHeaders headers) {
        headers.set("Content-Security-Policy", DashboardPage.CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
    }
}
