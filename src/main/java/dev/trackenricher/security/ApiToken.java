package dev.trackenricher.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's API token: configured ({@code enricher.security.api-token}), or else generated once
 * into {@code enricher.security.token-file} (owner-only permissions) and read from there on later
 * starts. The token itself is never logged; where it is, is. Compared in constant time.
 */
public final class ApiToken {

    private static final Logger log = LoggerFactory.getLogger(ApiToken.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int GENERATED_BYTES = 32;

    private final byte[] digest;

    private ApiToken(String token) {
        this.digest = sha256(token);
    }

    /** The service's token: configured, or the one in the token file, or a new one written there. */
    public static ApiToken forService(SecuritySettings settings) {
        if (present(settings.apiToken())) {
            String token = settings.apiToken().strip();
            if (token.length() < SecuritySettings.MIN_TOKEN_LENGTH) {
                throw new IllegalStateException("enricher.security.api-token (ENRICHER_SECURITY_API_TOKEN) is " + token.length()
                        + " characters long; use at least " + SecuritySettings.MIN_TOKEN_LENGTH);
            }
            log.info("API token: from configuration (enricher.security.api-token); state-changing requests need "
                    + "'Authorization: Bearer <token>'");
            return new ApiToken(token);
        }
        Path file = settings.tokenFile().toAbsolutePath();
        return new ApiToken(readOrGenerate(file));
    }

    /**
     * The token a client of the service (the command line) sends: configured, or read from the token
     * file the service wrote; empty when neither exists. Never generates one.
     */
    public static Optional<String> forClient(SecuritySettings settings) {
        if (present(settings.apiToken())) {
            return Optional.of(settings.apiToken().strip());
        }
        Path file = settings.tokenFile().toAbsolutePath();
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(ApiToken::present)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code presented} is the token; time independent of where they differ (and of the length). */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static String readOrGenerate(Path file) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                if (Files.exists(file)) {
                    String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (existing.length() >= SecuritySettings.MIN_TOKEN_LENGTH) {
                        ownerOnly(file);
                        log.info("API token: none configured (enricher.security.api-token); using the one generated earlier in {}", file);
                        return existing;
                    }
                    if (!existing.isEmpty()) {
                        throw new IllegalStateException("the token file " + file + " holds no usable token (too short); remove it or "
                                + "set enricher.security.api-token");
                    }
                    // empty: another instance is writing it right now, or a write was cut off; look again
                    if (attempt < 10) {
                        sleep();
                        continue;
                    }
                    Files.delete(file);
                }
                String token = generate();
                write(file, token);
                log.warn("API token: none configured (enricher.security.api-token / ENRICHER_SECURITY_API_TOKEN); generated one into {} "
                        + "(readable by its owner only). State-changing requests need 'Authorization: Bearer <the file's content>'", file);
                return token;
            } catch (FileAlreadyExistsException anotherInstanceWon) {
                sleep();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read or create the API token file " + file
                        + " (set enricher.security.api-token, or enricher.security.token-file to a writable place)", e);
            }
        }
        throw new IllegalStateException("could not read the API token file " + file);
    }

    /** Created with owner-only permissions from the start (not chmod-ed afterwards), and never overwritten. */
    private static void write(Path file, String token) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)), token.getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } else {
            Files.write(file, token.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(now)) {
            log.warn("the API token file {} was readable by others ({}); made it owner-only", file, PosixFilePermissions.toString(now));
            Files.setPosixFilePermissions(file, EnumSet.copyOf(OWNER_ONLY));
        }
    }

    static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the API token file", e);
        }
    }
}
