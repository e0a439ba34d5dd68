package dev.polyshop.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmHeapTest {

  @Test
  void usedBytes_serial_sumsBothGenerations_notTheirSpacesOrMetaspace() {
    String info =
        """
        23755:
        DefNew     total 116160K, used 16543K [0x0000000687400000, 0x000000068f200000)
         eden space 103296K,  16% used [0x0000000687400000, 0x0000000688427e88)
         from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000)
        Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000)
         the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8)
         Metaspace       used 1204K, committed 1344K, reserved 1114112K
          class space    used 97K, committed 192K, reserved 1048576K
        """;

    assertThat(JvmHeap.usedBytes(info)).isEqualTo((16_543L + 1_166L) * 1024);
  }

  @Test
  void usedBytes_g1_readsTheHeapLine() {
    String info =
        """
        24007:
        garbage-first heap   total reserved 6172672K, committed 393216K, used 9358K [0x0, 0x1)
         region size 4096K, 2 young (8192K), 0 survivors (0K)
         Metaspace       used 1204K, committed 1344K, reserved 1114112K
        """;

    assertThat(JvmHeap.usedBytes(info)).isEqualTo(9_358L * 1024);
  }
}
