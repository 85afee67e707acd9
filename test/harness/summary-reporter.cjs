// @ts-check
// Mocha's dot reporter, plus a {"passed", "failed"} summary in MOCHA_SUMMARY for `npm test` to add up.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Dot {
  /** @param {Mocha.Runner} runner @param {Mocha.MochaOptions} options */
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0 };
      const summary = { passed: stats.passes, failed: stats.failures };
      console.log(`unit: ${summary.passed} passed, ${summary.failed} failed`);
      if (process.env.MOCHA_SUMMARY) fs.writeFileSync(process.env.MOCHA_SUMMARY, JSON.stringify(summary));
    });
  }
}

module.exports = SummaryReporter;
