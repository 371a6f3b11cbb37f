/**
 * Hands an HTTP request to a server's request listener without a socket, and collects its answer:
 * the emulators' side of the in-process transport (`sdk-in-process.ts` has the why). The listener
 * gets a real `IncomingMessage` and `ServerResponse`, as from a connection, so dynalite's plain
 * listener, fauxqs's fastify and the mailbox's express all answer as they do over the network.
 *
 * Not light-my-request's `inject`: for an express app it rewires the prototypes of express's
 * request and response to its own for good, which breaks the same app's real HTTP (the mailbox
 * page, other processes' clients); and passed a plain listener, express's own rewiring drops the
 * fake request's body. A real IncomingMessage survives express's rewiring, as on a real request.
 */
import { IncomingMessage, type Server, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import type { EmulatorAnswer, EmulatorRequest } from './emulator-messages';
import { LOOPBACK } from './net';

/** Answers each request that arrives on `port` from the server listening on the port it names. */
export function answerEmulatorRequests(port: MessagePort, serverOn: (port: number) => Server | undefined): void {
  port.on('message', (request: EmulatorRequest) => {
    const server = serverOn(request.port);
    const answered = server
      ? exchange(server, request)
      : Promise.reject(failure('ECONNREFUSED', `Nothing listens on ${LOOPBACK}:${request.port} in this thread`));
    answered.then(
      (answer) => port.postMessage(answer, [answer.body.buffer as ArrayBuffer]),
      (error: Error & { code?: string }) =>
        port.postMessage({
          id: request.id,
          error: { message: error.message, code: error.code ?? 'ECONNRESET' },
        } satisfies EmulatorAnswer),
    );
  });
}

/** One request through `server`'s request listeners, as if it had come from a connection. */
export function exchange(server: Server, request: EmulatorRequest): Promise<EmulatorAnswer & { body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const socket = loopbackSocket();
    const req = incomingMessage(socket, request);
    const res = new ServerResponse(req);
    // writeHead(status, headers) records headers where getHeaders() finds them only once one has
    // been set before (Node's "progressive" path); fastify passes them all to writeHead.
    res.setHeader('x-socketless', '');
    res.removeHeader('x-socketless');
    res.assignSocket(socket as never);
    const chunks = capture(res);
    res.once('finish', () => {
      // Like a client, no body for HEAD, 204 or 304 (Node drops it from the wire the same way).
      const body = (res as unknown as { _hasBody: boolean })._hasBody ? Buffer.concat(chunks) : Buffer.alloc(0);
      resolve({
        id: request.id,
        statusCode: res.statusCode,
        statusMessage: res.statusMessage,
        headers: headerValues(res.getHeaders()),
        // An exact copy, so the bytes can be transferred without taking Buffer's shared pool with them.
        body: new Uint8Array(body),
      });
      // As a server does after each response: done with the socket, and 'close' for whoever waits on it.
      res.detachSocket(socket as never);
      process.nextTick(() => res.emit('close'));
    });
    res.once('close', () => reject(failure('ECONNRESET', 'socket hang up')));
    try {
      server.emit('request', req, res);
    } catch (error) {
      // Over a socket this would be an uncaught exception in the emulator; here the caller hears of it.
      reject(failure('ECONNRESET', `The emulator failed on the request: ${(error as Error).message}`));
    }
  });
}

/** Where a response's writes land: nowhere, as the body is collected before it (see `capture`). */
const loopbackSocket = () => {
  const socket = new Duplex({
    read() {},
    write(_chunk, _encoding, done) {
      done();
    },
  });
  // What servers read of a connection: where it came from, and a timeout they may set.
  return Object.assign(socket, {
    remoteAddress: LOOPBACK,
    remoteFamily: 'IPv4',
    remotePort: 0,
    encrypted: false,
    setTimeout: () => socket,
    setNoDelay: () => socket,
    setKeepAlive: () => socket,
  });
};

function incomingMessage(socket: Duplex, request: EmulatorRequest): IncomingMessage {
  const req = new IncomingMessage(socket as never);
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.method = request.method;
  req.url = request.url;
  req.headers = request.headers;
  req.rawHeaders = Object.entries(request.headers).flat();
  if (request.body.byteLength)
    req.push(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
  req.push(null);
  req.complete = true;
  return req;
}

/** Keeps what the listener writes (write and end each write the wire on their own). */
function capture(res: ServerResponse): Buffer[] {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array),
    );
  };
  const { write, end } = res;
  // Own properties, so they survive express giving the response its own prototype.
  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, done?: unknown) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding as BufferEncoding, done as () => void);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, done?: unknown) {
    if (!this.writableEnded) keep(chunk, encoding);
    return end.call(this, chunk, encoding as BufferEncoding, done as () => void);
  } as ServerResponse['end'];
  return chunks;
}

/** Header values as a client sees them: text, a repeated header joined with commas. */
const headerValues = (headers: ReturnType<ServerResponse['getHeaders']>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)]),
  );

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });
