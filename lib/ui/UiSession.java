package dev.launch.ui;

import dev.launch.util.PrivateFiles;
import dev.launch.util.RandomBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Who may use the page: whoever holds the session secret, as the cookie {@link #cookieName}. A
 * browser gets the cookie by opening a one-time link that `ui` prints ({@code /?k=KEY}).
 * <p>
 * Both live in the state dir, which only its user can read: the session secret in
 * {@code ui-session} (kept, so a `ui` started again on the same state dir and port takes the
 * browsers it had back without a new link), each unused key as a file in {@code ui-keys/} named
 * by the key's SHA-256. Any `ui` of the state dir can therefore hand out a key that the running
 * server accepts, and a key is used up by deleting its file, which only one request can do.
 */
public final class UiSession {
    static final Duration KEY_LIFETIME = Duration.ofHours(12);
    private static final int MAX_KEYS = 20;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final Path keys;
    private final byte[] secret;

    private UiSession(Path keys, byte[] secret) {
        this.keys = keys;
        this.secret = secret;
    }

    /** The session of this state dir: its secret, made on first use. */
    public static UiSession open(Path stateDir) throws IOException {
        Path file = stateDir.resolve("ui-session");
        Path keys = stateDir.resolve("ui-keys");
        PrivateFiles.createDirectory(keys);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                String text = new String(readSmallRegularFile(file), StandardCharsets.US_ASCII).trim();
                if (KEY.matcher(text).matches()) {
                    return new UiSession(keys, text.getBytes(StandardCharsets.US_ASCII));
                }
                Files.delete(file); // damaged: a new secret, and every browser needs a new link
            } catch (NoSuchFileException e) {
                // first use
            }
            String secret = random();
            try {
                try (var out = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS), PrivateFiles.fileMode())) {
                    out.write(java.nio.ByteBuffer.wrap(secret.getBytes(StandardCharsets.US_ASCII)));
                }
                return new UiSession(keys, secret.getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException raced) {
                // another `ui` made it a moment ago: read theirs
            }
        }
        throw new IOException("cannot read or create " + file);
    }

    /** The cookie's name: one per port, as cookies do not tell ports apart. */
    public static String cookieName(int port) {
        return "launch-ui-" + port;
    }

    /** A new one-time key for the link `ui` prints. */
    public String issueKey() throws IOException {
        forgetOldKeys();
        String key = random();
        Path file = keys.resolve(hash(key));
        Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PrivateFiles.fileMode()).close();
        return key;
    }

    /** Uses up {@code key}: true once for a key that {@link #issueKey} made, within its lifetime. */
    public boolean redeem(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return false;
        }
        Path file = keys.resolve(hash(key));
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean fresh = attrs.isRegularFile()
                    && System.currentTimeMillis() - attrs.lastModifiedTime().toMillis() < KEY_LIFETIME.toMillis();
            Files.delete(file);
            return fresh;
        } catch (IOException e) {
            return false; // unknown, or used by another request a moment ago
        }
    }

    /** The cookie value a browser with this session sends. */
    String cookieValue() {
        return new String(secret, StandardCharsets.US_ASCII);
    }

    /** True when one of the request's Cookie headers carries this session for {@code port}. */
    boolean admits(List<String> cookieHeaders, int port) {
        if (cookieHeaders == null) {
            return false;
        }
        String name = cookieName(port) + "=";
        for (String header : cookieHeaders) {
            for (String cookie : header.split(";")) {
                String c = cookie.trim();
                if (c.startsWith(name) && MessageDigest.isEqual(c.substring(name.length()).getBytes(StandardCharsets.US_ASCII), secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Keys past their lifetime go, and all but the newest few, so the folder stays small. */
    private void forgetOldKeys() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(keys)) {
            all = files.sorted(Comparator.comparingLong(UiSession::modified).reversed()).toList();
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < all.size(); i++) {
            if (i >= MAX_KEYS - 1 || now - modified(all.get(i)) >= KEY_LIFETIME.toMillis()) {
                Files.deleteIfExists(all.get(i));
            }
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String random() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(RandomBytes.of(32));
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readSmallRegularFile(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile() || attrs.size() > 1024) {
            Files.delete(file);
            throw new NoSuchFileException(file.toString());
        }
        return Files.readAllBytes(file);
    }
}
