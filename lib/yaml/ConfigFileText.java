package dev.launch.yaml;

import dev.launch.util.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A config file's text: a regular file, at most 1 MiB, UTF-8; else why not, as a sentence. */
final class ConfigFileText {
    /** Far above any real ports.yaml or profile; what is bigger is not read at all. */
    static final int MAX_BYTES = 1 << 20;

    /** Exactly one of the two is set. */
    record Read(String text, String problem) {}

    private ConfigFileText() {}

    /** A missing file is reported with {@code missingHint}. */
    static Read read(Path file, String missingHint) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                return failed("is a directory, not a YAML file");
            }
            if (!attrs.isRegularFile()) {
                return failed("is not a regular file (a FIFO, socket or device); give the path of a YAML file");
            }
            if (attrs.size() > MAX_BYTES) {
                return failed("is " + attrs.size() / (1024 * 1024) + " MiB; a config file is at most 1 MiB");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                return failed("is more than 1 MiB; a config file is at most 1 MiB");
            }
            return new Read(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString(), null);
        } catch (NoSuchFileException e) {
            return failed("not found; " + missingHint);
        } catch (CharacterCodingException e) {
            return failed("is not UTF-8 text");
        } catch (IOException e) {
            return failed("cannot be read: " + IoErrors.reason(e));
        }
    }

    private static Read failed(String problem) {
        return new Read(null, problem);
    }
}
