/**
 * The local runtime's SDK requests to the emulators go over a MessagePort to the emulators'
 * thread instead of loopback HTTP; everything else the SDK sends (and every other process's
 * clients, which still reach the emulators on their ports) is untouched.
 *
 * Why: a CPU profile of a burst (`bench:pipeline`) spent about 17% of the handlers' thread on the
 * loopback hop alone (writev, which on loopback runs the whole TCP receive path in the sender's
 * call, Node's HTTP client, agent and streams, the SDK's HTTP handler) and more of the emulators'
 * thread parsing HTTP, for some thirty requests a contact. The handlers and their adapters stay
 * exactly as they run in AWS, with their own clients and middleware (signing, retries,
 * deserialising): only the last step, the SDK's HTTP handler, is swapped, and only here. It is
 * swapped on `NodeHttpHandler`'s prototype because every client in the process uses that one
 * class (one copy of @smithy/node-http-handler), whoever built it and with whatever options.
 */
import { Readable } from 'node:stream';
import { types } from 'node:util';
import type { MessagePort } from 'node:worker_threads';
import { buildQueryString, type HttpRequest, HttpResponse } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { EmulatorAnswer, EmulatorRequest, EmulatorResponse } from './emulator-messages';
import { placeholderSignaturesFor } from './emulator-signatures';
import { loopbackPort } from './net';

type Handle = NodeHttpHandler['handle'];
type HandlerOptions = Parameters<Handle>[1];

/** What of the handler's configuration governs how long a request may take. */
interface TimeoutConfig {
  requestTimeout?: number;
  throwOnRequestTimeout?: boolean;
  socketTimeout?: number;
  defaultSocketTimeout?: number;
  logger?: { warn?: (message: string) => void };
}

/** Node's http client gives these an empty body no Content-Length; other methods say 0. */
const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);
/** The codes the SDK's own handler reports as timeouts, so its retries treat them alike. */
const TIMEOUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/**
 * From now on, SDK requests in this process to loopback on one of `emulatorPorts` go over `port`
 * (answered by `answerEmulatorRequests` in the emulators' thread), with a placeholder signature
 * (`emulator-signatures.ts`). The returned function puts the SDK's own handler and signing back
 * and fails whatever is still waiting.
 */
export function sendSdkRequestsInProcess(port: MessagePort, emulatorPorts: number[]): () => void {
  const channel = new EmulatorChannel(port);
  const ports = new Set(emulatorPorts);
  const backToSigning = placeholderSignaturesFor(emulatorPorts);
  const overHttp = NodeHttpHandler.prototype.handle;
  NodeHttpHandler.prototype.handle = async function (this: NodeHttpHandler, request, options) {
    const emulator = loopbackPort(request);
    if (!ports.has(emulator)) return overHttp.call(this, request, options);
    return { response: await channel.send(await emulatorRequest(request, emulator), options, await configOf(this)) };
  } satisfies Handle;
  return () => {
    backToSigning();
    NodeHttpHandler.prototype.handle = overHttp;
    channel.close();
  };
}

/** The handler's resolved configuration, as its own `handle` reads it. */
async function configOf(handler: NodeHttpHandler): Promise<TimeoutConfig> {
  const internals = handler as unknown as { config?: TimeoutConfig; configProvider: Promise<TimeoutConfig> };
  return internals.config ?? (await internals.configProvider);
}

/** The request as Node's http client would put it on the wire, body as bytes. */
export async function emulatorRequest(request: HttpRequest, port: number): Promise<Omit<EmulatorRequest, 'id'>> {
  const query = request.query ? buildQueryString(request.query) : '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const key = name.toLowerCase();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  headers.host ??= port === 80 ? request.hostname : `${request.hostname}:${port}`;
  const streamed = request.body instanceof Readable;
  const body = await bytesOf(request.body);
  if (!('content-length' in headers) && !('transfer-encoding' in headers)) {
    if (streamed) headers['transfer-encoding'] = 'chunked';
    else if (body.byteLength || !METHODS_WITHOUT_BODY.has(request.method))
      headers['content-length'] = String(body.byteLength);
  }
  return {
    port,
    method: request.method,
    url: `${request.path}${query ? `?${query}` : ''}${request.fragment ? `#${request.fragment}` : ''}`,
    headers,
    body,
  };
}

/** A body the SDK may give (text, bytes or a stream), as a copy the port can transfer. */
async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null || body === '') return new Uint8Array(0);
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return new Uint8Array(Buffer.concat(chunks));
  }
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  return new Uint8Array(Buffer.from(body as ArrayBuffer));
}

/** The SDK's view of an emulator's answer: what its own handler makes of an HTTP response. */
export function sdkResponse(answer: Omit<EmulatorResponse, 'id'>): HttpResponse {
  const body = new Readable({ read() {} });
  const { body: bytes } = answer;
  if (bytes.byteLength) body.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  body.push(null);
  return new HttpResponse({
    statusCode: answer.statusCode || -1,
    reason: answer.statusMessage,
    headers: answer.headers,
    body,
  });
}

