package dev.oddscache.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import org.junit.jupiter.api.Test;

/** Entries expire at the deadline fixed by their put, whatever Caffeine recomputes. */
class RetentionExpiryTest {
  private final RetentionExpiry<String> expiry = new RetentionExpiry<>();
  private final StoreEntry<String> entry =
      new StoreEntry<>(new StoredValue<>("v", 0, 10, 0), Tags.NONE, 1_000, 1);

  @Test
  void expireAfterCreate_isTheTimeLeftToTheDeadline() {
    assertThat(expiry.expireAfterCreate("k", entry, 400)).isEqualTo(600);
  }

  @Test
  void expireAfterUpdate_sameEntry_keepsTheDeadline() {
    // A compute that returns the entry unchanged (removeTagged skipping a re-tagged key) must
    // not restart the retention.
    assertThat(expiry.expireAfterUpdate("k", entry, 700, 600)).isEqualTo(300);
  }

  @Test
  void expireAfterRead_keepsTheCurrentDuration() {
    assertThat(expiry.expireAfterRead("k", entry, 700, 300)).isEqualTo(300);
  }

  @Test
  void pastTheDeadline_isZeroNeverNegative() {
    assertThat(expiry.expireAfterUpdate("k", entry, 5_000, 0)).isZero();
  }

  @Test
  void deadlinePastLongMaxValue_stillGivesTheRightDuration() {
    // The deadline is now + retention, which may wrap around; only the difference matters.
    long now = Long.MAX_VALUE - 10;
    StoreEntry<String> wrapped = new StoreEntry<>(entry.value(), Tags.NONE, now + 100, 1);

    assertThat(expiry.expireAfterCreate("k", wrapped, now)).isEqualTo(100);
  }
}
