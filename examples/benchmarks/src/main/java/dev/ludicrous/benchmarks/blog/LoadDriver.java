package dev.ludicrous.benchmarks.blog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code clients} threads each send a request, wait for the whole answer, and
 * send the next, until the time or the request budget runs out (whichever comes first). Latency is
 * measured per request from send to the last byte of the body.
 */
final class LoadDriver implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    // Well before the timeout, so that the dump is taken while the request is still stuck.
    private static final Duration STALL = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ExecutorService clients;
    private final int clientCount;
    private final StallWatch stalls;

    LoadDriver(int clientCount) {
        this.clientCount = clientCount;
        this.stalls = new StallWatch(clientCount, STALL, 3, System.out);
        this.clients = Executors.newFixedThreadPool(clientCount, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Warms the page up for {@code warmup} (figures dropped), then measures it. */
    RunResult run(String baseUrl, Scenario scenario, Duration warmup, Duration measure, long maxRequests) {
        drive(baseUrl, scenario, warmup, maxRequests);
        long started = System.nanoTime();
        List<Recorder> recorders = drive(baseUrl, scenario, measure, maxRequests);
        double seconds = (System.nanoTime() - started) / 1e9;
        return summarize(scenario, recorders, seconds, List.of());
    }

    /** One page of one blog, for {@link #interleaved}. */
    record Variant(String baseUrl, Scenario scenario) {
    }

    /**
     * Measures several variants in alternating slices ({@code rounds} of each, {@code measure}
     * split between them, in a shuffled order each round, each slice after a short unmeasured
     * lead-in), so that a drift in the machine's load during the run falls on every variant alike
     * rather than on whichever ran last. Each result
     * lists its per-round throughput, so that variants can be compared round by round.
     */
    List<RunResult> interleaved(List<Variant> variants, Duration warmup, Duration measure, long maxRequests,
            int rounds) {
        for (Variant v : variants) {
            drive(v.baseUrl(), v.scenario(), warmup, maxRequests);
        }
        Duration slice = measure.dividedBy(rounds);
        List<List<Recorder>> recorded = new ArrayList<>();
        double[] seconds = new double[variants.size()];
        List<List<Double>> perRound = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            recorded.add(new ArrayList<>());
            perRound.add(new ArrayList<>());
        }
        // A slice that follows another blog's starts cold (its database pages, its server threads);
        // a short unmeasured lead-in and a shuffled order keep that from favouring one variant.
        Duration leadIn = slice.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? slice.dividedBy(4) : Duration.ofSeconds(1);
        java.util.Random order = new java.util.Random(42);
        List<Integer> indexes = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            indexes.add(v);
        }
        for (int r = 0; r < rounds; r++) {
            java.util.Collections.shuffle(indexes, order);
            for (int v : indexes) {
                Variant variant = variants.get(v);
                drive(variant.baseUrl(), variant.scenario(), leadIn, maxRequests);
                long started = System.nanoTime();
                List<Recorder> slices = drive(variant.baseUrl(), variant.scenario(), slice, maxRequests / rounds);
                double s = (System.nanoTime() - started) / 1e9;
                seconds[v] += s;
                recorded.get(v).addAll(slices);
                long ok = slices.stream().mapToLong(x -> x.count - x.errors).sum();
                perRound.get(v).add(ok / s);
            }
        }
        List<RunResult> results = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            results.add(summarize(variants.get(v).scenario(), recorded.get(v), seconds[v], perRound.get(v)));
        }
        return results;
    }

    private List<Recorder> drive(String baseUrl, Scenario scenario, Duration length, long maxRequests) {
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong budget = new AtomicLong(maxRequests);
        List<CompletableFuture<Recorder>> running = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            int client = c;
            running.add(CompletableFuture.supplyAsync(() -> {
                Recorder recorder = new Recorder();
                long i = client; // clients start on different posts
                int posts = scenario.instance().posts();
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    send(client, baseUrl + scenario.mode().path(i, posts), recorder);
                    i += clientCount;
                }
                return recorder;
            }, clients));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private void send(int client, String url, Recorder recorder) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
        long start = System.nanoTime();
        stalls.sending(client);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            List<String> timing = response.headers().allValues("Server-Timing");
            if (response.statusCode() != 200) {
                recorder.error(nanos, "HTTP " + response.statusCode() + " from " + url);
            } else {
                recorder.ok(nanos, ServerTiming.queries(timing), response.body().length, ServerTiming.profiled(timing));
            }
        } catch (IOException e) {
            recorder.error(System.nanoTime() - start, e.getClass().getSimpleName() + " from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.error(System.nanoTime() - start, "interrupted");
        } finally {
            stalls.answered(client);
        }
    }

    private RunResult summarize(Scenario scenario, List<Recorder> recorders, double seconds, List<Double> rounds) {
        Recorder all = new Recorder();
        recorders.forEach(all::add);
        long[] latencies = Arrays.copyOf(all.nanos, all.count);
        Latencies l = Latencies.of(latencies);
        long known = all.count - all.errors - all.queriesUnknown;
        Instance instance = scenario.instance();
        return new RunResult(scenario.name(), scenario.mode().name().toLowerCase(java.util.Locale.ROOT), instance.database(),
                instance.cacheTier(), scenario.profiler(), clientCount, all.count, all.errors, all.firstError, seconds,
                (all.count - all.errors) / seconds, ms(l.p50Nanos()), ms(l.p90Nanos()), ms(l.p99Nanos()), ms(l.maxNanos()),
                ms(l.meanNanos()), known > 0 ? all.queriesMin : 0, all.queriesMax,
                known > 0 ? (double) all.queriesSum / known : 0, all.queriesUnknown, all.zeroQueries,
                all.count - all.errors > 0 ? (double) all.bytes / (all.count - all.errors) : 0, all.profiled, rounds);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public void close() {
        clients.shutdownNow();
        stalls.close();
    }

    /** One client's figures; merged after the run, so no locking while it runs. */
    static final class Recorder {
        long[] nanos = new long[1024];
        int count;
        long errors;
        String firstError;
        int queriesMin = Integer.MAX_VALUE;
        int queriesMax;
        long queriesSum;
        long queriesUnknown;
        long zeroQueries;
        long bytes;
        long profiled;

        void ok(long latency, OptionalInt queries, int size, boolean wasProfiled) {
            latency(latency);
            if (queries.isPresent()) {
                int q = queries.getAsInt();
                queriesMin = Math.min(queriesMin, q);
                queriesMax = Math.max(queriesMax, q);
                queriesSum += q;
                if (q == 0) {
                    zeroQueries++;
                }
            } else {
                queriesUnknown++;
            }
            bytes += size;
            if (wasProfiled) {
                profiled++;
            }
        }

        void error(long latency, String message) {
            latency(latency);
            errors++;
            if (firstError == null) {
                firstError = message;
            }
        }

        private void latency(long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
        }

        void add(Recorder other) {
            for (int i = 0; i < other.count; i++) {
                latency(other.nanos[i]);
            }
            errors += other.errors;
            if (firstError == null) {
                firstError = other.firstError;
            }
            queriesMin = Math.min(queriesMin, other.queriesMin);
            queriesMax = Math.max(queriesMax, other.queriesMax);
            queriesSum += other.queriesSum;
            queriesUnknown += other.queriesUnknown;
            zeroQueries += other.zeroQueries;
            bytes += other.bytes;
            profiled += other.profiled;
        }
    }
}
