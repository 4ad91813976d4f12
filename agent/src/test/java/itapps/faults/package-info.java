/**
 * Programs that meet a fault inside taskrt's reach (a throwing listener, a throwing context
 * carrier, a scheduler that refuses, memory running out in a task); {@code FaultsIT} runs each
 * under the agent and checks its output, exit status and recording.
 */
package itapps.faults;
