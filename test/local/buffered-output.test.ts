import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bufferOutput } from '../../infra/local/buffered-output';

/** The local system's output, gathered and written out a few times a second (infra/local/buffered-output.ts). */
const ROOT = resolve(__dirname, '..', '..');

/** A stream that records each write it is given, and answers its callback once written. */
const recordingStream = () => {
  const writes: string[] = [];
  const stream = {
    write: (chunk: string | Uint8Array, callback?: (error?: Error | null) => void) => {
      writes.push(Buffer.from(chunk).toString());
      setImmediate(() => callback?.());
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, writes };
};

describe('the local system’s buffered output', () => {
  it('writes the lines of one interval in one write, in the order they were written', async () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, 20);
    const written = jest.fn();

    // Act
    stream.write('λ one\n');
    stream.write(Buffer.from('λ two\n'));
    stream.write('λ three\n', 'utf8', written);
    const before = [...writes];
    await new Promise((settle) => setTimeout(settle, 60));
    restore();

    // Assess
    expect(before).toEqual([]);
    expect(writes).toEqual(['λ one\nλ two\nλ three\n']);
    expect(written).toHaveBeenCalledTimes(1);
  });

  it('writes what it holds at once once it holds 64 KB', () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, 60_000);

    // Act
    for (let line = 0; line < 700; line += 1) stream.write(`${'x'.repeat(99)}\n`);
    const whileHeld = writes.length;
    restore();

    // Assess
    expect(whileHeld).toBe(1);
    expect(writes.join('')).toBe(`${'x'.repeat(99)}\n`.repeat(700));
  });

  it('writes what it holds when undone, and writes straight through after', () => {
    // Prepare
    const { stream, writes } = recordingStream();
    const restore = bufferOutput(stream, 60_000);
    stream.write('held\n');

    // Act
    restore();
    stream.write('after\n');

    // Assess
    expect(writes).toEqual(['held\n', 'after\n']);
  });

  it('writes what it holds when the process exits, whatever the exit code', async () => {
    // Prepare
    const script = [
      "import { bufferOutput } from './infra/local/buffered-output';",
      'bufferOutput(process.stdout, 60_000);',
      "console.log('accepted');",
      "process.stdout.write('then stopped\\n');",
      'process.exit(3);',
    ].join('\n');

    // Act
    const outcome = await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['--eval', script], {
      cwd: ROOT,
    }).catch((error: { code: number; stdout: string }) => error);

    // Assess
    expect(outcome).toMatchObject({ code: 3, stdout: 'accepted\nthen stopped\n' });
  });
});
