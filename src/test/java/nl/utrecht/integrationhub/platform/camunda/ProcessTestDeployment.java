package nl.utrecht.integrationhub.platform.camunda;

import java.io.ByteArrayInputStream;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * Deploys a process's files from {@code processes/<process-key>/} in a process test, exactly as the
 * hub deploys them: all files of the process in one deployment, named by the process key, with
 * resource names relative to processes/ (so forms bound with {@code formRefBinding="deployment"}
 * resolve). Maven runs tests from the repository root, so the working directory holds processes/.
 */
public final class ProcessTestDeployment {

    private ProcessTestDeployment() {
    }

    /** Deploys every model of the process and returns the deployment id (delete it after the test). */
    public static String deploy(RepositoryService repositoryService, String processKey) {
        Map<String, byte[]> resources = ProcessDirectory.ofWorkingDirectory().resources(processKey);
        if (resources.isEmpty()) {
            throw new IllegalStateException("no models under processes/" + processKey
                    + " (tests must run with the repository root as working directory)");
        }
        DeploymentBuilder deployment = repositoryService.createDeployment().name(processKey);
        resources.forEach((name, content) -> deployment.addInputStream(name, new ByteArrayInputStream(content)));
        return deployment.deploy().getId();
    }

    /** Removes the deployment with its instances and history. */
    public static void undeploy(RepositoryService repositoryService, String deploymentId) {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true, true, true);
        }
    }
}
