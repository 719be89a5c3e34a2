package com.fourrunr.campaign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.spi.ReplyIntakeState;
import org.junit.jupiter.api.Test;

class InMemoryReplyIntakeStateTest {
  private final ReplyIntakeState state = new InMemoryReplyIntakeState();

  @Test
  void checkpointIsKeptPerMailboxAndFolderAndReplaced() {
    assertThat(state.load("a@imap:993", "INBOX")).isEmpty();

    state.save("a@imap:993", "INBOX", new ReplyIntakeState.Checkpoint(7, 10));
    state.save("a@imap:993", "Bounces", new ReplyIntakeState.Checkpoint(7, 3));
    state.save("a@imap:993", "INBOX", new ReplyIntakeState.Checkpoint(7, 12));

    assertThat(state.load("a@imap:993", "INBOX")).contains(new ReplyIntakeState.Checkpoint(7, 12));
    assertThat(state.load("a@imap:993", "Bounces")).contains(new ReplyIntakeState.Checkpoint(7, 3));
    assertThat(state.load("b@imap:993", "INBOX")).isEmpty();
  }

  @Test
  void badKeysAndNumbersAreRefusedNamingTheField() {
    assertThatThrownBy(() -> state.load(" ", "INBOX"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mailbox");
    assertThatThrownBy(() -> new ReplyIntakeState.Checkpoint(1, -1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("lastUid");
  }
}
