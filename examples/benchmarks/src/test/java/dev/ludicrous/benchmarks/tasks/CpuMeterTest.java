package dev.ludicrous.benchmarks.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void redisCpuIsItsOwnSystemAndUserTimeWithoutItsChildren() {
        String info = "# CPU\r\nused_cpu_sys:1.500000\r\nused_cpu_user:2.250000\r\nused_cpu_sys_children:9.000000\r\n"
                + "used_cpu_user_children:9.000000\r\nused_cpu_sys_main_thread:1.400000\r\n";

        assertThat(CpuMeter.redisCpuSeconds(info)).isCloseTo(3.75, within(1e-9));
    }
}
