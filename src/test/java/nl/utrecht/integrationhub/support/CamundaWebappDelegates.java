package nl.utrecht.integrationhub.support;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Camunda webapps keep their runtime delegates in static fields. A second hub that a test starts
 * and closes in this JVM (ReadinessIT, SetupEndpointIT, TlsIT, ...) sets them to null when its webapps
 * stop, and the suite's shared hub then answers every webapp login with 500. Before each end-to-end test
 * this puts back what the webapps' bootstrap sets, where it is gone. Registered on
 * {@link HubIntegrationTest}; a test that logs in to a webapp of a hub of its own may call
 * {@link #restore()} itself.
 */
public final class CamundaWebappDelegates implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        restore();
    }

    public static synchronized void restore() {
        if (Admin.getRuntimeDelegate() == null) {
            Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
        }
        if (Tasklist.getRuntimeDelegate() == null) {
            Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
        }
        if (Cockpit.getRuntimeDelegate() == null) {
            Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
        }
    }
}
