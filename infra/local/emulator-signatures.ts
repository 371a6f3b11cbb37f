/**
 * The local runtime's SDK requests to the in-process emulators carry a SigV4 Authorization header
 * of the right shape (algorithm, credential scope, signed headers, a signature of 64 hex digits)
 * whose signature is not computed. dynalite checks the header's shape, fauxqs reads the region from
 * its scope and aws-ses-v2-local only that it names an AWS algorithm; none verifies a signature,
 * and none could: they hold no secret keys. Computing one (a SHA-256 of the body, of
 * the canonical request, an HMAC chain and header canonicalisation) was about 6% of the handlers'
 * thread in a CPU profile of a burst, for some twenty-five requests a contact, spent on nothing.
 *
 * Only requests that `sendSdkRequestsInProcess` carries are touched, and never S3's, whose signer
 * also sets the payload hash headers the S3 protocol reads. Requests to anything else, and every
 * request in AWS, are signed by the SDK as it always does: this is wired only by the local
 * runtime's in-process transport (`sendSdkRequestsInProcess`), on the prototype because every
 * client in the process uses one copy of @smithy/signature-v4, whoever built it.
 */
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, Provider, RequestSigningArguments } from '@smithy/types';
import { loopbackPort } from './net';

/** What of a signer this reads: its own providers, as its `sign` reads them. */
interface SignerInternals {
  service: string;
  regionProvider: Provider<string>;
  credentialProvider: Provider<AwsCredentialIdentity>;
}

/** A signature's place in the header: the emulators read its shape, never its value. */
export const PLACEHOLDER_SIGNATURE = '0'.repeat(64);

/** The ports given placeholders, counted per caller still wanting them; the patch is installed while any is. */
const placeholderPorts = new Map<number, number>();
let signing: SignatureV4['sign'] | undefined;

/**
 * From now on, requests to loopback on one of `emulatorPorts` get a placeholder signature; the
 * returned function takes those ports back, and once no caller wants any the SDK's own signing is
 * back, in whatever order callers undo.
 */
export function placeholderSignaturesFor(emulatorPorts: number[]): () => void {
  for (const port of emulatorPorts) placeholderPorts.set(port, (placeholderPorts.get(port) ?? 0) + 1);
  if (!signing) {
    signing = SignatureV4.prototype.sign;
    SignatureV4.prototype.sign = signWithPlaceholders(signing);
  }
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    for (const port of emulatorPorts) {
      const left = (placeholderPorts.get(port) ?? 1) - 1;
      if (left) placeholderPorts.set(port, left);
      else placeholderPorts.delete(port);
    }
    if (!placeholderPorts.size && signing) {
      SignatureV4.prototype.sign = signing;
      signing = undefined;
    }
  };
}

const signWithPlaceholders = (sign: SignatureV4['sign']): SignatureV4['sign'] =>
  async function (this: SignatureV4, toSign: unknown, options?: unknown) {
    const signingArguments = (options ?? {}) as RequestSigningArguments;
    const signer = this as unknown as SignerInternals;
    const service = signingArguments.signingService ?? signer.service;
    if (!HttpRequest.isInstance(toSign) || service === 's3' || !placeholderPorts.has(loopbackPort(toSign)))
      return (sign as (this: SignatureV4, ...args: unknown[]) => Promise<unknown>).call(this, toSign, options);
    const credentials = await signer.credentialProvider();
    const region = signingArguments.signingRegion ?? (await signer.regionProvider());
    const longDate = amzDate(signingArguments.signingDate ?? new Date());
    const request = HttpRequest.clone(toSign);
    request.headers['x-amz-date'] = longDate;
    if (credentials.sessionToken) request.headers['x-amz-security-token'] = credentials.sessionToken;
    const scope = `${longDate.slice(0, 8)}/${region}/${service}/aws4_request`;
    request.headers.authorization =
      `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, ` +
      `SignedHeaders=host;x-amz-date, Signature=${PLACEHOLDER_SIGNATURE}`;
    return request;
  } as SignatureV4['sign'];

/** SigV4's date: ISO 8601 basic format, to the second, in UTC (20261202T045827Z). */
const amzDate = (date: Date | string | number): string =>
  new Date(date)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
