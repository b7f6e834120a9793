package dev.gatehouse.accounts;

import dev.gatehouse.store.Database;

import java.time.Clock;

/** One gateway instance's accounts objects over a database, as the server would wire them. */
record Accounts(Database db, KeyDirectory directory, CustomerStore customers, ProjectStore projects, KeyStore keys,
                UserStore users) implements AutoCloseable {

    static Accounts over(Database db, Clock clock) {
        KeyDirectory directory = new KeyDirectory(db, clock);
        directory.refresh();
        return new Accounts(db, directory, new CustomerStore(db, directory, clock), new ProjectStore(db, clock),
                new KeyStore(db, directory, clock), new UserStore(db, clock));
    }

    Customer customer(String name) {
        return customers.create(new NewCustomer(name, CustomerKind.ENTERPRISE, "DE", "ops@" + name.toLowerCase().replace(' ', '-') + ".example", null, null));
    }

    @Override
    public void close() { directory.close(); }
}
