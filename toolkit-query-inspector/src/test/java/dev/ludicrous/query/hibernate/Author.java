package dev.ludicrous.query.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Author {
    @Id
    Long id;
    String name;

    protected Author() {
    }

    Author(Long id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
