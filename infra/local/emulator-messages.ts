/**
 * What the handlers' thread and the emulators' thread say to each other over their MessagePort
 * when an SDK request goes to an emulator without a socket (`sdk-in-process.ts` sends,
 * `socketless-http.ts` answers): an HTTP request and its response as plain data, bodies as bytes.
 */

export interface EmulatorRequest {
  /** Pairs the answer with its request: many are in flight at once. */
  id: number;
  /** The loopback port the emulator listens on: it names the server, as the socket would. */
  port: number;
  method: string;
  /** Path and query string, as on an HTTP request line. */
  url: string;
  /** Lower-case names, as Node gives a server. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface EmulatorResponse {
  id: number;
  statusCode: number;
  statusMessage: string;
  /** Lower-case names; a header sent more than once is joined with commas, as the SDK's own handler does. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The emulator could not answer (no server on that port, or it dropped the request). */
export interface EmulatorFailure {
  id: number;
  error: { message: string; code: string };
}

export type EmulatorAnswer = EmulatorResponse | EmulatorFailure;
