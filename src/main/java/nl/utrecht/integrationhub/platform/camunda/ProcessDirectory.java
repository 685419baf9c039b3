package nl.utrecht.integrationhub.platform.camunda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The models process owners edit: {@code processes/<process-key>/} holds a process's BPMN, DMN and
 * Camunda Forms. Resource names are relative to the {@code processes/} folder, so a moved checkout
 * deploys the same names and creates no new version. Used by the deployer and by process tests
 * without Spring alike, so both deploy exactly the same files.
 */
public final class ProcessDirectory {

    static final Set<String> MODEL_SUFFIXES = Set.of(".bpmn", ".dmn", ".form");

    private final Path root;

    public ProcessDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The processes/ folder of the working directory (the repository root). */
    public static ProcessDirectory ofWorkingDirectory() {
        return new ProcessDirectory(Path.of("processes"));
    }

    public Path root() {
        return root;
    }

    /** Process keys: one folder each, hidden folders (such as .camunda) left out. */
    public List<String> processKeys() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory)
                    .map(folder -> folder.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * Every model file of one process, keyed by its name relative to processes/ with forward
     * slashes (e.g. {@code household-route/household-route.bpmn}), in a stable order.
     */
    public Map<String, byte[]> resources(String processKey) {
        Path folder = root.resolve(processKey);
        Map<String, byte[]> resources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).filter(ProcessDirectory::isModel).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                resources.put(name, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read process models under " + folder, e);
        }
        return resources;
    }

    private static boolean isModel(Path file) {
        String name = file.getFileName().toString();
        return MODEL_SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
