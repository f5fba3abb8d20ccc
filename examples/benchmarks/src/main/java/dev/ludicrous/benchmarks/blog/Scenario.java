package dev.ludicrous.benchmarks.blog;

/**
 * One measured run: a page of a blog started with one set of settings ({@code instance}), with
 * the profiler trigger header sent on a fraction of the requests (0 for none).
 */
record Scenario(String name, Mode mode, Instance instance, String profiler, double triggerFraction) {
    Scenario {
        if (triggerFraction < 0 || triggerFraction > 1) {
            throw new IllegalArgumentException("triggerFraction must be from 0 to 1, but was " + triggerFraction);
        }
    }

    static Scenario of(Mode mode, Instance instance) {
        return new Scenario(instance.name() + " " + mode.label(), mode, instance, instance.profiler(), 0);
    }
}
