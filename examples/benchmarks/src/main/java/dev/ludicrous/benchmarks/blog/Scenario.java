package dev.ludicrous.benchmarks.blog;

/** One measured run: a page of a blog started with one set of settings ({@code instance}). */
record Scenario(String name, Mode mode, Instance instance, String profiler) {
    static Scenario of(Mode mode, Instance instance) {
        return new Scenario(instance.name() + " " + mode.label(), mode, instance, instance.profiler());
    }
}
