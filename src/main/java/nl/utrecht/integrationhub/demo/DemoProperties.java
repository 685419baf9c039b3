package nl.utrecht.integrationhub.demo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hub.demo.*}: demo users, only in the demo profile. */
@ConfigurationProperties(prefix = "hub.demo")
record DemoProperties(String password, List<DemoUser> users) {

    record DemoUser(String id, String firstName, String lastName, List<String> groups) {
    }

    DemoProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
