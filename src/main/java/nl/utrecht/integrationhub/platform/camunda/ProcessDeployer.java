package nl.utrecht.integrationhub.platform.camunda;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Deploys the models under processes/ as process owners left them: one deployment per process
 * folder, named by the process key, with resource names relative to processes/. A process's BPMN,
 * DMN and forms always go together (forms are bound by deployment); an unchanged set creates no new
 * version. Runs at start and when an administrator asks for a redeploy.
 */
@Component
public class ProcessDeployer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);
    static final String DEPLOYMENT_SOURCE = "integration-hub:processes";

    public record DeploymentReport(String processKey, boolean changed, String deploymentId, int resources) {
    }

    private final RepositoryService repositoryService;
    private final Path processesDir;

    ProcessDeployer(RepositoryService repositoryService, @Value("${hub.processes-dir:./processes}") Path processesDir) {
        this.repositoryService = repositoryService;
        this.processesDir = processesDir;
    }

    /** At start, before Camel's consumers deliver events to the processes. */
    @Override
    public void afterSingletonsInstantiated() {
        deployAll();
    }

    /** Deploys every process folder whose files changed since its last deployment. */
    public synchronized List<DeploymentReport> deployAll() {
        ProcessDirectory directory = new ProcessDirectory(processesDir);
        List<DeploymentReport> reports = new ArrayList<>();
        for (String processKey : directory.processKeys()) {
            Map<String, byte[]> resources = directory.resources(processKey);
            if (resources.isEmpty()) {
                continue;
            }
            DeploymentBuilder builder = repositoryService.createDeployment()
                    .name(processKey)
                    .source(DEPLOYMENT_SOURCE)
                    // false: when any file changed, all of the process's files are deployed again together
                    .enableDuplicateFiltering(false);
            resources.forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
            long before = deploymentCount(processKey);
            DeploymentWithDefinitions deployment = builder.deployWithResult();
            boolean changed = deploymentCount(processKey) > before;
            log.info("Process {}: {} ({} files, deployment {})", processKey, changed ? "deployed" : "unchanged",
                    resources.size(), deployment.getId());
            reports.add(new DeploymentReport(processKey, changed, deployment.getId(), resources.size()));
        }
        return reports;
    }

    private long deploymentCount(String processKey) {
        return repositoryService.createDeploymentQuery().deploymentName(processKey).count();
    }
}
