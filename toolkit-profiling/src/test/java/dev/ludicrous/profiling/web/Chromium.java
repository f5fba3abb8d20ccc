package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium (Debian's {@code chromium}) for opening a page: skipped when it is not
 * installed, unless {@code CI} is set, then a failure.
 */
final class Chromium {
    private final Path executable;
    private final Path profileDir;

    private Chromium(Path executable, Path profileDir) {
        this.executable = executable;
        this.profileDir = profileDir;
    }

    static Chromium findOrSkip(Path workDir) throws IOException {
        Optional<Path> found = find();
        String ci = System.getenv("CI");
        boolean isCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        if (found.isEmpty()) {
            if (isCi) {
                throw new IllegalStateException("Headless Chromium is needed to check the flame graph and CI is set:"
                        + " install it (apt-get install -y chromium)");
            }
            Assumptions.abort("chromium is not installed (apt-get install -y chromium); skipping the browser check");
        }
        return new Chromium(found.get(), Files.createDirectories(workDir.resolve("chromium-profile")));
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The page's DOM after its scripts ran, and what the browser logged. */
    record Result(String dom, String log) {
    }

    Result dumpDom(Path page) throws Exception {
        return dumpDom(page, "");
    }

    /** Opens {@code page} with a URL fragment, such as {@code #q=burn}. */
    Result dumpDom(Path page, String fragment) throws Exception {
        return run(page.toUri() + fragment, "--dump-dom");
    }

    Result screenshot(Path page, Path png) throws Exception {
        return run(page.toUri().toString(), "--screenshot=" + png.toAbsolutePath(), "--window-size=1400,900",
                "--hide-scrollbars");
    }

    private Result run(String url, String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        command.addAll(List.of(action));
        command.add(url);
        Path out = Files.createTempFile(profileDir, "out", ".txt");
        Path err = Files.createTempFile(profileDir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("chromium finished within 120 s").isTrue();
        return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
