package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.tasks.http.HttpCallbackRequest;
import dev.ludicrous.tasks.http.HttpCallbackTask;
import dev.ludicrous.tasks.jackson3.Jackson3Codec;
import dev.ludicrous.testsupport.DocSnippets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the examples of docs/tasks.md and keeps the guide equal to them. */
class GuideExamplesTest {
    record Email(String to, String subject) {
    }

    static final class Mailer {
        final Set<Email> sent = ConcurrentHashMap.newKeySet();

        void send(Email email) {
            sent.add(email);
        }
    }

    @Test
    void theGuideIsInSyncWithTheseExamples() {
        assertThat(DocSnippets.assertInSync(Path.of("../docs/tasks.md"), Path.of("src/test/java"))).isPositive();
    }

    @Test
    void defineAndDelay() throws Exception {
        Mailer mailer = new Mailer();
        // snippet: define-and-delay
        Tasks tasks = Tasks.builder()
                .task("send-email", Email.class, email -> mailer.send(email))
                .build();

        Task<Email> sendEmail = tasks.task("send-email", Email.class);
        TaskHandle handle = sendEmail.delay(new Email("ann@example.com", "Welcome"));
        // end-snippet
        assertThat(handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(mailer.sent).containsExactly(new Email("ann@example.com", "Welcome"));
        tasks.close();
    }

    @Test
    void jackson3Codec() throws Exception {
        Mailer mailer = new Mailer();
        tools.jackson.databind.json.JsonMapper jsonMapper = tools.jackson.databind.json.JsonMapper.builder().build();
        // snippet: jackson3-codec
        Tasks tasks = Tasks.builder()
                .codec(new Jackson3Codec(jsonMapper))   // the app's tools.jackson mapper (Spring Boot 4)
                .task("send-email", Email.class, mailer::send)
                .build();
        // end-snippet
        TaskHandle handle = tasks.task("send-email", Email.class).delay(new Email("ann@example.com", "Welcome"));
        assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo(TaskStatus.SUCCEEDED);
        tasks.close();
    }

    @Test
    void optionsPerTaskAndPerCall() throws Exception {
        Mailer mailer = new Mailer();
        Email email = new Email("bob@example.com", "Your invoice");
        // snippet: options
        TaskOptions mailOptions = TaskOptions.builder()
                .queue("mail")
                .maxRetries(5)                           // then the dead letters
                .backoff(Duration.ofSeconds(2))          // 2 s, 4 s, 8 s ... with jitter
                .maxBackoff(Duration.ofMinutes(5))
                .timeLimit(Duration.ofSeconds(30))       // the worker thread is interrupted after it
                .build();
        Tasks tasks = Tasks.builder()
                .queues("default", "mail")
                .task("send-email", Email.class, mailOptions, mailer::send)
                .build();

        Task<Email> sendEmail = tasks.task("send-email", Email.class);
        sendEmail.delay(email, TaskOptions.builder()
                .countdown(Duration.ofMillis(50))        // or .eta(Instant)
                .idempotencyKey("invoice-mail-1042")     // a second delay while pending is a no-op
                .build());
        // end-snippet
        org.awaitility.Awaitility.await().until(() -> mailer.sent.contains(email));
        tasks.close();
    }

    @Test
    void deadLetters() throws Exception {
        TaskOptions noRetries = TaskOptions.builder().maxRetries(0).build();
        Tasks tasks = Tasks.builder().task("sync-crm", String.class, noRetries, id -> {
            throw new IllegalStateException("CRM answered 500");
        }).build();
        TaskHandle failed = tasks.task("sync-crm", String.class).delay("customer-7");
        failed.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // snippet: dead-letters
        DeadLetters dead = tasks.deadLetters();
        for (DeadLetter letter : dead.list(100)) {
            System.out.println(letter.task() + " " + letter.taskId() + ": " + letter.reason() + ": " + letter.error());
            // sync-crm 8925gnu3...-1: handler failed after 1 attempts: java.lang.IllegalStateException: CRM answered 500
        }
        List<DeadLetter> letters = dead.list(100);
        dead.retry(letters.get(0).id());     // runs it again as a first attempt
        // or: dead.delete(letters.get(0).id());
        // end-snippet
        assertThat(letters).singleElement().satisfies(l -> assertThat(l.error())
                .isEqualTo("java.lang.IllegalStateException: CRM answered 500"));
        org.awaitility.Awaitility.await().until(() -> dead.size() == 1 && !dead.list(1).get(0).id().equals(letters.get(0).id()));
        tasks.close();
    }

    @Test
    void afterCommit() throws Exception {
        Mailer mailer = new Mailer();
        AfterCommitAndScheduleTest.Transaction transaction = new AfterCommitAndScheduleTest.Transaction();
        Email email = new Email("ann@example.com", "Your order");
        try (Tasks tasks = Tasks.builder().task("send-email", Email.class, mailer::send).build()) {
            Task<Email> sendEmail = tasks.task("send-email", Email.class);
            // snippet: after-commit
            // inside the transaction that writes the order:
            sendEmail.delayAfterCommit(transaction, email)
                    .exceptionally(error -> null);   // rolled back (CancellationException), or the send failed
            // end-snippet
            transaction.end(true);
            org.awaitility.Awaitility.await().until(() -> mailer.sent.contains(email));
        }
    }

    @Test
    void schedules() {
        AtomicCounter counter = new AtomicCounter();
        // snippet: schedules
        Tasks tasks = Tasks.builder()
                .task("refresh-counts", String.class, scope -> counter.refresh(scope))
                .task("nightly-report", String.class, day -> counter.refresh(day))
                .schedule("counts-every-5-min", Schedule.every(Duration.ofMinutes(5)), "refresh-counts", "all")
                .schedule("report-at-3", Schedule.cron("0 3 * * *"), "nightly-report", "yesterday")
                .build();
        // end-snippet
        tasks.close();
    }

    @Test
    void httpCallback() throws Exception {
        String webhookUrl = "http://127.0.0.1:1/hook";
        // snippet: http-callback
        HttpCallbackTask callback = HttpCallbackTask.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(30))
                .maxResponseBytes(1024 * 1024)
                .allowHosts("billing.internal")          // private targets must be named
                .build();
        Tasks tasks = Tasks.builder()
                .task("http-callback", HttpCallbackRequest.class, callback)
                .build();

        tasks.task("http-callback", HttpCallbackRequest.class)
                .delay(HttpCallbackRequest.postJson(webhookUrl, "{\"order\":42}"));
        // end-snippet
        org.awaitility.Awaitility.await().until(() -> tasks.deadLetters().size() == 1);
        assertThat(tasks.deadLetters().list(1).get(0).error())
                .contains("refused to call 127.0.0.1: it resolves to 127.0.0.1, a loopback address");
        tasks.close();
    }

    static final class AtomicCounter {
        void refresh(String scope) {
        }
    }
}
