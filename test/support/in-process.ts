import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { sendSdkRequestsInProcess } from '../../infra/local/sdk-in-process';
import { answerEmulatorRequests } from '../../infra/local/socketless-http';

/**
 * From now on this test file's SDK requests to `server` (listening on loopback) reach it as the
 * local runtime's handlers reach the emulators: over a MessagePort to its request listener, with
 * no socket (infra/local/sdk-in-process.ts), and signed with a placeholder signature
 * (infra/local/emulator-signatures.ts). So the contract suites on dynalite and the mailbox
 * hold the adapters to the emulators through the transport the local system uses; the server
 * keeps its port for anything else. Jest gives each test file its own copy of the SDK's handler,
 * so this ends with the file.
 */
export function reachInProcess(server: Server): void {
  const { port } = server.address() as AddressInfo;
  const { port1, port2 } = new MessageChannel();
  answerEmulatorRequests(port2, () => (server.listening ? server : undefined));
  sendSdkRequestsInProcess(port1, [port]);
  // Neither end keeps the test's worker alive once the file is done.
  port2.unref();
}
