/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped"), which jest's own
 * summary does not spell that way.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
