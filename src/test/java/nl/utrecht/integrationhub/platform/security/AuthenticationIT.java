package nl.utrecht.integrationhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.support.Credentials;
import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.Events;
import nl.utrecht.integrationhub.support.HubIntegrationTest;
import nl.utrecht.integrationhub.support.HubTestClient.Response;
import nl.utrecht.integrationhub.support.TestUsers;

/**
 * Who may do what over HTTP: engine REST needs engine users and shows a caseworker only its own
 * group's tasks; the hub's API separates partners (send events) from caseworkers (look up cases).
 */
@HubIntegrationTest
class AuthenticationIT extends EndToEndTest {

    /** The open tasks of a new case (Events.intake): dossier, one school placement (the 13-year-old), activation. */

    Credentials coa;
    Credentials education;
    Credentials vluchtelingenwerk;

    @BeforeEach
    void setUp() {
        coa = TestUsers.coa(identityService);
        education = TestUsers.educationCaseworker(identityService);
        vluchtelingenwerk = TestUsers.vluchtelingenwerkCaseworker(identityService);
    }

    @Test
    void engineRestRefusesAnonymousCallers() {
        Response answer = hub.get("/engine-rest/task", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).anySatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
    }

    @Test
    void engineRestRefusesAWrongPassword() {
        Response answer = hub.get("/engine-rest/task",
                TestUsers.wrongPasswordVictim(identityService).withPassword("not-the-password"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
    }

    @Test
    void caseworkerSeesOnlyTheTasksOfItsOwnGroup() {
        String caseId = newCaseWithTasks(coa);

        Response educationTasks = hub.get("/engine-rest/task?processInstanceBusinessKey=" + caseId, education);
        Response vluchtelingenwerkTasks = hub.get("/engine-rest/task?processInstanceBusinessKey=" + caseId,
                vluchtelingenwerk);

        assertThat(educationTasks.status()).as(educationTasks.toString()).isEqualTo(200);
        assertThat(taskDefinitionKeys(educationTasks.json())).containsExactly("UserTask_PlaceChildInSchool");
        assertThat(vluchtelingenwerkTasks.status()).as(vluchtelingenwerkTasks.toString()).isEqualTo(200);
        assertThat(taskDefinitionKeys(vluchtelingenwerkTasks.json()))
                .containsExactlyInAnyOrder("UserTask_OpenDossier", "UserTask_RecordActivation");

        Response allEducationTasks = hub.get("/engine-rest/task?maxResults=500", education);
        assertThat(allEducationTasks.status()).isEqualTo(200);
        List<String> visibleIds = new ArrayList<>();
        allEducationTasks.json().forEach(task -> visibleIds.add(task.get("id").asText()));
        assertThat(visibleIds).isNotEmpty();
        assertThat(taskService.createTaskQuery().taskIdIn(visibleIds.toArray(String[]::new))
                .taskCandidateGroup("education").includeAssignedTasks().count())
                .as("every task education sees has candidate group education")
                .isEqualTo(visibleIds.size());
    }

    @Test
    void caseworkerReadsTheDeployedFormOfItsTaskAsTasklistDoes() {
        String caseId = newCaseWithTasks(coa);
        String schoolTaskId = state.tasks(caseId, "UserTask_PlaceChildInSchool").get(0).getId();
        String dossierTaskId = state.tasks(caseId, "UserTask_OpenDossier").get(0).getId();

        Response form = hub.get("/engine-rest/task/" + schoolTaskId + "/deployed-form", education);
        Response otherGroupsForm = hub.get("/engine-rest/task/" + dossierTaskId + "/deployed-form", education);

        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(form.json().get("id").asText()).isEqualTo("reception.place-child-in-school");
        assertThat(otherGroupsForm.status()).as(otherGroupsForm.toString()).isEqualTo(403);
    }

    @Test
    void casesApiRefusesAnonymousCallers() {
        Response answer = hub.cases(Events.newVNumber(), null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.wwwAuthenticate()).anySatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
    }

    @Test
    void casesApiRefusesAWrongPassword() {
        Response answer = hub.cases(Events.newVNumber(),
                TestUsers.wrongPasswordVictim(identityService).withPassword("not-the-password"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void partnerMayNotLookUpCases() {
        Response answer = hub.cases(Events.newVNumber(), coa);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
    }

    @Test
    void caseworkerMayNotSendEvents() {
        ObjectNode intake = Events.intake(Events.newVNumber());

        Response answer = hub.postEvent(intake, education);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
        assertThat(state.inboxRows(intake.get("id").asText())).isZero();
    }

    @Test
    void partnerMaySendOnlyForItsOwnSource() {
        Credentials vluchtelingenwerkSystem = TestUsers.vluchtelingenwerkSystem(identityService);
        ObjectNode coaIntake = Events.intake(Events.newVNumber());

        Response answer = hub.postEvent(coaIntake, vluchtelingenwerkSystem);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.isProblem()).isTrue();
        assertThat(state.inboxRows(coaIntake.get("id").asText())).isZero();
    }

    @Test
    void aHeaderCannotWidenWhatAPartnerMaySend() {
        Credentials vluchtelingenwerkSystem = TestUsers.vluchtelingenwerkSystem(identityService);
        ObjectNode coaIntake = Events.intake(Events.newVNumber());

        Response answer = hub.postEvent(coaIntake, vluchtelingenwerkSystem, "hubAllowedSources", "*");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
        assertThat(state.inboxRows(coaIntake.get("id").asText())).isZero();
    }

    @Test
    void casesApiRefusesABadSubject() {
        Response answer = hub.cases("99AB", education);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.body()).doesNotContain("99AB");
    }

    @Test
    void casesApiTakesABsnAsSubject() {
        Response answer = hub.cases(Events.TEST_BSN, education);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().isArray()).isTrue();
    }

    @Test
    void healthIsOpen() {
        Response answer = hub.get("/actuator/health", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("UP");
    }


    private static List<String> taskDefinitionKeys(JsonNode tasks) {
        List<String> keys = new ArrayList<>();
        tasks.forEach(task -> keys.add(task.get("taskDefinitionKey").asText()));
        return keys;
    }
}
