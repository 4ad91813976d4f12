package dev.taskrt.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A {@code @Spawn} method's {@code Chan} parameters belong to the new task from its spawn, so a
 * receiver never waits on a producer that ended, even failed, before its first send.
 */
class SpawnChanIT {
  @Test
  void aSpawnedMethodOwnsItsChanArgumentsFromTheStart() throws Exception {
    AgentJvm.Result run = AgentJvm.on(Jdk.CURRENT).run("itapps.SpawnChanApp").assertStatus(0);
    assertThat(run.out())
        .contains("failed producer: broken by no input")
        .contains("quiet producer: closed");
  }
}
