import { startScriptNodeFlags } from '../support/local-system';

/**
 * The systems the suites and the benchmark start run with `npm start`'s Node flags, read from
 * package.json: a flag dropped there on the way would go unnoticed in every figure.
 */
describe("npm start's Node flags", () => {
  it("are read from package.json's start script", () => {
    // Act
    const flags = startScriptNodeFlags();

    // Assess: AsyncLocalStorage on V8's continuation data (invocation-scope.ts says why), and a
    // young generation sized for a burst's garbage (README, *Bursts*).
    expect(flags).toEqual(['--experimental-async-context-frame', '--max-semi-space-size=64']);
  });
});
