/**
 * The most a function's bundled code may weigh: the deployable synth test
 * (test/infra/cdk-cli.test.ts) checks it and `npm run bench` flags it. A file of its own, so that
 * test need not load aws-cdk-lib to read it.
 */
export const BUNDLE_BUDGET_KB = 500;

/**
 * The analytics extract is over it: @dsnp/parquetjs is CommonJS and brings thrift with every
 * transport (ws, q) and bson, which esbuild cannot leave out. It runs once a day, so its cold
 * start costs nothing anyone waits for.
 */
export const BUNDLE_BUDGET_EXCEPTIONS_KB: Record<string, number> = { 'functions/analytics/extract-facts.ts': 750 };
