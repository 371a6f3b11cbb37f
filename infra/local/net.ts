/** Loopback-only listening shared by every server the local runtime starts. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Nothing local is reachable from other machines: the system holds personal data. */
export const LOOPBACK = '127.0.0.1';

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
