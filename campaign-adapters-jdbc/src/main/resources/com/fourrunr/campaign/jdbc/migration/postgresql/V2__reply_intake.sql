-- How far each IMAP folder was read (ReplyIntakeState), so a restart reads only new mail.
CREATE TABLE campaign_reply_intake (
  mailbox      TEXT NOT NULL,
  folder       TEXT NOT NULL,
  uid_validity BIGINT NOT NULL,
  last_uid     BIGINT NOT NULL,
  PRIMARY KEY (mailbox, folder)
);
