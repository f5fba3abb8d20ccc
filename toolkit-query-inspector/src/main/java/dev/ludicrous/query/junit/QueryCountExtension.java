package dev.ludicrous.query.junit;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.StatementKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.opentest4j.AssertionFailedError;

/**
 * Checks {@link ExpectQueries}, {@link MaxQueries} and {@link NoRepeatedQueries}. Registered by
 * those annotations; there is no need to name it.
 */
public final class QueryCountExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QueryCountExtension.class);

    /** Creates the extension; JUnit does this. */
    public QueryCountExtension() {
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        if (expectations(context).isEmpty()) {
            return;
        }
        QueryInspector inspector = findInspector(context);
        boolean allThreads = expectations(context).stream().anyMatch(QueryCountExtension::allThreads);
        QueryScope scope = allThreads ? inspector.openShared(context.getDisplayName()) : inspector.open(context.getDisplayName());
        context.getStore(NAMESPACE).put(QueryScope.class, scope);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        QueryScope scope = context.getStore(NAMESPACE).remove(QueryScope.class, QueryScope.class);
        if (scope == null) {
            return;
        }
        scope.close();
        if (context.getExecutionException().isPresent()) {
            return; // the test's own failure says more than a count would
        }
        QueryReport report = scope.report();
        List<String> problems = new ArrayList<>();
        for (Object expectation : expectations(context)) {
            check(expectation, report, problems);
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError(String.join("; ", problems) + " in " + testName(context) + ".\n"
                    + report.describe());
        }
    }

    private static void check(Object expectation, QueryReport report, List<String> problems) {
        if (expectation instanceof ExpectQueries expected) {
            checkCount("select", expected.select(), report.count(StatementKind.SELECT), problems);
            checkCount("insert", expected.insert(), report.count(StatementKind.INSERT), problems);
            checkCount("update", expected.update(), report.count(StatementKind.UPDATE), problems);
            checkCount("delete", expected.delete(), report.count(StatementKind.DELETE), problems);
            checkCount("statement", expected.total(), report.count(), problems);
        } else if (expectation instanceof MaxQueries max && report.count() > max.value()) {
            problems.add("Expected at most " + max.value() + " statements but " + report.count() + " ran");
        } else if (expectation instanceof NoRepeatedQueries && report.hasRepeatedQueries()) {
            problems.add("Expected no repeated queries but " + report.repeatedGroups().size()
                    + (report.repeatedGroups().size() == 1 ? " query was" : " queries were") + " repeated");
        }
    }

    private static boolean allThreads(Object expectation) {
        return expectation instanceof ExpectQueries expected && expected.allThreads()
                || expectation instanceof MaxQueries max && max.allThreads()
                || expectation instanceof NoRepeatedQueries none && none.allThreads();
    }

    private static void checkCount(String kind, int expected, long actual, List<String> problems) {
        if (expected != ExpectQueries.ANY && expected != actual) {
            problems.add("Expected " + expected + " " + kind + (expected == 1 ? "" : "s") + " but " + actual + " ran");
        }
    }

    /** The annotations that apply: the method's own, else its class's (and enclosing classes'). */
    private static List<Object> expectations(ExtensionContext context) {
        List<Object> found = new ArrayList<>();
        for (Class<? extends java.lang.annotation.Annotation> type :
                List.of(ExpectQueries.class, MaxQueries.class, NoRepeatedQueries.class)) {
            Optional<? extends java.lang.annotation.Annotation> annotation =
                    AnnotationSupport.findAnnotation(context.getTestMethod(), type);
            for (Optional<Class<?>> owner = context.getTestClass(); annotation.isEmpty() && owner.isPresent();
                    owner = owner.map(Class::getEnclosingClass)) {
                annotation = AnnotationSupport.findAnnotation(owner.get(), type);
            }
            annotation.ifPresent(found::add);
        }
        return found;
    }

    private static QueryInspector findInspector(ExtensionContext context) {
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        for (int i = instances.size() - 1; i >= 0; i--) {
            Object instance = instances.get(i);
            for (Field field : inspectorFields(instance.getClass())) {
                Object value = read(field, Modifier.isStatic(field.getModifiers()) ? null : instance);
                if (value instanceof QueryInspector inspector) {
                    return inspector;
                }
            }
        }
        throw new ExtensionConfigurationException(testName(context) + " counts queries but has no QueryInspector:"
                + " declare a field of type QueryInspector (static or not) in the test class that holds the"
                + " inspector wrapping the DataSource under test, and set it before the test runs.");
    }

    private static List<Field> inspectorFields(Class<?> type) {
        return org.junit.platform.commons.support.ReflectionSupport.findFields(type,
                field -> QueryInspector.class.isAssignableFrom(field.getType()), HierarchyTraversalMode.TOP_DOWN);
    }

    private static Object read(Field field, Object instance) {
        try {
            field.setAccessible(true);
            return field.get(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot read the QueryInspector field " + field, e);
        }
    }

    private static String testName(ExtensionContext context) {
        return context.getTestClass().map(Class::getSimpleName).orElse("test") + "."
                + context.getTestMethod().map(method -> method.getName() + "()").orElse(context.getDisplayName());
    }
}
