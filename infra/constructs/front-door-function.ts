import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CfnLogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join, relative } from 'node:path';
import { ASSET_FILES, type CopiedFiles, PAGE_FILES } from '../../shared/web/paths';
import { DataProtectionKey } from './data-protection-key';

const ROOT = join(__dirname, '..', '..');

export interface FrontDoorFunctionProps {
  /** The handler's source, relative to the repository root, e.g. functions/api/submit-notification.ts. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  /** Renders pages: the bundle then carries the page templates and GOV.UK Frontend's macros. */
  pages?: boolean;
  /** Serves GOV.UK Frontend's styles, script, fonts and images: the bundle carries those. */
  assets?: boolean;
  /** At most this many run at once (see capacity.ts); the local runtime honours it too. */
  reservedConcurrency?: number;
  /** MB; 512 unless the function holds more (the analytics extract builds Parquet files in memory). */
  memorySize?: number;
}

/** Copies the matching files with their folder layout; tar keeps it portable (no GNU `cp --parents`). */
export const copyCommand = (inputDir: string, outputDir: string, { dir, names }: CopiedFiles): string => {
  const match = names.map((name) => `-name '${name}'`).join(' -o ');
  return `mkdir -p "${outputDir}/${dir}" && (cd "${inputDir}/${dir}" && find . -type f \\( ${match} \\) | tar -cf - -T -) | (cd "${outputDir}/${dir}" && tar -xf -)`;
};

const copying = (files: CopiedFiles[]) => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => files.map((f) => copyCommand(inputDir, outputDir, f)),
});

/**
 * Every Front Door Lambda: Node.js 22 on Graviton, bundled with esbuild, logs kept for a month.
 * The `FrontDoor:Entry` metadata tells the local runtime which source file a function runs, so
 * the laptop and AWS run the same handler from the same template.
 */
export const FILES_METADATA = 'FrontDoor:Files';

/**
 * Left out of every bundle: the Lambda runtime provides the AWS SDK, and DuckDB (native) is loaded
 * only on the local analytics path, never in AWS, where Athena reads the facts.
 */
export const EXTERNAL_MODULES = ['@aws-sdk/*', '@duckdb/*'];

/**
 * How every function is bundled (`npm run bench` builds with the same). Source maps keep stack
 * traces in the logs readable (NODE_OPTIONS below), but without the sources inside them: that cut
 * a map from 2 MB to 0.6 MB and the cold start's cost of reading it by a third; a stack trace
 * needs only the mappings. `mainFields` is left alone: every package we bundle has an exports map.
 */
export const BUNDLING = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  externalModules: EXTERNAL_MODULES,
} satisfies BundlingOptions;

/** What a function carries beside its bundle. */
export const copiedFiles = (props: Pick<FrontDoorFunctionProps, 'pages' | 'assets'>): CopiedFiles[] => [
  ...(props.pages ? PAGE_FILES : []),
  ...(props.assets ? ASSET_FILES : []),
];

export class FrontDoorFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: FrontDoorFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      encryptionKey: DataProtectionKey.of(scope),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role instead of the managed basic execution role, which may write to any log group.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: join(ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(20),
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'front-door',
        POWERTOOLS_METRICS_NAMESPACE: 'FrontDoor',
        ...props.environment,
      },
      bundling: {
        ...BUNDLING,
        commandHooks: copiedFiles(props).length ? copying(copiedFiles(props)) : undefined,
      },
    });
    const cfn = this.node.defaultChild as CfnFunction;
    cfn.addMetadata('FrontDoor:Entry', relative(ROOT, join(ROOT, props.entry)));
    cfn.addMetadata('FrontDoor:Export', 'handler');
    // What the bundle carries beside its code, so `npm run bench` can weigh the same package.
    if (copiedFiles(props).length) cfn.addMetadata(FILES_METADATA, copiedFiles(props));
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to Node.js 22, the version the local runtime and the tests run (node@22), so both run the same platform; move them together.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(logGroup.node.defaultChild as CfnLogGroup)}.Arn>:*]`,
      reason:
        "Log streams are created at run time inside this function's own log group, so their names cannot be known in advance.",
    });
  }
}

/**
 * The one way a construct makes its functions: `const fn = functionMaker(this, { environment })`,
 * then `fn('Id', { entry, description, ... })` with named props. What is given here (the
 * construct's environment, a console's pages and timeout) applies to each of its functions; a
 * function's own props win, and its own environment is added to the shared one.
 */
export const functionMaker =
  (scope: Construct, shared: Partial<FrontDoorFunctionProps> = {}) =>
  (id: string, props: FrontDoorFunctionProps): FrontDoorFunction =>
    new FrontDoorFunction(scope, id, {
      ...shared,
      ...props,
      environment: { ...shared.environment, ...props.environment },
    });
