package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskrt.Kernel;
import dev.taskrt.Tasks;
import dev.taskrt.junit.TaskrtExtension;
import dev.taskrt.junit.TaskrtOptions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TaskrtExtension.class)
@TaskrtOptions("stackLimit=256k")
class OrderServiceTest {
  private final OrderService orders = new OrderService();

  @Test
  void confirmsEachOrderInATaskOfItsOwn() throws Exception {
    assertEquals("OrderServiceTest.confirmsEachOrderInATaskOfItsOwn", Tasks.current().name());

    assertEquals(
        "A-17 confirmed by task OrderService.confirm"
            + " for OrderServiceTest.confirmsEachOrderInATaskOfItsOwn",
        orders.confirm("A-17").get());
  }

  @Test
  void theAgentRunsWithTheOptionsOfTheTestClass() {
    assertEquals(Optional.of("256k"), Kernel.config("stackLimit"));
  }
}
