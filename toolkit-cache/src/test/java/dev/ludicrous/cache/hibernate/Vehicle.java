package dev.ludicrous.cache.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** The root of a joined hierarchy: a bulk statement on a subtype writes two tables. */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public class Vehicle {
    @Id
    @GeneratedValue
    Long id;

    String name;

    protected Vehicle() {
    }

    Vehicle(String name) {
        this.name = name;
    }
}
