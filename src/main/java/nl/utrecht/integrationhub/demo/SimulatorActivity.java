package nl.utrecht.integrationhub.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * What the simulators did since the hub started (in memory, demo only): which requests each party
 * answered how often and with which event ids, which documents were uploaded and fetched. For the log,
 * the tests and the documents a partner handles only once.
 */
@Component
@Profile("demo")
public class SimulatorActivity {

    /** One answer of a party to one request. */
    public record Answered(String party, String requestId, List<String> eventIds) {
    }

    private final List<Answered> answered = new CopyOnWriteArrayList<>();
    private final Set<String> fetched = ConcurrentHashMap.newKeySet();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> completedTasks = new ConcurrentHashMap<>();

    void answered(String party, String requestId, List<String> eventIds) {
        answered.add(new Answered(party, requestId, List.copyOf(eventIds)));
    }

    /** Every time a party answered the request with this id (a correct receiver: at most once). */
    public List<Answered> answersTo(String requestId) {
        return answered.stream().filter(a -> a.requestId().equals(requestId)).toList();
    }

    void fetched(String attachmentId) {
        fetched.add(attachmentId);
    }

    public boolean wasFetched(String attachmentId) {
        return fetched.contains(attachmentId);
    }

    void uploaded(String intakeId) {
        uploaded.add(intakeId);
    }

    boolean wasUploaded(String intakeId) {
        return uploaded.contains(intakeId);
    }

    void completedTask(String taskDefinitionKey) {
        completedTasks.merge(taskDefinitionKey, 1, Integer::sum);
    }

    /** Tasks the caseworker autopilot completed, by task definition key. */
    public Map<String, Integer> completedTasks() {
        return Map.copyOf(completedTasks);
    }
}
