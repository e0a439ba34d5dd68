package dev.polyshop.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupTableTest {

  @Test
  void rows_areMediansPerService_withTheRangeAndEveryDistinctNote() {
    List<Startup> startups =
        List.of(
            new Startup(1, "product-service", 9.0, 4.0, 2, true, "new data directory"),
            new Startup(1, "push-service", 2.0, Double.NaN, 0, false, ""),
            new Startup(2, "product-service", 3.0, 6.0, 3, true, "existing data directory"),
            new Startup(3, "product-service", 4.0, 5.0, 2, false, "existing data directory"));

    List<StartupTable.Row> rows = StartupTable.rows(startups);

    assertThat(rows)
        .extracting(StartupTable.Row::service)
        .containsExactly("product-service", "push-service");
    StartupTable.Row products = rows.getFirst();
    assertThat(products.repetitions()).isEqualTo(3);
    assertThat(products.readyMedian()).isEqualTo(4.0);
    assertThat(products.readyMin()).isEqualTo(3.0);
    assertThat(products.readyMax()).isEqualTo(9.0);
    assertThat(products.warmupMedian()).isEqualTo(5.0);
    assertThat(products.steady()).isFalse();
    assertThat(products.notes()).isEqualTo("new data directory; existing data directory");
    assertThat(rows.get(1).warmupMedian()).isNaN();
    assertThat(rows.get(1).steady()).isTrue();
  }

  @Test
  void append_writesOneLinePerService_andNothingWithoutStartups() {
    var md = new StringBuilder();
    StartupTable.append(md, List.of());
    assertThat(md).isEmpty();

    StartupTable.append(md, List.of(new Startup(1, "search-service", 1.5, 2.25, 1, true, "")));

    assertThat(md.toString()).contains("| search-service | 1.50 (1.50–1.50) | 2.25 |  |");
  }
}
