package dev.ludicrous.cache.hibernate;

import jakarta.persistence.Entity;

/** A subtype of {@link Vehicle} in its own table. */
@Entity
public class Car extends Vehicle {
    int seats;

    protected Car() {
    }

    Car(String name, int seats) {
        super(name);
        this.seats = seats;
    }
}
