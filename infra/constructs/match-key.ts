import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LOCAL_KEY_SECRET_ARN } from '../../shared/config';
import { DataProtectionKey } from './data-protection-key';
import type { FrontDoorFunction } from './front-door-function';

/**
 * The area's one match key: the key of every keyed hash (HMAC) that finds a person again without
 * holding who they are (children's and households' match keys, the case registry's child keys,
 * confirmed referrer addresses, the LADO's person key). A random secret, generated once and kept
 * if the stack is deleted; never rotated, since a new key stops every earlier record matching
 * until `front-door ops reindex` has rewritten the index. Only the functions that make match
 * keys may read it, once per cold start; it is never in a function's environment. The local
 * stage's synthetic data uses a fixed key and no secret.
 */
export class MatchKey extends Construct {
  private readonly secret?: Secret;

  constructor(scope: Construct, id: string, props: { local: boolean }) {
    super(scope, id);
    if (props.local) return;
    this.secret = new Secret(this, 'Secret', {
      description:
        'Key of the keyed hashes (HMAC) that match children, households, referrers and people; keep it unchanged',
      encryptionKey: DataProtectionKey.of(this),
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The LADO's person key was this secret before every match key shared it: the same logical id
    // keeps the deployed secret, and so every earlier allegation's key.
    (this.secret.node.defaultChild as CfnSecret).overrideLogicalId('AllegationsMatchKey486E2E55');
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret keys hashes stored with contacts and allegations for six to ten years or more; rotating it would stop earlier records matching.',
    });
    new CfnOutput(this, 'MatchKeySecretArn', {
      key: 'MatchKeySecretArn',
      value: this.secret.secretArn,
      description: 'The match key (Secrets Manager): front-door ops reindex and cases import read it',
    });
  }

  /** Lets `fn` make match keys: where the key is (`local-default` on the local stage), and read access. */
  grantRead = (fn: FrontDoorFunction): FrontDoorFunction => {
    fn.addEnvironment('MATCH_KEY_SECRET_ARN', this.secret?.secretArn ?? LOCAL_KEY_SECRET_ARN);
    this.secret?.grantRead(fn);
    return fn;
  };
}
