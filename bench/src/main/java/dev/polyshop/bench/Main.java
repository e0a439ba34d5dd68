package dev.polyshop.bench;

/** Placeholder main, replaced below. */
public final class Main {
  public static void main(String[] args) {}
}
