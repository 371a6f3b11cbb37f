import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { STATUS_INDEX } from '../../shared/aws/dynamo-contact-store';

/** The contacts table (contacts and the child index) and the table that remembers sent emails. */
export class ContactTables extends Construct {
  readonly contacts: TableV2;
  readonly idempotency: TableV2;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.contacts = new TableV2(this, 'Contacts', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Only web form drafts carry it: contacts are kept, abandoned drafts of personal data are not.
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: props.removalPolicy,
      globalSecondaryIndexes: [
        {
          indexName: STATUS_INDEX,
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        },
      ],
    });
    this.idempotency = new TableV2(this, 'SentEmails', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: 'expiration',
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
