package com.fourrunr.campaign.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fourrunr.campaign.InvalidInputException;
import com.fourrunr.campaign.spi.ReplyIntakeState;
import com.fourrunr.campaign.spi.ReplyIntakeState.Checkpoint;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IMAP checkpoints kept in the campaign database, on H2 and PostgreSQL. */
class JdbcReplyIntakeStateTest {
  @TempDir static Path dir;

  @Test
  void checkpointIsKeptPerMailboxAndFolderAndSurvivesANewInstanceOnH2() {
    checkpointIsKeptPerMailboxAndFolderAndSurvivesANewInstance(
        EmbeddedDatabase.file(dir.resolve("intake")));
  }

  @Test
  @Tag("postgres")
  void checkpointIsKeptPerMailboxAndFolderAndSurvivesANewInstanceOnPostgres() {
    checkpointIsKeptPerMailboxAndFolderAndSurvivesANewInstance(Postgres.newDataSource());
  }

  private static void checkpointIsKeptPerMailboxAndFolderAndSurvivesANewInstance(DataSource ds) {
    ReplyIntakeState state = JdbcReplyIntakeState.create(ds);
    assertThat(state.load("replies@4runr.test@imap.test", "INBOX")).isEmpty();

    state.save("replies@4runr.test@imap.test", "INBOX", new Checkpoint(7, 120));
    state.save("replies@4runr.test@imap.test", "Archive", new Checkpoint(9, 3));
    state.save("replies@4runr.test@imap.test", "INBOX", new Checkpoint(7, 121));

    ReplyIntakeState restarted = JdbcReplyIntakeState.create(ds);
    assertThat(restarted.load("replies@4runr.test@imap.test", "INBOX"))
        .contains(new Checkpoint(7, 121));
    assertThat(restarted.load("replies@4runr.test@imap.test", "Archive"))
        .contains(new Checkpoint(9, 3));
    assertThat(restarted.load("other@4runr.test@imap.test", "INBOX")).isEmpty();
    assertThatThrownBy(() -> restarted.load(" ", "INBOX"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mailbox");
  }
}
