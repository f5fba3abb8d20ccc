package dev.ludicrous.query;

import java.util.List;

/**
 * Finds the first frame of application code on the current stack. Each class is judged once
 * (a {@link ClassValue}), so a walk costs the walk itself and a lookup per frame.
 */
final class CallSites {
    /** Packages that are never the application's own: the JDK, JDBC, pools, ORMs, frameworks. */
    static final List<String> DEFAULT_EXCLUDED_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "com.p6spy.", "org.h2.", "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.jdbc.",
            "com.microsoft.sqlserver.", "org.hsqldb.", "org.apache.derby.", "org.sqlite.",
            "com.zaxxer.hikari.", "org.apache.commons.dbcp2.", "org.apache.tomcat.jdbc.", "com.mchange.",
            "org.hibernate.", "org.springframework.", "net.bytebuddy.", "org.jooq.", "org.jdbi.",
            "org.apache.ibatis.", "org.mybatis.", "io.micrometer.", "org.eclipse.jetty.", "org.apache.catalina.",
            "org.apache.tomcat.", "io.undertow.", "org.junit.", "org.assertj.",
            // Template engines: the useful line is the code that rendered the template.
            "com.github.mustachejava.", "org.thymeleaf.", "org.attoparser.", "freemarker.", "io.pebbletemplates.",
            "gg.jte.", "org.apache.velocity.");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String OWN_PACKAGE = CallSites.class.getPackageName();

    private final List<String> excluded;
    private final ClassValue<Boolean> infrastructure = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isInfrastructure(type);
        }
    };

    CallSites(List<String> excluded) {
        this.excluded = List.copyOf(excluded);
    }

    CallSite find() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !infrastructure.get(frame.getDeclaringClass()))
                .findFirst()
                .map(CallSite::of)
                .orElse(null));
    }

    private boolean isInfrastructure(Class<?> type) {
        String name = type.getName();
        for (String prefix : excluded) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        // Our own classes, but not the tests or examples that share the package prefix:
        // they were not loaded from this jar.
        return type.getPackageName().startsWith(OWN_PACKAGE) && sameCodeSource(type)
                || type.isSynthetic() || name.contains("$$") || name.contains("$HibernateProxy") || name.contains("$Proxy") || name.startsWith("com.sun.proxy");
    }

    private static boolean sameCodeSource(Class<?> type) {
        var own = CallSites.class.getProtectionDomain().getCodeSource();
        var other = type.getProtectionDomain().getCodeSource();
        return own == null || other == null ? own == other
                : own.getLocation() != null && own.getLocation().equals(other.getLocation());
    }
}
