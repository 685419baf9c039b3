package nl.utrecht.integrationhub.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.utrecht.integrationhub.support.EndToEndTest;
import nl.utrecht.integrationhub.support.HubIntegrationTest;

/**
 * A failing asynchronous job without a retry cycle of its own follows the hub's engine-wide default
 * (camunda.bpm.generic-properties failedJobRetryTimeCycle R5/PT1M in application.yaml), not Camunda's
 * "3 times without delay": after its first failure (run by the hub's job executor) it has 4 retries left,
 * due a minute later; when none are left it is an incident, as Cockpit shows it. The retries after the
 * first are run by the test at once instead of a minute apart.
 */
@HubIntegrationTest
class JobRetryIT extends EndToEndTest {

    private static final String MODEL = "job-retry/failing-job.bpmn";
    private static final String PROCESS_KEY = "test-failing-job";
    private static final String FAILING_TASK = "ServiceTask_AlwaysFails";
    private static final Duration RETRY_DELAY = Duration.ofMinutes(1);
    /** Database timestamps may lose the milliseconds. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    ManagementService managementService;

    private String deploymentId;

    @AfterEach
    void removeTestProcess() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
    }

    @Test
    void failingJobIsRetriedAMinuteApartAndThenBecomesAnIncident() {
        deploymentId = repositoryService.createDeployment().name("job-retry-it").addClasspathResource(MODEL)
                .deploy().getId();
        Instant startedAt = Instant.now();
        String processInstanceId = runtimeService.startProcessInstanceByKey(PROCESS_KEY).getId();

        // First failure, by the hub's own job executor.
        Job failed = await().atMost(Duration.ofSeconds(20)).until(() -> job(processInstanceId),
                job -> job != null && job.getExceptionMessage() != null);
        Instant observedAt = Instant.now();
        assertThat(failed.getRetries()).as("retries left after the first of 5 attempts").isEqualTo(4);
        assertThat(failed.getDuedate().toInstant())
                .as("the next attempt a minute after the failure")
                .isBetween(startedAt.plus(RETRY_DELAY).minus(CLOCK_SLACK), observedAt.plus(RETRY_DELAY).plus(CLOCK_SLACK));
        assertThat(incidents(processInstanceId)).isEmpty();

        // The remaining attempts, without waiting a minute for each.
        for (int retriesLeft = 3; retriesLeft >= 0; retriesLeft--) {
            assertThatThrownBy(() -> managementService.executeJob(failed.getId())).hasMessageContaining("noSuchBean");
            Job retried = job(processInstanceId);
            assertThat(retried.getRetries()).isEqualTo(retriesLeft);
            if (retriesLeft > 0) {
                assertThat(incidents(processInstanceId)).isEmpty();
            }
        }

        assertThat(incidents(processInstanceId)).singleElement().satisfies(incident -> {
            assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(incident.getActivityId()).isEqualTo(FAILING_TASK);
            assertThat(incident.getConfiguration()).isEqualTo(failed.getId());
        });
    }

    private Job job(String processInstanceId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
    }

    private List<Incident> incidents(String processInstanceId) {
        return runtimeService.createIncidentQuery().processInstanceId(processInstanceId).list();
    }
}
