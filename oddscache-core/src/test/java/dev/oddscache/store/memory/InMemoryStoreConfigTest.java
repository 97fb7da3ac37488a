package dev.oddscache.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Weigher;
import org.junit.jupiter.api.Test;

class InMemoryStoreConfigTest {
  private static final Weigher<String, String> LENGTH = (key, value) -> value.length();

  @Test
  void ofDefaults_isBoundedBySize() {
    InMemoryStoreConfig<String> config = InMemoryStoreConfig.ofDefaults();

    assertThat(config.isWeighted()).isFalse();
    assertThat(config.maximumSize()).hasValue(100_000);
    assertThat(config.maximumWeight()).isEmpty();
    assertThat(config.weigher()).isEmpty();
  }

  @Test
  void custom_withoutBound_usesTheDefaultSize() {
    assertThat(InMemoryStoreConfig.custom().build().maximumSize())
        .hasValue(InMemoryStoreConfig.DEFAULT_MAXIMUM_SIZE);
  }

  @Test
  void maximumSize_isKept() {
    assertThat(InMemoryStoreConfig.custom().maximumSize(42).build().maximumSize()).hasValue(42);
  }

  @Test
  void maximumWeight_withWeigher_isWeighted() {
    InMemoryStoreConfig<String> config =
        InMemoryStoreConfig.<String>custom().maximumWeight(1_000).weigher(LENGTH).build();

    assertThat(config.isWeighted()).isTrue();
    assertThat(config.maximumWeight()).hasValue(1_000);
    assertThat(config.maximumSize()).isEmpty();
    assertThat(config.weigher()).containsSame(LENGTH);
  }

  @Test
  void negativeBounds_areRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> InMemoryStoreConfig.custom().maximumSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumSize must not be negative, got -1");
    assertThatThrownBy(() -> InMemoryStoreConfig.custom().maximumWeight(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumWeight must not be negative, got -5");
    assertThatThrownBy(() -> InMemoryStoreConfig.<String>custom().weigher(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("weigher");
  }

  @Test
  void bothBounds_areRejected() {
    assertThatThrownBy(() -> InMemoryStoreConfig.<String>custom()
            .maximumSize(10).maximumWeight(100).weigher(LENGTH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumSize=10")
        .hasMessageContaining("maximumWeight=100");
  }

  @Test
  void weightWithoutWeigher_andWeigherWithoutWeight_areRejected() {
    assertThatThrownBy(() -> InMemoryStoreConfig.custom().maximumWeight(100).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weigher");
    assertThatThrownBy(() -> InMemoryStoreConfig.<String>custom().weigher(LENGTH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumWeight");
  }

  @Test
  void from_copiesTheBound() {
    InMemoryStoreConfig<String> weighted =
        InMemoryStoreConfig.<String>custom().maximumWeight(7).weigher(LENGTH).build();

    assertThat(InMemoryStoreConfig.from(weighted).build().maximumWeight()).hasValue(7);
    assertThat(InMemoryStoreConfig.from(InMemoryStoreConfig.<String>custom().maximumSize(3).build())
        .build().maximumSize()).hasValue(3);
  }
}
