import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The one customer-managed KMS key that encrypts everything holding children's data: tables,
 * queues, buckets, logs and state machine data. The council controls it, rotates it yearly,
 * and can revoke it; deleting the stack keeps it, because backups still need it.
 *
 * Every construct asks for the stack's key with `DataProtectionKey.of(this)`, so no resource
 * can be added without it by forgetting to pass it along.
 */
export class DataProtectionKey extends Construct {
  readonly key: Key;

  static of(scope: Construct): Key {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild('DataProtection') as DataProtectionKey | undefined;
    return (existing ?? new DataProtectionKey(stack, 'DataProtection')).key;
  }

  private constructor(scope: Stack, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Front Door: encrypts contacts, queues, emails, logs and triage state',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts log groups with the key only when the key policy lets it.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${scope.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${scope.partition}:logs:${scope.region}:${scope.account}:log-group:*`,
          },
        },
      }),
    );
    Validations.of(scope).acknowledge(
      ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `CDK's grants on encrypted tables and queues use ${action} (its variants are needed to encrypt and decrypt data keys), and only ever on this one key.`,
      })),
    );
  }
}
