import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { LOCAL_KEY_SECRET_ARN } from '../../shared/config';
import { DataProtectionKey } from './data-protection-key';
import type { FrontDoorFunction } from './front-door-function';

/**
 * The key of the keyed hash (HMAC) that stands for a source address in the rate-limit counters
 * (shared/web/rate-limit.ts): an unkeyed hash of an IPv4 address is reversed by hashing all four
 * billion. Its own secret, not the match key, because the functions that count requests are the
 * public ones (the form, the status page, the notification and batch APIs) and have no need of
 * the key that finds children again. Losing or replacing it costs nothing: a counter lasts one
 * window. The local stage uses a fixed key and no secret.
 */
export class RateLimitKey extends Construct {
  private readonly secret?: Secret;

  constructor(scope: Construct, id: string, props: { local: boolean }) {
    super(scope, id);
    if (props.local) return;
    this.secret = new Secret(this, 'Secret', {
      description: 'Key of the keyed hash of source addresses in rate-limit counters; may be replaced at any time',
      encryptionKey: DataProtectionKey.of(this),
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Counters keyed by it last one window (an hour at most), so a new key can be set by hand at any time; no rotation function is worth its upkeep.',
    });
  }

  /** Lets `fn` count requests: where the key is (`local-default` on the local stage), and read access. */
  grantRead = (fn: FrontDoorFunction): FrontDoorFunction => {
    fn.addEnvironment('RATE_LIMIT_KEY_SECRET_ARN', this.secret?.secretArn ?? LOCAL_KEY_SECRET_ARN);
    this.secret?.grantRead(fn);
    return fn;
  };
}
