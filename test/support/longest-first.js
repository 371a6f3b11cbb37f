/**
 * Starts the longest test files first, so neither worker is left running a two-minute file alone
 * at the end of `npm test`. Jest does this itself from the durations it cached on an earlier run,
 * but a fresh clone has no such cache: jest then orders by file size, which would start the CDK
 * CLI test (a short file that bundles every function, about 100 s) among the last. So a file jest
 * has no duration for takes the one recorded here (seconds, from a quiet full run on 2 cores;
 * refresh them from a run's "PASS ... (N s)" lines when the order drifts), and a file not recorded
 * takes a typical duration for its kind: starting a local system or a browser costs far more than
 * a unit test.
 */
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const RECORDED = require('./test-durations.json');

const TYPICAL = { browser: 30, integration: 20, unit: 1 };

class LongestFirst extends Sequencer {
  time(test) {
    return (
      super.time(test) ??
      RECORDED[relative(test.context.config.rootDir, test.path)] ??
      TYPICAL[test.context.config.displayName?.name] ??
      1
    );
  }
}

module.exports = LongestFirst;
