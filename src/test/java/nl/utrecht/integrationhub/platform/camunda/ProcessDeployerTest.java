package nl.utrecht.integrationhub.platform.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import nl.utrecht.integrationhub.platform.camunda.ProcessDeployer.DeploymentReport;

/** The deployer against a real (in-memory) engine, on a copy of processes/ that the test changes. */
@ExtendWith(ProcessEngineExtension.class)
class ProcessDeployerTest {

    private static final String KEY = "reception";

    ProcessEngine processEngine;
    private RepositoryService repositoryService;

    @TempDir
    Path checkout;

    @BeforeEach
    void cleanEngine() {
        repositoryService = processEngine.getRepositoryService();
        deleteDeployments();
    }

    @AfterEach
    void removeDeployments() {
        deleteDeployments();
    }

    @Test
    void deploysEveryFileOfAProcessTogetherWithNamesRelativeToProcesses() throws IOException {
        Path processes = copyOfProcesses(checkout.resolve("a"));

        List<DeploymentReport> reports = deployer(processes).deployAll();

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.processKey()).isEqualTo(KEY);
            assertThat(report.changed()).isTrue();
        });
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentName(KEY).singleResult();
        assertThat(repositoryService.getDeploymentResourceNames(deployment.getId()))
                .contains("reception/reception.bpmn", "reception/reception.open-dossier.form")
                .allMatch(name -> name.startsWith("reception/"))
                .containsExactlyInAnyOrderElementsOf(new ProcessDirectory(processes).resources(KEY).keySet());
    }

    @Test
    void anUnchangedSetCreatesNoNewVersion() throws IOException {
        Path processes = copyOfProcesses(checkout.resolve("a"));
        ProcessDeployer deployer = deployer(processes);
        deployer.deployAll();

        List<DeploymentReport> again = deployer.deployAll();

        assertThat(again).singleElement().extracting(DeploymentReport::changed).isEqualTo(false);
        assertThat(repositoryService.createDeploymentQuery().deploymentName(KEY).count()).isEqualTo(1);
        assertThat(latestVersion()).isEqualTo(1);
    }

    @Test
    void aMovedCheckoutCreatesNoNewVersion() throws IOException {
        deployer(copyOfProcesses(checkout.resolve("original"))).deployAll();

        List<DeploymentReport> moved = deployer(copyOfProcesses(checkout.resolve("moved/elsewhere"))).deployAll();

        assertThat(moved).singleElement().extracting(DeploymentReport::changed).isEqualTo(false);
        assertThat(latestVersion()).isEqualTo(1);
    }

    @Test
    void aChangedFormRedeploysTheWholeProcessSoTheModelKeepsItsForms() throws IOException {
        Path processes = copyOfProcesses(checkout.resolve("a"));
        ProcessDeployer deployer = deployer(processes);
        deployer.deployAll();
        Path form = processes.resolve(KEY).resolve("reception.open-dossier.form");
        Files.writeString(form, Files.readString(form).replace("Dossiernummer", "Dossiernummer (VWMN)"),
                StandardCharsets.UTF_8);

        List<DeploymentReport> reports = deployer.deployAll();

        assertThat(reports).singleElement().extracting(DeploymentReport::changed).isEqualTo(true);
        assertThat(latestVersion()).isEqualTo(2);
        String newest = reports.get(0).deploymentId();
        assertThat(repositoryService.getDeploymentResourceNames(newest))
                .as("every file of the process again, not only the changed form")
                .hasSize(new ProcessDirectory(processes).resources(KEY).size())
                .contains("reception/reception.bpmn");
    }

    @Test
    void ignoresFoldersWithoutModelsAndHiddenFolders() throws IOException {
        Path processes = copyOfProcesses(checkout.resolve("a"));
        Files.createDirectories(processes.resolve(".camunda/element-templates"));
        Files.writeString(processes.resolve(".camunda/element-templates/sample.json"), "[]");
        Files.createDirectories(processes.resolve("empty-folder"));

        List<DeploymentReport> reports = deployer(processes).deployAll();

        assertThat(reports).extracting(DeploymentReport::processKey).containsExactly(KEY);
    }

    private ProcessDeployer deployer(Path processes) {
        return new ProcessDeployer(repositoryService, processes);
    }

    private int latestVersion() {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY)
                .latestVersion().singleResult();
        return definition.getVersion();
    }

    private void deleteDeployments() {
        repositoryService.createDeploymentQuery().list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true, true, true));
    }

    /** A checkout's processes/ folder holding only the process under test (others change independently). */
    private static Path copyOfProcesses(Path target) throws IOException {
        Path source = Path.of("processes");
        Files.createDirectories(target);
        return copy(source.resolve(KEY), target.resolve(KEY), target);
    }

    private static Path copy(Path source, Path into, Path processes) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = into.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return processes;
    }
}
