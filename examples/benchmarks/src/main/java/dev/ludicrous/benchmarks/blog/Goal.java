package dev.ludicrous.benchmarks.blog;

/** A goal from the issue, what this run measured for it, and whether it was met. */
record Goal(String goal, String measured, Verdict verdict) {
    /**
     * Met, not met, not resolved (the difference is inside the run-to-run noise, which is larger
     * than the goal), or not measured in this run (a database or mode was left out).
     */
    enum Verdict {
        MET("met"), NOT_MET("NOT met"), UNRESOLVED("not resolved: inside the noise"), NOT_MEASURED("not measured");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
