package com.example.systemtests;

/**
 * Prints the measured figures of a scenario in one greppable line ({@code [figures]}), so that the
 * build log holds what each fault cost.
 */
final class Figures {

    private Figures() {}

    static void print(String scenario, String figures) {
        System.out.println("[figures] " + scenario + ": " + figures);
    }
}
