/** Loopback-only listening shared by every server the local runtime starts. */
import type { Server } from 'node:http';
import { type AddressInfo, Server as NetServer } from 'node:net';

/** Nothing local is reachable from other machines: the system holds personal data. */
export const LOOPBACK = '127.0.0.1';

/** The port a plain-HTTP request to this machine goes to; NaN for any other request. */
export const loopbackPort = (request: { protocol?: string; hostname: string; port?: number }): number =>
  request.protocol === 'http:' &&
  (request.hostname === LOOPBACK || request.hostname === 'localhost' || request.hostname.endsWith('.localhost'))
    ? Number(request.port)
    : Number.NaN;

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    // Idle keep-alive sockets from SDK clients would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/**
 * Makes every server this thread starts with a listen options object (as fastify, and so fauxqs,
 * does) listen on loopback. Why: fauxqs listens on 0.0.0.0 whatever it is given (its `host`
 * option names the host in its queue URLs, not the address it binds), which put the queues, with
 * their contacts' ids, on every network the machine is on. Only for the emulators' thread, where
 * nothing should listen elsewhere.
 */
export function keepListeningOnLoopback(): void {
  const listen = NetServer.prototype.listen;
  NetServer.prototype.listen = function (this: NetServer, ...args: unknown[]) {
    const [options] = args;
    if (typeof options === 'object' && options !== null && 'port' in options) args[0] = { ...options, host: LOOPBACK };
    return listen.apply(this, args as Parameters<typeof listen>);
  } as typeof listen;
}
