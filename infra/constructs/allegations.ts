import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, Billing, TableEncryptionV2, TableV2, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ALLEGATION_STATUS_INDEX } from '../../shared/aws/dynamo-allegation-store';
import type { StageConfig } from '../config';
import { DataProtectionKey } from './data-protection-key';
import type { FrontDoorApi } from './front-door-api';
import { CAPACITY } from './capacity';
import { functionMaker, type FrontDoorFunction } from './front-door-function';

export interface AllegationsProps {
  config: StageConfig;
  contacts: ITable;
  /** The environment every Front Door function reads. */
  environment: Record<string, string>;
  mailing: (fn: FrontDoorFunction) => FrontDoorFunction;
  /** Lets a function read the area's match key, which keys the person index's hash. */
  matchKey: (fn: FrontDoorFunction) => FrontDoorFunction;
}

/**
 * The LADO's allegations pathway: its own table (apart from children's contacts, with its own
 * retention), the triage step that turns a notification about an adult into an allegation,
 * and the LADO's console pages, which only the `lado` group may use.
 */
export class Allegations extends Construct {
  readonly table: TableV2;
  readonly referAllegation: FrontDoorFunction;
  private readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: AllegationsProps) {
    super(scope, id);
    const { config } = props;
    const local = config.stage === 'local';
    this.table = new TableV2(this, 'Table', {
      encryption: TableEncryptionV2.customerManagedKey(DataProtectionKey.of(this)),
      deletionProtection: !local,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Kept until pension age or 10 years, whichever is longer; malicious allegations much sooner.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: local ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      globalSecondaryIndexes: [
        {
          indexName: ALLEGATION_STATUS_INDEX,
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        },
      ],
    });
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason:
        "The LADO's queue reads allegations by status through the allegations table's own index; the grant covers that table's indexes and no other.",
    });
    const { retention } = config.lado;
    this.environment = {
      ...props.environment,
      ALLEGATIONS_TABLE: this.table.tableName,
      LADO_PHONE: config.lado.phone,
      LADO_EMAIL: config.lado.email,
      ALLEGATION_RETENTION: `${retention.minimumYears},${retention.pensionAge},${retention.maliciousDays}`,
    };
    // The person-matching key is the area's match key, read by the one function here that hashes people.
    this.referAllegation = props.matchKey(
      props.mailing(
        functionMaker(this, { environment: this.environment })('ReferAllegation', {
          entry: 'functions/lado/refer-allegation.ts',
          description:
            'Triage step: a notification about an adult who works with children becomes an allegation for the LADO',
          // It sends the employer's and referrer's emails, so it shares the email steps' limit.
          reservedConcurrency: CAPACITY.emailStep,
        }),
      ),
    );
    this.table.grantReadWriteData(this.referAllegation);
    props.contacts.grantReadWriteData(this.referAllegation);
  }

  /** The LADO's pages in the console, with the console's own sign-in settings. */
  addConsole(api: FrontDoorApi, consoleEnvironment: Record<string, string>, contacts: ITable): void {
    const fn = functionMaker(this, {
      environment: { ...consoleEnvironment, ...this.environment },
      pages: true,
      timeout: Duration.seconds(15),
    });
    const queue = fn('AllegationQueue', {
      entry: 'functions/lado/queue.ts',
      description: 'LADO console: allegations with their clocks',
    });
    const allegation = fn('AllegationRecord', {
      entry: 'functions/lado/allegation.ts',
      description: 'LADO console: one allegation; consideration, meetings, actions and outcome',
    });
    this.table.grantReadData(queue);
    this.table.grantReadWriteData(allegation);
    // Linked contacts about the child are shown by reference and status only.
    contacts.grantReadData(allegation);
    const route = (method: HttpMethod, path: string, handler: FrontDoorFunction) =>
      api.addRoute({ method, path, handler, staffOnly: false });
    route(HttpMethod.GET, '/console/allegations', queue);
    route(HttpMethod.GET, '/console/allegations/{id}', allegation);
    route(HttpMethod.POST, '/console/allegations/{id}/{action}', allegation);
  }
}
