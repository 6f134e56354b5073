package dev.gatehouse.bench;

/**
 * The JVM's own empty start: a main that prints one line and returns. {@code scale-bench.sh} times
 * it on the same JVM as the server's start, as the floor a Java server's start-up cannot go below.
 */
public final class EmptyMain {
  private EmptyMain() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
