/**
 * The dynalite the emulators benchmark measures, in a thread of its own as in the local system,
 * with or without this runtime's tuning; it reports this thread's CPU time when asked.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';
import { readLevelDbOnThisThread } from '../infra/local/leveldb-reads';
import { listen, LOOPBACK } from '../infra/local/net';

/** This thread's user and system time in milliseconds (/proc/thread-self, Linux). */
const threadCpuMs = (): number => {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const { dir, tuned } = workerData as { dir: string; tuned: boolean };
if (tuned) readLevelDbOnThisThread();
const server = dynalite({ path: dir, createTableMs: 0 });
void listen(server, 0).then((port) => {
  parentPort!.postMessage({ endpoint: `http://${LOOPBACK}:${port}` });
  parentPort!.on('message', (message: 'cpu' | 'stop') => {
    if (message === 'cpu') parentPort!.postMessage({ cpuMs: threadCpuMs() });
    else server.close(() => process.exit(0));
  });
});
