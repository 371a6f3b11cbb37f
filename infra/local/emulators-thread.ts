/**
 * The emulators' own thread (see `startEmulators`): starts them, reports their addresses, and
 * stops them when the main thread says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runEmulators, type EmulatorPorts, type EmulatorThreadMessage } from './emulators';

const { dataDir, ports } = workerData as { dataDir: string; ports: EmulatorPorts };
const say = (message: EmulatorThreadMessage) => parentPort!.postMessage(message);

runEmulators(dataDir, ports).then(
  ({ stop, ...started }) => {
    say({ started });
    parentPort!.once('message', () => {
      void stop().then(() => {
        say({ stopped: true });
        // Ends this thread only; idle keep-alive timers in the emulators would otherwise hold it open.
        process.exit(0);
      });
    });
  },
  (error: Error) => {
    say({ failed: error.message });
    process.exit(1);
  },
);
