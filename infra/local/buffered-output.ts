/**
 * The local system's output, written out a few times a second instead of line by line.
 *
 * Every invocation logs a line or three (the runtime's `λ` line, the handlers' JSON logs, their
 * metrics), about eleven lines a contact. On Linux a write to a pipe or a file is synchronous, so
 * each line was a system call on the one event loop, and woke whatever reads the pipe: in a burst
 * the writes took about 4% of the handlers' thread (a CPU profile, 3,000 notifications).
 * Gathered for `intervalMs`, they leave in one write. Nothing is dropped and the order within a
 * stream is kept; what is held is written out when the process exits, even on an error.
 */
const DEFAULT_INTERVAL_MS = 25;
/** Beyond this much held, it goes out at once rather than waiting for the timer. */
const HOLD_AT_MOST_BYTES = 64 * 1024;

type Chunk = string | Uint8Array;
type WriteCallback = (error?: Error | null) => void;

export function bufferOutput(stream: NodeJS.WriteStream, intervalMs = DEFAULT_INTERVAL_MS): () => void {
  const write = stream.write;
  let held: Chunk[] = [];
  let heldBytes = 0;
  let callbacks: WriteCallback[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!held.length) return;
    const chunks = held;
    const waiting = callbacks;
    held = [];
    heldBytes = 0;
    callbacks = [];
    const text = chunks.every((chunk) => typeof chunk === 'string')
      ? chunks.join('')
      : Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
    const written: WriteCallback = (error) => {
      for (const callback of waiting) callback(error);
    };
    (write as (chunk: Chunk, callback: WriteCallback) => boolean).call(stream, text, written);
  };

  stream.write = ((chunk: Chunk, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback) => {
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const bytes = typeof chunk === 'string' && encoding && encoding !== 'utf8' ? Buffer.from(chunk, encoding) : chunk;
    held.push(bytes);
    heldBytes += bytes.length;
    if (done) callbacks.push(done);
    if (heldBytes >= HOLD_AT_MOST_BYTES) flush();
    else if (!timer) {
      timer = setTimeout(flush, intervalMs);
      // Held output never keeps the process alive: `exit` writes it.
      timer.unref();
    }
    return true;
  }) as typeof stream.write;
  process.on('exit', flush);

  return () => {
    flush();
    stream.write = write;
    process.off('exit', flush);
  };
}
