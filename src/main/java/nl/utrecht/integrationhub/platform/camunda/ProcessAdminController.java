package nl.utrecht.integrationhub.platform.camunda;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.utrecht.integrationhub.platform.camunda.ProcessDeployer.DeploymentReport;

/**
 * {@code POST /api/admin/processes/redeploy} (administrators): deploys what process owners changed
 * under processes/, without rebuilding or restarting the hub. Running instances keep their version.
 */
@RestController
@RequestMapping("/api/admin/processes")
class ProcessAdminController {

    private final ProcessDeployer deployer;

    ProcessAdminController(ProcessDeployer deployer) {
        this.deployer = deployer;
    }

    @PostMapping("/redeploy")
    List<DeploymentReport> redeploy() {
        return deployer.deployAll();
    }
}
