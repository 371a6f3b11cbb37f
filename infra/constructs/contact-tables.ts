import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { DataProtectionKey } from './data-protection-key';
import { RECONSIDERATION_INDEX, STATUS_INDEX, UNSETTLED_INDEX } from '../../shared/aws/dynamo-contact-store';

/** The contacts table (contacts and the child index) and the table that remembers sent emails. */
export class ContactTables extends Construct {
  readonly contacts: TableV2;
  readonly idempotency: TableV2;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy; deletionProtection: boolean }) {
    super(scope, id);
    const encryption = TableEncryptionV2.customerManagedKey(DataProtectionKey.of(this));
    this.contacts = new TableV2(this, 'Contacts', {
      encryption,
      deletionProtection: props.deletionProtection,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Contacts and their index and audit items expire after the configured retention period;
      // abandoned web form drafts much sooner.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: props.removalPolicy,
      globalSecondaryIndexes: [
        {
          indexName: STATUS_INDEX,
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        },
        {
          indexName: RECONSIDERATION_INDEX,
          partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
        },
        // Sparse: only contacts whose triage has not finished or whose acknowledgement is pending,
        // what the stall sweeper reads every few minutes (see DynamoContactStore.listUnsettled).
        {
          indexName: UNSETTLED_INDEX,
          partitionKey: { name: 'gsi3pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi3sk', type: AttributeType.STRING },
        },
      ],
    });
    this.idempotency = new TableV2(this, 'SentEmails', {
      encryption,
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnOutput(this, 'ContactsTableName', { key: 'ContactsTableName', value: this.contacts.tableName });
  }
}
