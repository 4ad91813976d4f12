/**
 * Plain programs with no taskrt annotation and no pattern naming them: {@code UnmarkedProgramsIT}
 * runs each with and without the agent and compares what a user sees. Each prints in a fixed order
 * (latches and joins, not timing) and ends by itself within seconds.
 */
package itapps.unmarked;
