package dev.ludicrous.query;

import java.util.Objects;

/**
 * The line of application code that ran a statement: the first stack frame outside the JDK,
 * p6spy, JDBC drivers, connection pools, Hibernate, Spring and Ludicrous itself.
 *
 * @param className  the fully qualified class name
 * @param methodName the method name
 * @param fileName   the source file name, or {@code null} when the class has no debug information
 * @param lineNumber the line number, or a negative number when unknown
 */
public record CallSite(String className, String methodName, String fileName, int lineNumber) {

    /** Checks the names. */
    public CallSite {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
    }

    static CallSite of(StackWalker.StackFrame frame) {
        return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /** Returns the short form used in logs: {@code BlogService.java:57}. */
    @Override
    public String toString() {
        if (fileName == null) {
            return simpleClassName() + "." + methodName;
        }
        return lineNumber >= 0 ? fileName + ":" + lineNumber : fileName;
    }

    /** Returns the long form, as in a stack trace: {@code com.example.BlogService.homepage(BlogService.java:57)}. */
    public String describe() {
        return className + "." + methodName + "(" + (fileName == null ? "Unknown Source"
                : lineNumber >= 0 ? fileName + ":" + lineNumber : fileName) + ")";
    }

    private String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
