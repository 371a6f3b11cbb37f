/**
 * The dependency rules the codebase keeps (checked by `npm run lint:deps`, part of `npm test`):
 * no cycles, between files or between shared/ folders; handlers depend on shared use cases, never
 * the reverse; AWS adapters (shared/aws) implement ports and are wired only in composition roots
 * (each capability's dependencies.ts, the CDK app and ops tools, tests and benchmarks).
 *
 * shared/'s folders are layered. The domain's vocabulary at the bottom: notification (what is
 * referred), matching (the keyed hashes that find a child or household again), cases (open
 * cases), triage (levels, routes, recommendations), contacts (the contact record, its life cycle
 * and its store's ports). Then what pages, emails and the trail are made of: web, mail (with the
 * Mailer port), audit. Then the capabilities: referrer (what a referrer sees and proves),
 * handovers, lado, partners; front-door, the pipeline every channel feeds, acknowledges through
 * referrer and hands over through handovers; console, email-intake, meetings, consultations,
 * reporting and returns use the front door. A cycle is broken by moving the type or function to
 * the folder that owns its concept (a port lives with what it serves), never by a re-export or a
 * "common" folder.
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
      severity: 'error',
      comment: 'Capabilities (folders) depend one way too, in the layers above, so each can be read and moved as a unit.',
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
