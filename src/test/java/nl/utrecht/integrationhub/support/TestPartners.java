package nl.utrecht.integrationhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The partners' HTTP endpoints as the hub's tests see them: one small HTTP server on loopback (a
 * random port, stopped with the JVM) with a path per party, {@code /partners/<party>/events}. By default
 * a partner answers 202 and, like a real receiver, treats a repeated Idempotency-Key as the same
 * message. A test can make a party answer otherwise for its next requests (e.g. 503 three times).
 */
public final class TestPartners {

    /** One request as the partner received it. */
    public record Received(String party, String idempotencyKey, String authorization, String contentType,
                           String body, int answeredWith) {
    }

    private static final TestPartners INSTANCE = new TestPartners();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> plannedAnswers = new ConcurrentHashMap<>();
    private final Map<String, FaultPlan> faultPlans = new ConcurrentHashMap<>();

    /**
     * A partner's misbehaviour on one request. UNAVAILABLE: 503, nothing done. RESET: the partner takes
     * the message, then the connection drops before it answers. SLOW: the partner takes the message and
     * answers 202 only after {@link FaultPlan#slowMillis()}, later than the hub waits.
     */
    public enum Fault { NONE, UNAVAILABLE, RESET, SLOW }

    /** Which fault a request gets, from its Idempotency-Key and how many requests with that key came before. */
    public interface FaultPlan {
        Fault next(String idempotencyKey, int earlierRequests);

        long slowMillis();
    }

    private TestPartners() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/partners/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "test-partners");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static TestPartners instance() {
        return INSTANCE;
    }

    public String endpoint(String party) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/partners/" + party + "/events";
    }

    /** The party answers its next requests with these statuses, then 202 again. */
    public void answerNext(String party, Integer... statuses) {
        Deque<Integer> planned = plannedAnswers.computeIfAbsent(party, p -> new ArrayDeque<>());
        synchronized (planned) {
            planned.addAll(List.of(statuses));
        }
    }

    /** The party answers every request with this status until {@link #recover(String)}. */
    public void answerAlways(String party, int status) {
        plannedAnswers.put(party, new ForeverDeque(status));
    }

    public void recover(String party) {
        plannedAnswers.remove(party);
        faultPlans.remove(party);
    }

    /** The party misbehaves as the plan says until {@link #recover(String)}. */
    public void faultPlan(String party, FaultPlan plan) {
        faultPlans.put(party, plan);
    }

    /** Every request that carried this key, in order of arrival. */
    public List<Received> requestsWithKey(String idempotencyKey) {
        return received.stream().filter(r -> idempotencyKey.equals(r.idempotencyKey())).toList();
    }

    /**
     * The requests with this key the partner took the message from: answered 2xx (in time or too late),
     * or dropped after taking it ({@link Fault#RESET}).
     */
    public long takenWithKey(String idempotencyKey) {
        return requestsWithKey(idempotencyKey).stream().filter(r -> r.answeredWith() / 100 == 2 || r.answeredWith() == NO_ANSWER)
                .count();
    }

    /** The requests with this key that the partner accepted (2xx): a correct sender makes this exactly 1. */
    public long acceptedWithKey(String idempotencyKey) {
        return requestsWithKey(idempotencyKey).stream().filter(r -> r.answeredWith() / 100 == 2).count();
    }

    public List<Received> receivedBy(String party) {
        return received.stream().filter(r -> r.party().equals(party)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String party = path.length > 2 ? path[2] : "";
        byte[] body = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        FaultPlan plan = faultPlans.get(party);
        Fault fault = Fault.NONE;
        if (plan != null) {
            synchronized (plan) {
                fault = plan.next(key, requestsWithKey(key == null ? "" : key).size());
            }
        }
        int status = switch (fault) {
            case UNAVAILABLE -> 503;
            case RESET -> NO_ANSWER;
            default -> nextAnswer(party);
        };
        received.add(new Received(party, key, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8),
                status));
        if (fault == Fault.RESET) {
            // Closed before any response header: the sender sees the connection end without an answer.
            exchange.close();
            return;
        }
        if (fault == Fault.SLOW) {
            try {
                Thread.sleep(plan.slowMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException gone) {
            // The sender gave up waiting (a slow answer): the partner has the message all the same.
        }
        exchange.close();
    }

    /** {@link Received#answeredWith()} of a request whose connection dropped before an answer. */
    public static final int NO_ANSWER = -1;

    private int nextAnswer(String party) {
        Deque<Integer> planned = plannedAnswers.get(party);
        if (planned == null) {
            return 202;
        }
        synchronized (planned) {
            Integer next = planned.pollFirst();
            return next == null ? 202 : next;
        }
    }

    /** A plan that never runs out. */
    private static final class ForeverDeque extends ArrayDeque<Integer> {
        private final int status;

        ForeverDeque(int status) {
            this.status = status;
        }

        @Override
        public Integer pollFirst() {
            return status;
        }
    }
}
