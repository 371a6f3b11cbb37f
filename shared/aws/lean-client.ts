/**
 * The adapters' hot AWS SDK clients (DynamoDB, SQS, Step Functions, SES) without two costs the
 * SDK pays on every request for nothing here. A CPU profile of a burst found the SDK taking over
 * a third of the handlers' time; `npx tsx bench/sdk-clients.bench.ts` measures what these save.
 *
 * - Its logger middleware. The clients keep the SDK's default logger, which discards everything,
 *   yet the middleware still copies each request's input and each response's output through the
 *   operation's schema (to hide sensitive fields from that logger) before handing them to it.
 *   Nothing else reads the logger middleware's output; errors still reach the caller.
 * - A new SigV4 signer per request. With no signer configured, the SDK builds one for every
 *   request from a copy of the whole client configuration. What it builds it from is fixed once
 *   the first request has resolved it (the region and the service's signing name), and the signer
 *   asks the client's own credential provider for credentials at every signature, so one signer
 *   per client signs every request exactly as a fresh one would, refreshed credentials included.
 * - Spreading a slow configuration. The SDK copies the client's whole configuration (about 50
 *   properties) with object spread three times a request: to resolve the endpoint, to serialise
 *   and to deserialise. It builds that configuration with Object.assign, and V8 keeps an object
 *   grown that way in dictionary mode, where each spread took about 17 µs against 1.7 µs once
 *   the same object has fast properties (`withFastProperties`).
 *
 * Not for S3, whose signer depends on the bucket (S3 Express, multi-region access points).
 */
interface SdkClient {
  middlewareStack: { remove(name: string): boolean };
  config: object;
}

type SignerProvider = (authScheme?: unknown) => Promise<unknown>;

export function leanClient<C extends SdkClient>(client: C): C {
  client.middlewareStack.remove('loggerMiddleware');
  const config = client.config as { signer?: SignerProvider };
  const makeSigner = config.signer;
  if (makeSigner) {
    let signer: Promise<unknown> | undefined;
    config.signer = (authScheme) => {
      if (!signer) {
        signer = makeSigner(authScheme);
        // One that failed to build (no region resolved) is built afresh next time, as before.
        signer.catch(() => {
          signer = undefined;
        });
      }
      return signer;
    };
  }
  withFastProperties(client.config);
  return client;
}

/**
 * Asks V8 to give `object` fast properties, in place. V8 does so for an object that serves as a
 * prototype once property reads go through it (the technique of Bluebird's toFastProperties), and
 * a function's reads get the inline caches that do it only after a few calls, hence the loop.
 * Nothing observable changes: the object keeps its identity, properties and prototype, and the
 * heir is dropped. Were a later V8 to stop doing this, only the saving would be lost.
 */
function withFastProperties(object: object): void {
  const heir = Object.create(object) as { absent?: unknown };
  const read = () => heir.absent;
  for (let call = 0; call < 16; call += 1) read();
}
