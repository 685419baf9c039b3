package nl.utrecht.integrationhub.demo;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.stereotype.Component;

/** Creates one demo user per organisation (see config/application-demo.yaml and the README). */
@Component
@Profile("demo")
class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final IdentityService identityService;
    private final DemoProperties demo;

    DemoUsers(IdentityService identityService, DemoProperties demo) {
        this.identityService = identityService;
        this.demo = demo;
    }

    @EventListener
    void onStarted(ApplicationStartedEvent event) {
        for (DemoProperties.DemoUser demoUser : demo.users()) {
            if (identityService.createUserQuery().userId(demoUser.id()).count() > 0) {
                continue;
            }
            User user = identityService.newUser(demoUser.id());
            user.setFirstName(demoUser.firstName());
            user.setLastName(demoUser.lastName());
            user.setEmail(demoUser.id() + "@demo.invalid");
            user.setPassword(demo.password());
            identityService.saveUser(user);
            for (String group : demoUser.groups()) {
                identityService.createMembership(demoUser.id(), group);
            }
        }
        log.info("Demo users ready: {} (password from hub.demo.password)",
                demo.users().stream().map(DemoProperties.DemoUser::id).toList());
    }
}
