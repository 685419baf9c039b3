package nl.utrecht.integrationhub.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

import nl.utrecht.integrationhub.HubApplication;

/**
 * An end-to-end test against the whole hub: embedded Artemis, H2 on a fresh data directory (or the
 * PostgreSQL of the {@code postgres} profile when CI activates it), HTTP on a random port. Every class
 * with this annotation and nothing else on its context shares one Spring context (Spring's context
 * cache), so the suite starts the hub once.
 *
 * <p>The engine keeps its production name "default": {@code /engine-rest/} and the webapps address the
 * default engine, and with a generated name they answer 404 "Process engine default not available".
 * Hubs that a test starts next to this one (see {@code RestartIT}) take generated engine names, so
 * there is only ever one "default" in the JVM.
 *
 * <p>Before each test {@link CamundaWebappDelegates} puts back the webapps' static state that a second
 * hub closed in this JVM clears.
 *
 * <p>Tests never assume empty tables: the {@code postgres} run shares one database across runs, so
 * each test makes its own data ({@link Events}, {@link TestUsers}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = HubApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "hub.broker.port=-1",
        "hub.inbound.relay-interval=PT1S",
        "hub.inbound.parked-retry-interval=PT2S",
        // A fetched attachment's content goes a second after delivery; the purge looks every second.
        "hub.attachments.grace-period=PT1S",
        "hub.attachments.purge-interval=PT1S",
        "hub.admin.user-id=" + HubTestEnvironment.ADMIN_USER_ID,
        // The JMS properties tests mark their messages with: allow-listed like a partner's correlation
        // property would be (platform/camel/EdgeHeaders); every other sender property is dropped.
        "hub.edge.jms-properties=itMarker,testMarker"
})
@ContextConfiguration(initializers = HubTestEnvironment.class)
@ExtendWith(CamundaWebappDelegates.class)
public @interface HubIntegrationTest {
}
