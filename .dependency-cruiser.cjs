/**
 * The dependency rules the codebase keeps (checked by `npm run lint:deps`, part of `npm test`):
 * no cycles; handlers depend on shared use cases, never the reverse; AWS adapters (shared/aws)
 * implement ports and are wired only in composition roots (each capability's dependencies.ts,
 * the CDK app and ops tools, tests and benchmarks).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood or changed apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      // Reported, not yet failing: front-door, console, referrer, contacts, triage and cases still
      // lean on one another; see the README's "what remains".
      severity: 'warn',
      comment: 'Capabilities (folders) depend one way too, so each can be read and moved as a unit.',
      scope: 'folder',
      from: { path: '^shared/' },
      to: { circular: true },
    },
    {
      name: 'shared-depends-on-nothing-outside',
      severity: 'error',
      comment: 'shared/ holds the domain and its ports; handlers, infrastructure and tests build on it.',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra|test|bench|bin)/' },
    },
    {
      name: 'functions-do-not-reach-infra',
      severity: 'error',
      comment: 'Handlers run in Lambda; the CDK app and the local runtime are not deployed with them.',
      from: { path: '^functions/' },
      to: { path: '^(infra|test|bench)/' },
    },
    {
      name: 'aws-adapters-only-in-composition-roots',
      severity: 'error',
      comment: 'Use cases see ports; only composition roots choose the AWS adapter behind them.',
      from: {
        path: '^(functions|shared)/',
        pathNot: ['^shared/aws/', '^functions/.+/dependencies\\.ts$'],
      },
      to: { path: '^shared/aws/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.data)/' },
  },
};
