/**
 * Resolves CloudFormation intrinsic functions against a caller-supplied view of
 * the "deployed" resources. Kept free of any emulator knowledge so it can be
 * unit-tested and reused by both the long-running system and `invoke.ts`.
 */

export interface IntrinsicContext {
  /** Value of `Ref` for a logical id, parameter or pseudo parameter. */
  ref(name: string): unknown;
  /** Value of `Fn::GetAtt` for a logical id and attribute. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** Evaluated template condition, for `Fn::If`. */
  condition(name: string): boolean;
}

export class IntrinsicError extends Error {
  override name = 'IntrinsicError';
}

type Json = unknown;

export function resolveIntrinsics(value: Json, ctx: IntrinsicContext, path = '$'): Json {
  // `Ref: AWS::NoValue` resolves to undefined, which removes the enclosing item or property.
  if (Array.isArray(value)) {
    return value.map((item, i) => resolveIntrinsics(item, ctx, `${path}[${i}]`)).filter((item) => item !== undefined);
  }
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value as Record<string, Json>);
  if (entries.length === 1) {
    const [key, arg] = entries[0]!;
    if (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')) {
      return resolveFunction(key, arg, ctx, path);
    }
  }
  const out: Record<string, Json> = {};
  for (const [key, child] of entries) {
    const resolved = resolveIntrinsics(child, ctx, `${path}.${key}`);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}

function resolveFunction(fn: string, rawArg: Json, ctx: IntrinsicContext, path: string): Json {
  const here = `${path}.${fn}`;
  switch (fn) {
    case 'Ref':
      return ctx.ref(expectString(rawArg, here));
    case 'Condition':
      return ctx.condition(expectString(rawArg, here));
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(rawArg)
        ? [expectString(rawArg[0], here), expectString(resolveIntrinsics(rawArg[1], ctx, here), here)]
        : splitOnce(expectString(rawArg, here), '.', here);
      return ctx.getAtt(logicalId, attribute);
    }
    case 'Fn::Join': {
      const [delimiter, items] = expectArray(rawArg, 2, here);
      const parts = expectArray(resolveIntrinsics(items, ctx, here), undefined, here);
      return parts.map((p) => scalarToString(p, here)).join(expectString(delimiter, here));
    }
    case 'Fn::Sub':
      return resolveSub(rawArg, ctx, here);
    case 'Fn::Select': {
      const [index, list] = expectArray(rawArg, 2, here);
      const items = expectArray(resolveIntrinsics(list, ctx, here), undefined, here);
      const i = Number(resolveIntrinsics(index, ctx, here));
      if (!Number.isInteger(i) || i < 0 || i >= items.length)
        throw new IntrinsicError(`${here}: index ${i} out of range`);
      return items[i];
    }
    case 'Fn::Split': {
      const [delimiter, source] = expectArray(rawArg, 2, here);
      return expectString(resolveIntrinsics(source, ctx, here), here).split(expectString(delimiter, here));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = expectArray(rawArg, 3, here);
      const branch = ctx.condition(expectString(condition, here)) ? whenTrue : whenFalse;
      return resolveIntrinsics(branch, ctx, here);
    }
    case 'Fn::Equals': {
      const [a, b] = expectArray(resolveIntrinsics(rawArg, ctx, here), 2, here);
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::Not':
      return !expectArray(resolveIntrinsics(rawArg, ctx, here), 1, here)[0];
    case 'Fn::And':
      return expectArray(resolveIntrinsics(rawArg, ctx, here), undefined, here).every(Boolean);
    case 'Fn::Or':
      return expectArray(resolveIntrinsics(rawArg, ctx, here), undefined, here).some(Boolean);
    case 'Fn::Base64':
      return Buffer.from(expectString(resolveIntrinsics(rawArg, ctx, here), here)).toString('base64');
    case 'Fn::GetAZs': {
      const region = String(ctx.ref('AWS::Region'));
      return ['a', 'b', 'c'].map((suffix) => `${region}${suffix}`);
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveIntrinsics(rawArg, ctx, here));
    default:
      throw new IntrinsicError(`${here}: ${fn} is not supported by the local runtime`);
  }
}

function resolveSub(rawArg: Json, ctx: IntrinsicContext, path: string): string {
  const [template, variables] = Array.isArray(rawArg) ? expectArray(rawArg, 2, path) : [rawArg, {}];
  const vars = resolveIntrinsics(variables, ctx, path) as Record<string, Json>;
  return expectString(template, path).replace(/\$\{([^}]*)\}/g, (_match, expr: string) => {
    // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
    if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
    const name = expr.trim();
    if (name in vars) return scalarToString(vars[name], path);
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [logicalId, attribute] = splitOnce(name, '.', path);
      return scalarToString(ctx.getAtt(logicalId, attribute), path);
    }
    return scalarToString(ctx.ref(name), path);
  });
}

function splitOnce(value: string, separator: string, path: string): [string, string] {
  const at = value.indexOf(separator);
  if (at <= 0) throw new IntrinsicError(`${path}: expected "LogicalId${separator}Attribute", got "${value}"`);
  return [value.slice(0, at), value.slice(at + 1)];
}

function expectString(value: Json, path: string): string {
  if (typeof value !== 'string') throw new IntrinsicError(`${path}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function expectArray(value: Json, length: number | undefined, path: string): Json[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new IntrinsicError(`${path}: expected an array${length ? ` of ${length}` : ''}`);
  }
  return value;
}

function scalarToString(value: Json, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new IntrinsicError(`${path}: cannot join non-scalar value ${JSON.stringify(value)}`);
}
