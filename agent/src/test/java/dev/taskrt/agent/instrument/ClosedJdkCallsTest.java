package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Which JDK calls run no code of the application's: taken when nothing passed in can carry the
 * application's objects, refused when something can, or when a name is looked up.
 */
class ClosedJdkCallsTest {
  @ParameterizedTest(name = "{0}.{1}{2} closed: {3}")
  @CsvSource({
    "java/lang/Math, max, (II)I, true",
    "java/lang/Integer, parseInt, (Ljava/lang/String;)I, true",
    "java/lang/Integer, getInteger, (Ljava/lang/String;)Ljava/lang/Integer;, false",
    "java/lang/String, substring, (II)Ljava/lang/String;, true",
    "java/lang/String, valueOf, (Ljava/lang/Object;)Ljava/lang/String;, false",
    "java/lang/String, getBytes, (Ljava/lang/String;)[B, false",
    "java/lang/String, <init>, ([BLjava/lang/String;)V, false",
    "java/lang/StringBuilder, append, (Ljava/lang/String;)Ljava/lang/StringBuilder;, true",
    "java/lang/StringBuilder, append, (Ljava/lang/Object;)Ljava/lang/StringBuilder;, false",
    "java/lang/StringBuilder, append, (Ljava/lang/CharSequence;)Ljava/lang/StringBuilder;, false",
    "java/lang/Object, <init>, ()V, true",
    "java/lang/Object, toString, ()Ljava/lang/String;, false",
    "java/lang/System, arraycopy, (Ljava/lang/Object;ILjava/lang/Object;II)V, true",
    "java/lang/System, getProperty, (Ljava/lang/String;)Ljava/lang/String;, false",
    "java/util/Objects, requireNonNull, (Ljava/lang/Object;)Ljava/lang/Object;, true",
    "java/util/Objects, equals, (Ljava/lang/Object;Ljava/lang/Object;)Z, false",
    "java/util/ArrayList, size, ()I, false"
  })
  void aCallIsClosedOnlyWhenItCanRunNothingOfTheApplications(
      String owner, String name, String desc, boolean closed) {
    int opcode = name.equals("<init>") ? Opcodes.INVOKESPECIAL : Opcodes.INVOKEVIRTUAL;
    assertThat(ClosedJdkCalls.contains(new MethodInsnNode(opcode, owner, name, desc, false)))
        .isEqualTo(closed);
  }
}
