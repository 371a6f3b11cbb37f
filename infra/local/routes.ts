/**
 * API Gateway HTTP API route selection, kept pure for unit tests. API Gateway
 * picks the most specific match: literal path segments beat `{param}`
 * segments, any non-greedy route beats a `{proxy+}` route, a longer greedy
 * prefix beats a shorter one, a named method beats ANY, and `$default` only
 * catches what nothing else matched.
 */

export interface Route<T> {
  routeKey: string;
  target: T;
}

export interface RouteMatch<T> {
  route: Route<T>;
  pathParameters: Record<string, string>;
}

interface CompiledRoute<T> {
  route: Route<T>;
  method: string;
  segments: string[];
  greedy: boolean;
}

export class RouteTable<T> {
  private readonly compiled: CompiledRoute<T>[];
  private readonly fallback: Route<T> | undefined;

  constructor(routes: Route<T>[]) {
    this.fallback = routes.find((r) => r.routeKey === '$default');
    this.compiled = routes.filter((r) => r !== this.fallback).map(compile);
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const requestSegments = splitPath(path);
    let best: { match: RouteMatch<T>; rank: number[] } | undefined;
    for (const candidate of this.compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method.toUpperCase()) continue;
      const pathParameters = matchSegments(candidate, requestSegments);
      if (!pathParameters) continue;
      const rank = rankOf(candidate);
      if (!best || compareRanks(rank, best.rank) > 0)
        best = { match: { route: candidate.route, pathParameters }, rank };
    }
    if (best) return best.match;
    return this.fallback && { route: this.fallback, pathParameters: {} };
  }
}

function compile<T>(route: Route<T>): CompiledRoute<T> {
  const match = /^([A-Z]+) (\/.*)$/.exec(route.routeKey);
  if (!match) throw new Error(`Unsupported route key "${route.routeKey}"`);
  const segments = splitPath(match[2]!);
  const greedy = segments.length > 0 && /^\{[^}]+\+\}$/.test(segments[segments.length - 1]!);
  return { route, method: match[1]!, segments, greedy };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments<T>(route: CompiledRoute<T>, request: string[]): Record<string, string> | undefined {
  const fixed = route.greedy ? route.segments.slice(0, -1) : route.segments;
  if (route.greedy ? request.length <= fixed.length : request.length !== fixed.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < fixed.length; i++) {
    const pattern = fixed[i]!;
    const value = request[i]!;
    const param = /^\{([^}]+)\}$/.exec(pattern);
    if (param) params[param[1]!] = safeDecode(value);
    else if (pattern !== value) return undefined;
  }
  if (route.greedy) {
    const name = route.segments[route.segments.length - 1]!.slice(1, -2);
    params[name] = request.slice(fixed.length).map(safeDecode).join('/');
  }
  return params;
}

/** Higher is more specific; compared lexicographically. */
function rankOf<T>(route: CompiledRoute<T>): number[] {
  const fixed = route.greedy ? route.segments.slice(0, -1) : route.segments;
  return [
    route.greedy ? 0 : 1,
    fixed.length,
    ...fixed.map((segment) => (segment.startsWith('{') ? 0 : 1)),
    route.method === 'ANY' ? 0 : 1,
  ];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
