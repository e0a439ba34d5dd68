package dev.polyshop.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportNameTest {

  @Test
  void aSecondRunOnTheSameDay_getsTheNextFreeName_insteadOfOverwritingTheFirst(@TempDir Path dir)
      throws Exception {
    assertThat(SuiteCommand.unusedName(dir, "2026-12-02-vm")).isEqualTo("2026-12-02-vm");

    Files.writeString(dir.resolve("2026-12-02-vm.md"), "first");
    assertThat(SuiteCommand.unusedName(dir, "2026-12-02-vm")).isEqualTo("2026-12-02-vm-2");

    Files.writeString(dir.resolve("2026-12-02-vm-2.json"), "{}");
    assertThat(SuiteCommand.unusedName(dir, "2026-12-02-vm")).isEqualTo("2026-12-02-vm-3");
  }
}
