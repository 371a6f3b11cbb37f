import { CfnOutput, type RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';

/**
 * The case registry: what the case management system says about children's open cases, one item
 * per hashed child key. Its own table, because it outlives any contact: a case is open or closed
 * whether or not anyone has sent a notification about the child.
 */
export class CaseRegistryTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy; deletionProtection: boolean }) {
    super(scope, id);
    this.table = new TableV2(this, 'Cases', {
      encryption: TableEncryptionV2.customerManagedKey(DataProtectionKey.of(this)),
      deletionProtection: props.deletionProtection,
      partitionKey: { name: 'childKey', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy,
    });
    // `front-door cases import` finds the table by this output, locally and on AWS.
    new CfnOutput(this, 'CaseRegistryTableName', { key: 'CaseRegistryTableName', value: this.table.tableName });
  }
}
