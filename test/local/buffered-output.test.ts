import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bufferOutput } from '../../infra/local/buffered-output';

/** The local system's output, gathered and written out a few times a second (infra/local/buffered-output.ts). */
const ROOT = resolve(__dirname, '..', '..');

/** A stream that records each write it is given, and answers its callback once written. */
const recordingStream = (writes: string[] = [], label = '') => {
  const stream = {
    write: (chunk: string | Uint8Array, callback?: (error?: Error | null) => void) => {
      writes.push(`${label}${Buffer.from(chunk).toString()}`);
      setImmediate(() => callback?.());
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
};

/** Runs a script under the project's tsx and answers its exit code and standard output. */
const runScript = (lines: string[]) =>
  promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['--eval', lines.join('\n')], { cwd: ROOT }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('the local system’s buffered output', () => {
  it('writes what one interval gathered in one write, in order, on its own timer', async () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, { intervalMs: 20 });

    // Act
    stream.write('λ one\n');
    stream.write(Buffer.from('λ two\n'));
    const beforeTheTimer = [...writes];
    await new Promise((written) => stream.write('λ three\n', 'utf8', written));
    const byTheTimer = [...writes];
    restore();

    // Assess
    expect(beforeTheTimer).toEqual([]);
    expect(byTheTimer).toEqual(['λ one\nλ two\nλ three\n']);
  });

  it('writes what it holds at once once it holds 16 KB', () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, { intervalMs: 60_000 });

    // Act
    for (let line = 0; line < 200; line += 1) stream.write(`${'x'.repeat(99)}\n`);
    const whileHeld = [...writes];
    restore();

    // Assess
    expect(whileHeld).toEqual([`${'x'.repeat(99)}\n`.repeat(164)]);
    expect(writes.join('')).toBe(`${'x'.repeat(99)}\n`.repeat(200));
  });

  it('writes what standard output holds before anything written to standard error', () => {
    // Prepare
    const writes: string[] = [];
    const { stream } = recordingStream(writes, 'out: ');
    const { stream: errors } = recordingStream(writes, 'err: ');
    const restore = bufferOutput(stream, { intervalMs: 60_000, errors });

    // Act
    stream.write('λ Step ok\n');
    errors.write('λ Step failed\n');
    stream.write('λ Next ok\n');
    restore();
    errors.write('after\n');

    // Assess
    expect(writes).toEqual(['out: λ Step ok\n', 'err: λ Step failed\n', 'out: λ Next ok\n', 'err: after\n']);
  });

  it('writes what it holds when undone, and writes straight through after', () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, { intervalMs: 60_000 });
    stream.write('held\n');

    // Act
    restore();
    stream.write('after\n');

    // Assess
    expect(writes).toEqual(['held\n', 'after\n']);
  });

  it.each([
    {
      ending: 'process.exit, and what exit listeners write after',
      script: [
        "process.on('exit', () => console.log('said on exit'));",
        "console.log('accepted');",
        "process.stdout.write('then stopped\\n');",
        'process.exit(3);',
      ],
      outcome: { code: 3, stdout: 'accepted\nthen stopped\nsaid on exit\n' },
    },
    {
      ending: 'an uncaught error',
      script: ["console.log('accepted');", "setTimeout(() => { throw new Error('synthetic failure'); }, 1);"],
      outcome: { code: 1, stdout: 'accepted\n' },
    },
  ])('writes what it holds when the process ends by $ending', async ({ script, outcome }) => {
    // Prepare
    const lines = [
      "import { bufferOutput } from './infra/local/buffered-output';",
      'bufferOutput(process.stdout, { intervalMs: 60_000 });',
      ...script,
    ];

    // Act
    const ended = await runScript(lines);

    // Assess
    expect(ended).toEqual(outcome);
  });
});
