/**
 * The table of DESIGN §7's budgets that {@code ./taskrt bench [quick|full]} prints: the rows and
 * their budgets ({@link dev.taskrt.bench.table.BudgetRows}), the results file the measuring steps
 * append to ({@link dev.taskrt.bench.table.ResultsFile}), the estimate of a ratio or a difference
 * with its 95% interval over rounds ({@link dev.taskrt.bench.table.Estimate}), and the table
 * itself, in the terminal and as Markdown ({@link dev.taskrt.bench.table.BudgetTable}). Called by
 * {@code scripts/bench.sh} and by this module's tests; nothing here is taskrt's API.
 */
package dev.taskrt.bench.table;
