package dev.launch.ui;

import dev.launch.proc.Processes;
import dev.launch.registry.StateDir;
import dev.launch.registry.StateLock;
import dev.launch.util.PrivateFiles;
import dev.launch.util.Json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code STATE/ui.json}: which `ui` serves this state dir (URL, pid, start time), so that a second
 * `ui` reuses it instead of starting another. Checked and written under {@code STATE/ui.lock},
 * so two `ui` started at the same moment still end up with one server.
 */
public final class UiRecord {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String url, long pid, String pidStart, String stateDir) {}

    private final Path stateDir;
    private final Path file;

    public UiRecord(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath();
        this.file = this.stateDir.resolve("ui.json");
    }

    /** Runs {@code body} holding the ui lock (the registry's lock is not held meanwhile). */
    public <T> T locked(Callable<T> body) throws Exception {
        StateDir.prepare(stateDir);
        try (StateLock ignored = StateLock.acquire(stateDir.resolve("ui.lock"))) {
            return body.call();
        }
    }

    /** The recorded `ui`, if its process is alive and its URL answers for this state dir. */
    public Optional<Entry> running() {
        Entry entry = read().orElse(null);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.url() == null || !Processes.isAlive(entry.pid(), entry.pidStart()) || !answers(entry.url())) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    public void write(String url) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        Entry entry = new Entry(url, me.pid(), Processes.startOf(me), stateDir.toString());
        PrivateFiles.writeAtomically(file, Json.mapper().writeValueAsBytes(entry));
    }

    /** Removes the record if it is still this process's. */
    public void clear() {
        if (read().filter(entry -> entry.pid() == ProcessHandle.current().pid()).isPresent()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next `ui` checks the pid and URL anyway
            }
        }
    }

    /** The record, if it is a small regular file that parses; only a loopback http URL is taken from it. */
    private Optional<Entry> read() {
        try {
            Entry entry = Json.mapper().readValue(PrivateFiles.read(file, 64 * 1024), Entry.class);
            return entry.url() != null && entry.url().matches("http://(127\\.0\\.0\\.1|localhost):[0-9]{1,5}/[A-Za-z0-9?=&_./-]*") ? Optional.of(entry)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // nothing recorded, or not usable: as if none
        }
    }

    private boolean answers(String url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI address = URI.create(url + "api/health");
            // The server answers only its session, which this state dir's user holds.
            String cookie = UiSession.cookieName(address.getPort()) + "=" + UiSession.open(stateDir).cookieValue();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(address).header("Cookie", cookie)
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode health = Json.mapper().readTree(response.body());
            return stateDir.toString().equals(health.path("stateDir").asText());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
