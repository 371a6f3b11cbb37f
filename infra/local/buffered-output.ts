/**
 * The local system's standard output, written out a few times a second instead of line by line.
 *
 * Every invocation logs a line or three (the runtime's `λ` line, the handlers' JSON logs, their
 * metrics), about eleven lines a contact, and each was its own write system call on the one event
 * loop (libuv tries a write at once, to a pipe as to a file) and woke whatever reads the output:
 * in a burst about 4% of the handlers' thread (a CPU profile, 3,000 notifications). Gathered for
 * `intervalMs`, they leave in one write.
 *
 * Nothing is dropped while the process runs, and the order of the lines is kept: a write to
 * standard error (warnings, errors, Node's own reports) first writes out what standard output
 * holds. What is held when the process exits, by `process.exit` or an uncaught error, is written
 * then; a kill (SIGKILL) or a fatal crash loses at most the last `intervalMs` of it.
 */
const DEFAULT_INTERVAL_MS = 25;
/** Beyond this much held it goes out at once: well within a pipe's 64 KB, so an exit's last write fits. */
const HOLD_AT_MOST = 16 * 1024;

type Chunk = string | Uint8Array;
type WriteCallback = (error?: Error | null) => void;
type Write = (chunk: Chunk, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback) => boolean;

export interface BufferOptions {
  intervalMs?: number;
  /** A stream (standard error) whose every write first writes out what `stream` holds. */
  errors?: NodeJS.WriteStream;
}

/** Holds what is written to `stream` for `intervalMs`; returns a function that writes it out and undoes this. */
export function bufferOutput(
  stream: NodeJS.WriteStream,
  { intervalMs = DEFAULT_INTERVAL_MS, errors }: BufferOptions = {},
): () => void {
  const write = stream.write as Write;
  const writeError = errors?.write as Write | undefined;
  let held: Chunk[] = [];
  /** Characters and bytes together: a bound on what is held, not its exact size. */
  let heldSize = 0;
  let callbacks: WriteCallback[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!held.length) return;
    const chunks = held;
    const waiting = callbacks;
    held = [];
    heldSize = 0;
    callbacks = [];
    const text = chunks.every((chunk) => typeof chunk === 'string')
      ? chunks.join('')
      : Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
    write.call(stream, text, (error?: Error | null) => {
      for (const callback of waiting) callback(error);
    });
  };

  stream.write = ((chunk: Chunk, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback) => {
    const encoding = typeof encodingOrCallback === 'string' ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const kept = typeof chunk === 'string' && encoding && encoding !== 'utf8' ? Buffer.from(chunk, encoding) : chunk;
    held.push(kept);
    heldSize += typeof kept === 'string' ? kept.length : kept.byteLength;
    if (done) callbacks.push(done);
    if (heldSize >= HOLD_AT_MOST) flush();
    else if (!timer) {
      timer = setTimeout(flush, intervalMs);
      // Held output never keeps the process alive: `exit` writes it.
      timer.unref();
    }
    return true;
  }) as typeof stream.write;
  if (errors && writeError)
    errors.write = ((...args: Parameters<Write>) => {
      flush();
      return writeError.apply(errors, args);
    }) as typeof errors.write;

  const restore = () => {
    flush();
    stream.write = write as typeof stream.write;
    if (errors && writeError) errors.write = writeError as typeof errors.write;
    process.off('exit', restore);
  };
  // Written at exit, and written straight through from then on, for `exit` listeners that log.
  process.on('exit', restore);
  return restore;
}
