/**
 * CPU time a process has used, from /proc (Linux only), in all and per thread, so the benchmark
 * can report CPU per contact: on a shared machine throughput depends on the neighbours, CPU time
 * much less. The local system runs the handlers on its main thread and the emulators on their own.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second: 100 on every Linux this runs on (getconf CLK_TCK). */
const TICKS_PER_SECOND = 100;

export interface CpuSample {
  /** Milliseconds of user and system time, in all and per thread name. */
  total: number;
  threads: Record<string, number>;
}

/** utime + stime of one /proc stat file, and its command name. */
const readStat = (file: string): { name: string; ms: number } => {
  const stat = readFileSync(file, 'utf8');
  // The name is in parentheses and may hold spaces; the fields after it are numbered from 3.
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name, ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND };
};

/** Undefined where there is no /proc (not Linux) or the process has gone. */
export const sampleCpu = (pid: number): CpuSample | undefined => {
  try {
    const threads: Record<string, number> = {};
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const { name, ms } = readStat(`/proc/${pid}/task/${task}/stat`);
      // The main thread is named for the program; Node names worker threads, libuv and V8 threads.
      const label = task === String(pid) ? 'main' : name;
      threads[label] = (threads[label] ?? 0) + ms;
    }
    return { total: readStat(`/proc/${pid}/stat`).ms, threads };
  } catch {
    return undefined;
  }
};

/** CPU per item between two samples, in all and for the threads that used the most. */
export const cpuPerItem = (before: CpuSample, after: CpuSample, items: number): string => {
  const per = (ms: number) => `${(ms / items).toFixed(1)} ms`;
  const threads = Object.entries(after.threads)
    .map(([name, ms]) => [name, ms - (before.threads[name] ?? 0)] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${per(ms)}`);
  return `${per(after.total - before.total)} (${threads.join(', ')})`;
};