/** Requests in flight over the port, each settled by its answer, its abort signal or its timeout. */
class EmulatorChannel {
  private lastId = 0;
  private readonly waiting = new Map<number, (answer: EmulatorAnswer) => void>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (answer: EmulatorAnswer) => this.waiting.get(answer.id)?.(answer));
    // The emulators' thread has gone (stopped or crashed): what waits will never be answered.
    port.once('close', () => this.failAll('The emulators have stopped'));
    // The emulators' thread keeps the process alive while it runs; the port need not.
    port.unref();
  }

  send(request: Omit<EmulatorRequest, 'id'>, options: HandlerOptions, config: TimeoutConfig): Promise<HttpResponse> {
    const signal = options?.abortSignal as SdkAbortSignal | undefined;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const id = ++this.lastId;
    return new Promise<HttpResponse>((resolve, reject) => {
      const timers: NodeJS.Timeout[] = [];
      const onAbort = () => settle(() => reject(abortError(signal)));
      const settle = (outcome: () => void) => {
        if (!this.waiting.delete(id)) return;
        for (const timer of timers) clearTimeout(timer);
        signal?.removeEventListener?.('abort', onAbort);
        outcome();
      };
      this.waiting.set(id, (answer) =>
        settle(() => ('error' in answer ? reject(transportError(answer.error)) : resolve(sdkResponse(answer)))),
      );
      // An abandoned request is not called off in the emulator, which finishes it unheard, as a
      // server does when a client hangs up mid-request (none of these watch for the hang-up; a
      // long poll ends on its own). The SDK still accepts its older signal, with only `onabort`.
      if (signal?.addEventListener) signal.addEventListener('abort', onAbort, { once: true });
      else if (signal) signal.onabort = onAbort;
      timers.push(...this.timeouts(config, options?.requestTimeout, (error) => settle(() => reject(error))));
      this.port.postMessage({ id, ...request } satisfies EmulatorRequest, [request.body.buffer as ArrayBuffer]);
    });
  }

  /**
   * The SDK handler's limits, as it applies them: past `requestTimeout` it fails only if told to
   * (`throwOnRequestTimeout`) and otherwise warns; past the socket timeout (the client's or the
   * service's default) it fails, a response here being one message, never half-received.
   */
  private timeouts(config: TimeoutConfig, requestTimeout: number | undefined, fail: (error: Error) => void) {
    const timers: NodeJS.Timeout[] = [];
    const requestLimit = requestTimeout ?? config.requestTimeout;
    if (requestLimit)
      timers.push(
        setTimeout(() => {
          const message = `a request has exceeded the configured ${requestLimit} ms requestTimeout.`;
          if (config.throwOnRequestTimeout) fail(timeoutError(message, 'ETIMEDOUT'));
          else (config.logger ?? console).warn?.(`in-process emulator request: ${message}`);
        }, requestLimit),
      );
    const socketLimit = config.socketTimeout ?? config.defaultSocketTimeout;
    if (socketLimit && Number.isFinite(socketLimit))
      timers.push(
        setTimeout(() => fail(timeoutError(`no answer after ${socketLimit} ms of inactivity.`)), socketLimit),
      );
    for (const timer of timers) timer.unref();
    return timers;
  }

  private failAll(message: string): void {
    for (const answer of [...this.waiting.values()]) answer({ id: 0, error: { message, code: 'ECONNRESET' } });
  }

  close(): void {
    this.failAll('The in-process transport was closed');
    this.port.close();
  }
}

/** An abort signal as the SDK passes it: a standard one, or its older kind with only `onabort`. */
type SdkAbortSignal = Partial<Pick<AbortSignal, 'addEventListener' | 'removeEventListener'>> & {
  aborted: boolean;
  reason?: unknown;
  onabort: unknown;
};

/** As the SDK's handler names it: an AbortError carrying the signal's reason. */
function abortError(signal: SdkAbortSignal | undefined): Error {
  const reason = signal?.reason;
  const isError = reason instanceof Error || types.isNativeError(reason);
  const error = new Error(reason && !isError ? String(reason) : 'Request aborted');
  error.name = 'AbortError';
  if (isError) error.cause = reason;
  return error;
}

const timeoutError = (message: string, code?: string) =>
  Object.assign(new Error(`in-process emulator request: ${message}`), { name: 'TimeoutError', code });

/** A dropped request reads as a dropped connection: a reset is a timeout to the SDK's retries. */
const transportError = ({ message, code }: { message: string; code: string }) =>
  Object.assign(new Error(message), { code }, TIMEOUT_CODES.has(code) ? { name: 'TimeoutError' } : {});
