package dev.ludicrous.tasks;

import java.util.List;
import java.util.Optional;

/** The tasks a broker gave up on. Thread-safe. */
public interface DeadLetters {
    /**
     * Lists dead letters, oldest first.
     *
     * @param limit the most to return, at least 1
     * @return the dead letters
     */
    List<DeadLetter> list(int limit);

    /**
     * Finds one dead letter.
     *
     * @param id a {@link DeadLetter#id()}
     * @return the dead letter, or empty when there is none with that id
     */
    Optional<DeadLetter> find(String id);

    /**
     * Sends the task again as a new first attempt (same id and arguments) and removes the dead letter.
     *
     * @param id a {@link DeadLetter#id()}
     * @return {@code false} when there is no such dead letter
     */
    boolean retry(String id);

    /**
     * Removes a dead letter for good.
     *
     * @param id a {@link DeadLetter#id()}
     * @return {@code false} when there is no such dead letter
     */
    boolean delete(String id);

    /**
     * Returns how many dead letters there are.
     *
     * @return how many dead letters there are
     */
    long size();
}
