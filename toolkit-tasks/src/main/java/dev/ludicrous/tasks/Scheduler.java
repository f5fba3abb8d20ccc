package dev.ludicrous.tasks;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires recurring tasks on this node. Every node that runs a schedule tries each period; the
 * broker's {@code sendOnce} lets exactly one of them send it. Missed periods (the node was down)
 * are skipped, not caught up.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    record Entry(String name, Schedule schedule, Definition<?> definition, Object args) {
    }

    private final List<Entry> entries;
    private final long[] nextFire;
    private final Broker broker;
    private final Tasks tasks;
    private final long tickMillis;
    private final Thread thread;
    private volatile boolean stopped;
    private boolean failing;

    Scheduler(List<Entry> entries, Broker broker, Tasks tasks, long tickMillis) {
        this.entries = entries;
        this.nextFire = new long[entries.size()];
        this.broker = broker;
        this.tasks = tasks;
        this.tickMillis = tickMillis;
        this.thread = new Thread(this::loop, "ludicrous-tasks-scheduler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                tick(broker.currentTimeMillis());
                if (failing) {
                    failing = false;
                    LOG.info("Schedules resumed: the broker is reachable again");
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("Schedules could not fire: {}; retrying every {} ms", e.getMessage(), tickMillis);
                }
            }
            try {
                Thread.sleep(tickMillis); // the schedule's tick, not a wait for a condition
            } catch (InterruptedException e) {
                // stopped is checked by the loop
            }
        }
    }

    void tick(long now) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (nextFire[i] == 0) {
                nextFire[i] = entry.schedule().next(now);
                continue;
            }
            if (now < nextFire[i]) {
                continue;
            }
            long period = nextFire[i];
            nextFire[i] = entry.schedule().next(now);
            boolean sent = tasks.sendScheduled(entry, entry.name() + ":" + period);
            if (sent && LOG.isDebugEnabled()) {
                LOG.debug("Schedule '{}' sent task '{}' for the period at {}", entry.name(), entry.definition().name(), period);
            }
        }
    }
}
