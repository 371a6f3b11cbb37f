/**
 * Each invocation's own scope in the one process that runs every handler: its request id and its
 * function's environment, as Lambda gives each function its own process (and Lambda Managed
 * Instances, which run invocations of a function side by side, give each its own request scope).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';

type Scope = Record<string | symbol, unknown>;
const ENVIRONMENT = Symbol('front-door.local.environment');

/**
 * The store Lambda's Node.js runtime keeps on `globalThis.awslambda.InvokeStore` when a process
 * runs invocations concurrently, which Powertools' logger, metrics and batch processor read when
 * AWS_LAMBDA_MAX_CONCURRENCY is set: their per-invocation state (the Lambda context whose
 * function_name and request id each log line carries, a batch's failures, metrics to flush) is
 * then the invocation's own instead of whichever invocation started last. Written here rather than
 * taken from the package's factory, which is asynchronous and keeps the first store anyone asks for:
 * the SDK asks on its first request and would get a single-invocation store.
 */
class LocalInvokeStore extends InvokeStoreBase {
  readonly scopes = new AsyncLocalStorage<Scope>();
  getContext(): Scope | undefined {
    return this.scopes.getStore();
  }
  hasContext(): boolean {
    return this.scopes.getStore() !== undefined;
  }
  get<T>(key: string | symbol): T | undefined {
    return this.scopes.getStore()?.[key] as T | undefined;
  }
  set<T>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const scope = this.scopes.getStore();
    if (!scope) throw new Error('No invocation is running');
    scope[key] = value;
  }
  run<T>(context: Scope, fn: () => T): T {
    return this.scopes.run(context, fn);
  }
}

let store: LocalInvokeStore | undefined;

/**
 * Powertools asks for this at every read or write of its per-invocation state (a batch's records
 * and failures, the logger's context) and keeps that state in the InvokeStore only when it is
 * set. Asked outside any invocation's scope, it is unset: the state then goes to the processor's
 * own fields while the response is read from the scope, and a failed record would be reported
 * done and its message deleted. Only handlers' code asks (the runtime itself uses no Powertools),
 * so an ask outside a scope means a continuation lost its invocation: said once, loudly.
 */
const PER_INVOCATION_STATE = 'AWS_LAMBDA_MAX_CONCURRENCY';
let lostScopeNoticed = false;
const noticeLostScope = () => {
  if (lostScopeNoticed) return;
  lostScopeNoticed = true;
  const where = new Error().stack
    ?.split('\n')
    .slice(3, 7)
    .map((line) => line.trim())
    .join(' < ');
  console.log(`! ${PER_INVOCATION_STATE} was read outside any invocation's scope (${where})`);
};

/**
 * Installs the store and makes `process.env` read the running invocation's own environment, once
 * per process. Outside an invocation (the runtime itself, start-up) it is the process's own.
 *
 * Why a view of process.env rather than configuration passed in: handlers, Powertools and the SDK
 * read process.env wherever they are, as they may in Lambda; a view lets every one of them see
 * the function's variables and no other function's (a variable only some functions have in AWS,
 * such as the match key's secret, is missing locally too), with nothing in the handlers aware of it.
 * A read costs a property lookup on the scope; an invocation costs one AsyncLocalStorage scope.
 *
 * `npm start` runs Node with `--experimental-async-context-frame` (the default from Node 24), so
 * that scope rides on V8's own continuation data. Without it, AsyncLocalStorage keeps it with
 * promise hooks, run for every promise any handler or the SDK makes: in intake's CPU profile about
 * 5% of the handlers' thread, more in the microtask queue and the garbage, and without the flag
 * intake answered 0.7x as many requests a second (README, *Bursts*).
 */
function installed(): LocalInvokeStore {
  if (store) return store;
  const scopes = new LocalInvokeStore();
  const processEnv = process.env;
  const own = (): Record<string, string> | undefined => scopes.scopes.getStore()?.[ENVIRONMENT] as never;
  const layer = (name: string | symbol) => {
    const env = own();
    return typeof name === 'string' && env && Object.hasOwn(env, name) ? env : processEnv;
  };
  process.env = new Proxy(processEnv, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined;
      const from = layer(name);
      if (name === PER_INVOCATION_STATE && from === processEnv) noticeLostScope();
      return from[name];
    },
    // A handler's writes stay with its function, as they would in its own process.
    set: (_, name, value) => {
      if (typeof name !== 'string') return false;
      (own() ?? processEnv)[name] = String(value);
      return true;
    },
    deleteProperty: (_, name) => (typeof name === 'string' ? delete layer(name)[name] : true),
    has: (_, name) => typeof name === 'string' && name in layer(name),
    ownKeys: () => [...new Set([...Object.keys(processEnv), ...Object.keys(own() ?? {})])],
    getOwnPropertyDescriptor: (_, name) => {
      if (typeof name !== 'string' || !(name in layer(name))) return undefined;
      return { value: layer(name)[name], writable: true, enumerable: true, configurable: true };
    },
  });
  (globalThis.awslambda ??= {} as typeof globalThis.awslambda).InvokeStore = scopes;
  return (store = scopes);
}

/**
 * What a function sees in its environment beside the process's own: its template variables, the
 * names Lambda sets (Powertools' idempotency keys start with AWS_LAMBDA_FUNCTION_NAME), and
 * AWS_LAMBDA_MAX_CONCURRENCY, which turns on Powertools' per-invocation state.
 */
export const functionEnvironment = (
  fn: { name: string; memoryMb: number; environment: Record<string, string> },
  maxConcurrency: number,
): Record<string, string> => ({
  ...fn.environment,
  AWS_LAMBDA_FUNCTION_NAME: fn.name,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
  AWS_LAMBDA_MAX_CONCURRENCY: String(maxConcurrency),
});

/**
 * Runs `work` (an invocation, or the load of a handler's module, whose top level reads its
 * environment too) as `fn` with `environment`, and with `requestId` when it is an invocation.
 */
export const inScope = <T>(environment: Record<string, string>, requestId: string | undefined, work: () => T): T =>
  installed().run(
    { [ENVIRONMENT]: environment, ...(requestId && { [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }) },
    work,
  );
