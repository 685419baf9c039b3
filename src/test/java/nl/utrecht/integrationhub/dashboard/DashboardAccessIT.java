package nl.utrecht.integrationhub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.utrecht.integrationhub.dashboard.WebappSession.Answer;
import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Who sees the dashboard, over HTTP against the running hub: logged in to the Camunda webapps (their
 * session) or with HTTP Basic; process owners, managers and administrators get it, a caseworker 403,
 * nobody logged in is sent to the webapps' login (a browser) or gets 401 (a script).
 */
@HubIntegrationTest
class DashboardAccessIT {

    private static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final String PAGE = "/dashboard";
    private static final String CSV = "/dashboard/export.csv";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;

    private Credentials owner;
    private Credentials caseworker;
    private Credentials manager;
    private Credentials admin;

    @BeforeEach
    void users() {
        owner = TestUsers.ensure(identityService, "it-dashboard-owner", "process-owners");
        caseworker = TestUsers.ensure(identityService, "it-dashboard-caseworker", "work-and-income");
        manager = TestUsers.ensure(identityService, "it-dashboard-manager", "managers");
        admin = TestUsers.ensure(identityService, "it-dashboard-admin", "camunda-admin");
    }

    @Test
    void nobodyLoggedInIsSentToTheWebappLoginOrGets401() {
        WebappSession anonymous = new WebappSession(port);
        Answer browser = anonymous.get(PAGE, HTML, null);
        assertThat(browser.status()).as(browser.toString()).isEqualTo(302);
        assertThat(browser.location()).endsWith("/camunda/app/welcome/default/");
        for (String path : new String[] {PAGE, CSV}) {
            Answer script = anonymous.get(path, "*/*", null);
            assertThat(script.status()).as(path + ": " + script).isEqualTo(401);
            assertThat(script.wwwAuthenticate()).anySatisfy(challenge -> assertThat(challenge).startsWith("Basic "));
            assertThat(script.contentType()).startsWith("application/problem+json");
        }
        Answer csvInBrowser = anonymous.get(CSV, HTML, null);
        assertThat(csvInBrowser.status()).isEqualTo(302);
    }

    @Test
    void aCaseworkerGets403OnThePageAndTheExport() {
        WebappSession session = new WebappSession(port).logIn(caseworker);
        for (String path : new String[] {PAGE, CSV}) {
            Answer browser = session.get(path, HTML, null);
            assertThat(browser.status()).as(path + ": " + browser).isEqualTo(403);
            assertThat(browser.body()).contains("<html lang=\"nl\">").contains("Geen toegang")
                    .doesNotContain("Monitoring integratieroute</h1>");
            assertThat(browser.contentSecurityPolicy()).startsWith("default-src 'none'");
            Answer script = new WebappSession(port).get(path, "*/*", caseworker);
            assertThat(script.status()).as(path + ": " + script).isEqualTo(403);
            assertThat(script.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aProcessOwnerLoggedInToTheWebappsSeesThePageWithItsPolicy() {
        Answer page = new WebappSession(port).logIn(owner).get(PAGE, HTML, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html").contains("UTF-8");
        assertThat(page.body()).contains("<html lang=\"nl\">").contains("Monitoring integratieroute</h1>")
                .contains("href=\"/dashboard/export.csv\"").doesNotContainIgnoringCase("<script");
        assertThat(page.contentSecurityPolicy()).isEqualTo(DashboardPage.CONTENT_SECURITY_POLICY)
                .startsWith("default-src 'none'; style-src 'sha256-").contains("img-src data:");
    }

    @Test
    void theExportAnswersAScriptWithHttpBasicAsCsvForExcel() {
        Answer csv = new WebappSession(port).get(CSV, "*/*", owner);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").contains("UTF-8");
        assertThat(csv.bytes()).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(csv.body()).startsWith("\uFEFF" + DashboardCsv.HEADER + "\r\n").contains("\r\ncases-per-phase;A;");
    }

    @Test
    void managersAndAdministratorsSeeItButManagersHaveNoEngineRights() {
        WebappSession managerSession = new WebappSession(port).logIn(manager);
        assertThat(managerSession.get(PAGE, HTML, null).status()).isEqualTo(200);
        // The welcome page's first call after the login (the engines' names) answers, so it shows the link ...
        assertThat(managerSession.get("/camunda/api/engine/engine/", "application/json", null).status()).isEqualTo(200);
        // ... but without a grant the engine shows a manager nothing.
        Answer definitions = managerSession.get("/camunda/api/engine/engine/default/process-definition", "application/json", null);
        assertThat(definitions.status()).as(definitions.toString()).isEqualTo(200);
        assertThat(definitions.body()).isEqualTo("[]");
        assertThat(new WebappSession(port).get(CSV, "*/*", manager).status()).isEqualTo(200);
        assertThat(new WebappSession(port).logIn(admin).get(PAGE, HTML, null).status()).isEqualTo(200);
        Answer engine = new WebappSession(port).get("/engine-rest/process-definition", "application/json", manager);
        assertThat(engine.status()).as("a manager on the engine's REST API: " + engine).isEqualTo(403);
        Answer api = new WebappSession(port).get("/api/cases?subject=9900000001", "application/json", manager);
        assertThat(api.status()).as("a manager on the hub's API: " + api).isEqualTo(403);
    }

    @Test
    void aWrongPasswordIs401EvenWithASession() {
        Credentials victim = TestUsers.ensure(identityService, "it-dashboard-wrong-password", "process-owners");
        WebappSession session = new WebappSession(port).logIn(owner);
        Answer wrong = session.get(CSV, "*/*", victim.withPassword("not-" + victim.password()));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
    }

    @Test
    void aMembershipTakenAwayCountsAtOnceInARunningSession() {
        Credentials leaving = TestUsers.ensure(identityService, "it-dashboard-leaving-owner", "process-owners");
        WebappSession session = new WebappSession(port).logIn(leaving);
        assertThat(session.get(PAGE, HTML, null).status()).isEqualTo(200);
        identityService.deleteMembership(leaving.userId(), "process-owners");
        assertThat(session.get(PAGE, HTML, null).status()).isEqualTo(403);
    }

    @Test
    void theWelcomePageLinksToTheDashboard() {
        Answer config = new WebappSession(port).get("/camunda/app/welcome/scripts/config.js", "*/*", null);
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.body()).contains("label: 'Monitoring'").contains("href: '/dashboard'");
    }
}
