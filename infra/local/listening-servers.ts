/**
 * The HTTP servers listening in this thread, by port: the emulators' thread answers in-process
 * requests from the server on the port a request names (`socketless-http.ts`). Found through
 * Node's `net.server.listen` diagnostics channel rather than from each emulator, because fauxqs
 * does not expose its server (its `startFauxqs` returns only the port).
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts watching; servers that start listening afterwards are found by the returned function. */
export function watchListeningServers(): (port: number) => Server | undefined {
  const byPort = new Map<number, Server>();
  tracingChannel<'net.server.listen', { server: unknown }>('net.server.listen').subscribe({
    start() {},
    end() {},
    asyncStart({ server }) {
      if (!(server instanceof Server)) return;
      server.once('listening', () => {
        const { port } = server.address() as AddressInfo;
        byPort.set(port, server);
        server.once('close', () => byPort.delete(port));
      });
    },
    asyncEnd() {},
    error() {},
  });
  return (port) => byPort.get(port);
}
