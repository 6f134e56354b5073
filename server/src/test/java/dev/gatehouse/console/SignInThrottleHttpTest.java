package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.ConsoleSignIn;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in throttle over HTTP, with a second loopback address as the guesser: wrong passwords
 * slow their own source down (the page says for how long), never the owner's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleHttpTest {
  private static final String GUESSER = "127.0.0.2";

  @TempDir static Path dir;
  ConsoleFixture fx;

  @BeforeAll
  void start() throws Exception {
    fx =
        new ConsoleFixture(
            dir, List.of(new ConsoleFixture.Login("Wendy", "wendy-Pa55word!", false)));
  }

  @AfterAll
  void stop() {
    fx.close();
  }

  @Test
  void aHundredWrongRootPasswordsFromOneAddressDoNotKeepTheRootUserOut() throws Exception {
    BoundFormClient guesser = new BoundFormClient(GUESSER, fx.server.port());
    int refused = 0;
    int slowed = 0;
    for (int i = 0; i < 100; i++) {
      BoundFormClient.Response r = guesser.signIn(ConsoleFixture.ACCOUNT, "", "Guess-" + i + "!x");
      assertThat(r.status()).isEqualTo(401);
      if (r.body().contains(ConsoleSignIn.REFUSED_MESSAGE)) {
        refused++;
      } else {
        assertThat(r.body())
            .containsPattern("Too many failed sign-in attempts\\. Wait \\d+ seconds?");
        slowed++;
      }
    }
    // Five guesses were checked at once, a few more as the doubling waits ran out (the clock is
    // real); the rest were answered at once with the wait.
    assertThat(refused).isBetween(5, 20);
    assertThat(slowed).isEqualTo(100 - refused);
    // Even the right password waits at the guesser's address...
    BoundFormClient.Response right = guesser.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    assertThat(right.status()).isEqualTo(401);
    assertThat(right.body())
        .containsPattern("Too many failed sign-in attempts\\. Wait \\d+ seconds?");
    // ...while the root user, from its own address, signs in at once.
    FormClient owner = new FormClient(fx.base());
    HttpResponse<String> in = owner.signIn(ConsoleFixture.ACCOUNT, "", fx.rootPassword());
    assertThat(in.statusCode()).isEqualTo(200);
    assertThat(in.body()).contains("IAM dashboard");
    // Once the wait is over the guesser's next attempt is checked again.
    fx.clock.advance(Duration.ofMinutes(5));
    assertThat(guesser.signIn(ConsoleFixture.ACCOUNT, "", "Guess-again-1!").body())
        .contains(ConsoleSignIn.REFUSED_MESSAGE);
  }

  @Test
  void theWaitGrowsWithEachFailureAndThePageSaysHowLong() throws Exception {
    BoundFormClient guesser = new BoundFormClient("127.0.0.3", fx.server.port());
    for (int i = 0; i < 7; i++) {
      fx.clock.advance(Duration.ofMinutes(1));
      assertThat(guesser.signIn(ConsoleFixture.ACCOUNT, "Wendy", "wrong-" + i).body())
          .contains(ConsoleSignIn.REFUSED_MESSAGE);
    }
    // Seven failures: 1, 2, then 4 seconds after the last.
    assertThat(guesser.signIn(ConsoleFixture.ACCOUNT, "Wendy", "wendy-Pa55word!").body())
        .containsPattern("Too many failed sign-in attempts\\. Wait [1-4] seconds? before you try");
    // Wendy herself is not held up.
    FormClient wendy = new FormClient(fx.base());
    assertThat(wendy.signIn(ConsoleFixture.ACCOUNT, "Wendy", "wendy-Pa55word!").body())
        .contains("Wendy @ " + ConsoleFixture.ACCOUNT);
  }
}
