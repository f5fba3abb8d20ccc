package dev.ludicrous.tasks;

import java.time.Instant;

/**
 * A task that could not be run, with why.
 *
 * @param id the dead letter's own id (use it with {@link DeadLetters})
 * @param taskId the task's id, as its {@link TaskHandle} reported it
 * @param task the task name
 * @param queue the queue it was sent to
 * @param attempts how many times the handler was started
 * @param reason why it was given up, such as {@code unknown task} or {@code handler failed after 4 attempts}
 * @param error the last error's message, or an empty string
 * @param deadAt when it was dead-lettered
 * @param args the encoded arguments, as stored
 */
public record DeadLetter(String id, String taskId, String task, String queue, int attempts, String reason,
        String error, Instant deadAt, String args) {
}
