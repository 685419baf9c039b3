package nl.utrecht.integrationhub.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An external Apache Artemis broker as a separate process, from the {@code apache-artemis} distribution
 * (unpacked by the build into {@code reliability.artemis-home}), with an instance created by
 * {@code scripts/external-broker.sh} exactly as an operator would: loopback, a free port, login
 * required, persistent journal, the hub's address settings. A test can stop it gracefully (SIGTERM),
 * kill it with SIGKILL and start it again on the same journal.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path instance;
    private final int port;
    private final String user = "hub-broker-" + UUID.randomUUID().toString().substring(0, 8);
    private final String password = UUID.randomUUID().toString();
    private Process process;
    private int starts;

    public BrokerProcess(Path instance) {
        String artemisHome = System.getProperty("reliability.artemis-home");
        if (artemisHome == null || !Files.isDirectory(Path.of(artemisHome))) {
            throw new IllegalStateException("no Artemis distribution at reliability.artemis-home=" + artemisHome
                    + " (the build unpacks it in pre-integration-test)");
        }
        this.home = Path.of(artemisHome).toAbsolutePath();
        this.instance = instance.toAbsolutePath();
        this.port = HubProcess.freePort();
    }

    /** Creates the broker instance with scripts/external-broker.sh. */
    public BrokerProcess create() throws IOException, InterruptedException {
        home.resolve("bin/artemis").toFile().setExecutable(true);
        Files.createDirectories(instance.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "scripts/external-broker.sh", home.toString(),
                instance.toString()))
                .redirectErrorStream(true)
                .redirectOutput(instance.getParent().resolve(instance.getFileName() + "-create.log").toFile());
        builder.environment().putAll(environment());
        builder.environment().putAll(Map.of("HUB_BROKER_USER", user, "HUB_BROKER_PASSWORD", password,
                "HUB_BROKER_HOST", "127.0.0.1", "HUB_BROKER_PORT", Integer.toString(port)));
        Process create = builder.start();
        if (!create.waitFor(120, TimeUnit.SECONDS) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("scripts/external-broker.sh failed; see "
                    + instance.getParent().resolve(instance.getFileName() + "-create.log"));
        }
        return this;
    }

    /** Starts the broker in the foreground of a child process and waits until its acceptor answers. */
    public void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("the broker is running already");
        }
        starts++;
        ProcessBuilder builder = new ProcessBuilder(List.of(instance.resolve("bin/artemis").toString(), "run"))
                .redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().putAll(environment());
        process = builder.start();
        Process current = process;
        await("broker accepting on " + port + " (" + log() + ")").atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("the broker exited; see " + log(), () -> !current.isAlive())
                .until(() -> Files.exists(log()) && Files.readString(log()).contains("AMQ221007") && accepts());
    }

    /** SIGKILL: the journal keeps what was synced, nothing else. */
    public void kill9() {
        ChildProcesses.kill(process);
    }

    /** SIGTERM: the broker's own orderly shutdown; SIGKILL after 60 s. */
    public void stop() {
        ChildProcesses.terminate(process, Duration.ofSeconds(60));
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        kill9();
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path log() {
        return instance.getParent().resolve(instance.getFileName() + "-" + starts + ".log");
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The broker runs on the test's own Java. */
    private static Map<String, String> environment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }
}
