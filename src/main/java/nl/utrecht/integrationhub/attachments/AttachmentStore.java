package nl.utrecht.integrationhub.attachments;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import nl.utrecht.integrationhub.attachments.AttachmentRepository.Attachment;

/**
 * Keeps documents encrypted at rest in {@code ${hub.data-dir}/attachments/<id>.enc}, with their
 * metadata in {@link AttachmentRepository}. Content is streamed through in segments; a document is
 * never held in memory whole.
 */
@Service
class AttachmentStore {

    /** The content was larger than the limit; nothing was kept. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("content larger than the limit");
        }
    }

    record Stored(String id, String caseId, String mediaType, long size, String sha256) {
    }

    static final String SUFFIX = ".enc";
    private static final String PARTIAL_SUFFIX = ".part";
    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final int FILE_BUFFER = 64 * 1024;

    private final Path directory;
    private final AttachmentCipher cipher;
    private final AttachmentRepository repository;
    private final Clock clock;

    AttachmentStore(AttachmentDirectory directory, AttachmentCipher cipher, AttachmentRepository repository,
                    Clock clock) {
        this.directory = directory.path();
        this.cipher = cipher;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * Encrypts {@code content} into a new attachment of the case. Reads at most {@code maxBytes} + 1
     * bytes and throws {@link TooLargeException} when there is more; a failed upload leaves nothing.
     */
    Stored store(String caseId, String mediaType, InputStream content, long maxBytes, String uploadedBy)
            throws IOException {
        String id = UUID.randomUUID().toString();
        Path partial = directory.resolve(id + PARTIAL_SUFFIX);
        Path target = file(id);
        MessageDigest sha256 = sha256();
        long size;
        try {
            try (FileOutputStream file = new FileOutputStream(partial.toFile());
                 OutputStream out = new BufferedOutputStream(file, FILE_BUFFER)) {
                InputStream limited = new DigestInputStream(new LimitedInputStream(content, maxBytes), sha256);
                size = cipher.encrypt(limited, out, AttachmentCipher.associatedData(id, caseId));
                out.flush();
                file.getChannel().force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        try {
            repository.insert(id, caseId, mediaType, size, digest, uploadedBy, clock.instant());
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return new Stored(id, caseId, mediaType, size, digest);
    }

    /** Checks every segment of the stored content without releasing any of it. */
    void verify(Attachment attachment) throws IOException {
        decrypt(attachment, OutputStream.nullOutputStream());
    }

    /** Writes the decrypted content; each segment only after it authenticated. */
    void decrypt(Attachment attachment, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file(attachment.id()))) {
            cipher.decrypt(in, out, AttachmentCipher.associatedData(attachment.id(), attachment.caseId()));
        }
    }

    /** Deletes the content; true when it is gone (also when it was gone already). */
    boolean deleteContent(String id) {
        try {
            Files.deleteIfExists(file(id));
            return true;
        } catch (IOException e) {
            log.warn("Could not delete the content of attachment {}: {}", id, e.getClass().getSimpleName());
            return false;
        }
    }

    boolean hasContent(String id) {
        return Files.exists(file(id));
    }

    Path file(String id) {
        // The id is a UUID the hub made; anything else never reaches the file system.
        UUID.fromString(id);
        return directory.resolve(id + SUFFIX);
    }

    /**
     * Files an interrupted upload or a crash left behind: a partial upload, content without a row, or
     * content of a purged row whose deletion failed, older than {@code olderThan}.
     */
    int removeLeftovers(Duration olderThan) {
        Instant before = clock.instant().minus(olderThan);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*{" + SUFFIX + "," + PARTIAL_SUFFIX + "}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.lastIndexOf('.'));
                boolean partial = name.endsWith(PARTIAL_SUFFIX);
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before)
                        && (partial || !repository.keepsContent(id))) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (NoSuchFileException | AccessDeniedException e) {
            log.warn("Cannot list {}: {}", directory, e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return removed;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The attachments directory, created owner-only where the file system supports it. */
    record AttachmentDirectory(Path path) {
        static AttachmentDirectory create(Path path) {
            try {
                if (!Files.isDirectory(path)) {
                    try {
                        Files.createDirectories(path,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createDirectories(path);
                    }
                }
                return new AttachmentDirectory(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the attachments directory " + path, e);
            }
        }
    }

    /** Reads at most {@code max} bytes; one more is a {@link TooLargeException}. */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private long count;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLargeException {
            count += n;
            if (count > max) {
                throw new TooLargeException();
            }
        }
    }
}
