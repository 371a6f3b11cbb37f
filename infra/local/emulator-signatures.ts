/**
 * The local runtime's SDK requests to the in-process emulators carry a SigV4 Authorization header
 * of the right shape (algorithm, credential scope, signed headers, a signature of 64 hex digits)
 * whose signature is not computed. The emulators check the header's shape and read the region
 * from its scope, as `dynalite`, `fauxqs` and `aws-ses-v2-local` do, but none verifies a
 * signature, and none could: they hold no secret keys. Computing one (a SHA-256 of the body, of
 * the canonical request, an HMAC chain and header canonicalisation) was about 6% of the handlers'
 * thread in a CPU profile of a burst, for some twenty-five requests a contact, spent on nothing.
 *
 * Only requests that `sendSdkRequestsInProcess` carries are touched, and never S3's, whose signer
 * also sets the payload hash headers the S3 protocol reads. Requests to anything else, and every
 * request in AWS, are signed by the SDK as it always does: this is wired only by the local
 * runtime (`emulators.ts`), on the prototype because every client in the process uses one copy
 * of @smithy/signature-v4, whoever built it.
 */
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider, RequestSigningArguments } from '@smithy/types';
import { loopbackPort } from './sdk-in-process';

/** What of a signer this reads: its own providers, as its `sign` reads them. */
interface SignerInternals {
  service: string;
  regionProvider: Provider<string>;
  credentialProvider: Provider<AwsCredentialIdentity>;
}

/** A signature's place in the header: the emulators read its shape, never its value. */
export const PLACEHOLDER_SIGNATURE = '0'.repeat(64);

/**
 * From now on, requests to loopback on one of `emulatorPorts` get a placeholder signature; the
 * returned function puts the SDK's own signing back.
 */
export function placeholderSignaturesFor(emulatorPorts: number[]): () => void {
  const ports = new Set(emulatorPorts);
  const sign = SignatureV4.prototype.sign;
  SignatureV4.prototype.sign = async function (this: SignatureV4, toSign: unknown, options?: unknown) {
    const signing = (options ?? {}) as RequestSigningArguments;
    const signer = this as unknown as SignerInternals;
    const service = signing.signingService ?? signer.service;
    if (!HttpRequest.isInstance(toSign) || service === 's3' || !ports.has(loopbackPort(toSign)))
      return (sign as (this: SignatureV4, ...args: unknown[]) => Promise<unknown>).call(this, toSign, options);
    const credentials = await signer.credentialProvider();
    const region = signing.signingRegion ?? (await signer.regionProvider());
    const longDate = amzDate(signing.signingDate ?? new Date());
    const request = HttpRequest.clone(toSign);
    request.headers['x-amz-date'] = longDate;
    if (credentials.sessionToken) request.headers['x-amz-security-token'] = credentials.sessionToken;
    const scope = `${longDate.slice(0, 8)}/${region}/${service}/aws4_request`;
    request.headers.authorization =
      `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=host;x-amz-date, Signature=${PLACEHOLDER_SIGNATURE}`;
    return request;
  } as SignatureV4['sign'];
  return () => {
    SignatureV4.prototype.sign = sign;
  };
}

/** SigV4's date: ISO 8601 basic format, to the second, in UTC (20261202T045827Z). */
const amzDate = (date: Date | string | number): string =>
  new Date(date)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
