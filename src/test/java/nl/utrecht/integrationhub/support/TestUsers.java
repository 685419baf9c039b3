package nl.utrecht.integrationhub.support;

import java.util.Arrays;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * Engine users for tests, created idempotently: a user that exists already (a database shared between
 * runs) gets this run's password and the requested memberships. Obviously fake names only.
 */
public final class TestUsers {

    /** One random password per test JVM, for every user a test creates. */
    private static final String PASSWORD = HubTestEnvironment.randomSecret();

    private TestUsers() {
    }

    /** Ensures {@code userId} exists, with this run's password and membership of every group given. */
    public static Credentials ensure(IdentityService identityService, String userId, String... groupIds) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            user = identityService.newUser(userId);
            user.setFirstName("Test");
            user.setLastName("Testpersoon");
            user.setEmail(userId + "@example.invalid");
        }
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        // A wrong password locks a user out for a few seconds (Camunda's login delay); start clean.
        identityService.unlockUser(userId);
        Arrays.stream(groupIds)
                .filter(groupId -> identityService.createGroupQuery().groupMember(userId).groupId(groupId).count() == 0)
                .forEach(groupId -> identityService.createMembership(userId, groupId));
        return new Credentials(userId, PASSWORD);
    }

    /**
     * A caseworker of its own, for tests that send a wrong password: that locks the user out for a
     * while, which must not hit the users other tests log in with.
     */
    public static Credentials wrongPasswordVictim(IdentityService identityService) {
        return ensure(identityService, "it-wrong-password", "education");
    }

    public static Credentials coa(IdentityService identityService) {
        return ensure(identityService, "it-coa", "partner-coa");
    }

    public static Credentials vluchtelingenwerkSystem(IdentityService identityService) {
        return ensure(identityService, "it-vluchtelingenwerk-system", "partner-vluchtelingenwerk");
    }

    public static Credentials vluchtelingenwerkCaseworker(IdentityService identityService) {
        return ensure(identityService, "it-vluchtelingenwerk-mn", "vluchtelingenwerk-mn");
    }

    public static Credentials educationCaseworker(IdentityService identityService) {
        return ensure(identityService, "it-education", "education");
    }
}
