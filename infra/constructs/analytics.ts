import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FACT_TABLES, type ColumnType } from '../../shared/reporting/schema';
import { DataProtectionKey } from './data-protection-key';
import type { FrontDoorApi } from './front-door-api';
import { functionMaker, type FrontDoorFunction } from './front-door-function';

export interface AnalyticsProps {
  stage: string;
  api: FrontDoorApi;
  contacts: ITable;
  /** The LADO's allegations, read by the extract alone for the LADO timeliness measures. */
  allegations: ITable;
  /** The console's environment (sign-in settings included), for the performance page. */
  consoleEnvironment: Record<string, string>;
}

const GLUE_TYPES: Record<ColumnType, string> = { string: 'string', int: 'int', boolean: 'boolean' };
/** The local stage's key for the facts' hashes: the local system holds only synthetic people. */
const LOCAL_ANALYTICS_KEY = 'front-door local analytics key (synthetic data only)';

/**
 * The board's measures at any scale (issue 14): a scheduled extract turns every contact into
 * pseudonymised facts, written as Parquet to a KMS-encrypted bucket and catalogued in Glue; the
 * performance page asks Athena, in a workgroup whose results are KMS-encrypted too, with the same
 * SQL that DuckDB runs over a local directory on a laptop. Nothing here reads the live table but
 * the extract.
 */
export class Analytics extends Construct {
  constructor(scope: Construct, id: string, props: AnalyticsProps) {
    super(scope, id);
    const key = DataProtectionKey.of(this);
    const local = props.stage === 'local';

    const bucket = new Bucket(this, 'Facts', {
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Each extract writes a whole snapshot and the Glue tables move to it; old ones go after a week.
      lifecycleRules: [
        { prefix: 'snapshots/', expiration: Duration.days(7) },
        { prefix: 'athena-results/', expiration: Duration.days(1) },
      ],
      removalPolicy: local ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'S3 cannot deliver server access logs to a bucket encrypted with a customer-managed key, and every bucket here uses the stack key. Only the extract writes snapshots and only Athena (for the performance page) reads them; object-level audit is CloudTrail data events, an account-wide setting.',
    });

    const databaseName = `front_door_${props.stage.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_analytics`;
    const database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: databaseName,
        description: 'Front Door: pseudonymised contact facts for the board measures',
      },
    });
    for (const [name, table] of Object.entries(FACT_TABLES)) {
      new CfnTable(this, `Table${table.folder}`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName,
        tableInput: {
          name,
          tableType: 'EXTERNAL_TABLE',
          parameters: { classification: 'parquet', EXTERNAL: 'TRUE' },
          storageDescriptor: {
            columns: Object.entries(table.columns).map(([column, type]) => ({ name: column, type: GLUE_TYPES[type] })),
            // The extract points the table at each snapshot it publishes; until the first, at none.
            location: `s3://${bucket.bucketName}/snapshots/none/${table.folder}/`,
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          },
        },
      }).addResourceDependency(database);
    }

    const workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `front-door-${props.stage}-analytics`,
      description: 'Front Door: the board measures over the contact facts',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A runaway query stops at 10 GB: the facts of a regional hub over six years are far less.
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${bucket.bucketName}/athena-results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
        },
      },
    });

    // `front-door report board --stack` finds the facts by these outputs, as the ops commands find their tables.
    new CfnOutput(this, 'WorkGroupName', { key: 'AnalyticsWorkGroupName', value: workGroup.name });
    new CfnOutput(this, 'DatabaseName', { key: 'AnalyticsDatabaseName', value: databaseName });

    const stack = Stack.of(this);
    const catalogArn = (resource: string) => stack.formatArn({ service: 'glue', resource });
    const glueResources = [
      catalogArn('catalog'),
      catalogArn(`database/${databaseName}`),
      ...Object.keys(FACT_TABLES).map((t) => catalogArn(`table/${databaseName}/${t}`)),
    ];
    const where = local
      ? { ANALYTICS_KEY: LOCAL_ANALYTICS_KEY }
      : (() => {
          // Made by CloudFormation and never seen by anyone: without it a hash cannot be traced back by guessing.
          const secret = new Secret(this, 'Key', {
            description: 'Front Door: the key of the analytics facts’ child and contact hashes',
            encryptionKey: key,
            generateSecretString: { passwordLength: 48, excludePunctuation: true },
            removalPolicy: RemovalPolicy.RETAIN,
          });
          Validations.of(secret).acknowledge({
            id: 'AwsSolutions-SMG4',
            reason:
              'Rotating by hand is safe at any time: every extract recomputes all facts with the current key, so a new key only changes the hashes of the next snapshot, consistently.',
          });
          return { secret };
        })();
    const facts = { FACTS_BUCKET: bucket.bucketName, GLUE_DATABASE: databaseName, ATHENA_WORKGROUP: workGroup.name };
    const secretEnvironment = 'secret' in where ? { ANALYTICS_KEY_SECRET_ARN: where.secret.secretArn } : where;

    const fn = functionMaker(this, { environment: props.consoleEnvironment });
    const extract = fn('ExtractFacts', {
      entry: 'functions/analytics/extract-facts.ts',
      description: "Writes every contact's pseudonymised facts as a Parquet snapshot for the board measures",
      environment: { ...facts, ...secretEnvironment, ALLEGATIONS_TABLE: props.allegations.tableName },
      timeout: Duration.minutes(15),
      memorySize: 2048,
    });
    props.contacts.grantReadData(extract);
    // The allegations are only scanned (no index), under the stack key they are encrypted with.
    extract.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:Scan'], resources: [props.allegations.tableArn] }),
    );
    extract.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects('snapshots/*')] }),
    );
    key.grant(extract, 'kms:GenerateDataKey', 'kms:Decrypt');
    extract.addToRolePolicy(
      new PolicyStatement({ actions: ['glue:GetTable', 'glue:UpdateTable'], resources: glueResources }),
    );
    if ('secret' in where) where.secret.grantRead(extract);
    new Rule(this, 'ExtractFactsSchedule', {
      description: 'Extracts the contact facts for the board measures, once a day',
      schedule: Schedule.rate(Duration.days(1)),
      targets: [new LambdaFunction(extract)],
    });

    const performance = fn('Performance', {
      entry: 'functions/console/performance.ts',
      description: 'Console: the board measures (performance page), from Athena',
      environment: facts,
      pages: true,
      timeout: Duration.seconds(29),
    });
    // Read only: the session revocations every console route checks. The page reads no contact.
    props.contacts.grantReadData(performance);
    // Athena reads the snapshot and writes and reads the results as the page's role, under the stack key.
    performance.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('snapshots/*')] }),
    );
    performance.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [bucket.arnForObjects('athena-results/*')],
      }),
    );
    key.grant(performance, 'kms:Decrypt', 'kms:GenerateDataKey');
    performance.addToRolePolicy(
      new PolicyStatement({
        actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
        resources: [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: workGroup.name })],
      }),
    );
    performance.addToRolePolicy(
      new PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
        resources: glueResources,
      }),
    );
    performance.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [bucket.bucketArn] }),
    );
    props.api.addRoute({
      method: HttpMethod.GET,
      path: '/console/performance',
      handler: performance,
      staffOnly: false,
    });

    const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
    const acknowledge = (fn: FrontDoorFunction, prefix: string) =>
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Objects under the facts bucket's own ${prefix} prefix, whose keys are made at run time for each snapshot or query.`,
      });
    acknowledge(extract, 'snapshots/');
    acknowledge(performance, 'snapshots/');
    acknowledge(performance, 'athena-results/');
  }
}
