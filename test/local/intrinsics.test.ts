import { IntrinsicError, resolveIntrinsics, type IntrinsicContext } from '../../infra/local/intrinsics';

const ctx: IntrinsicContext = {
  ref: (name) =>
    (({ 'AWS::Region': 'eu-west-2', 'AWS::NoValue': undefined, Table: 'items-table' }) as Record<string, unknown>)[
      name
    ],
  getAtt: (id, attribute) => `${id}#${attribute}`,
  condition: (name) => name === 'IsLocal',
};
const resolve = (value: unknown) => resolveIntrinsics(value, ctx);

describe('resolveIntrinsics', () => {
  it('resolves Ref and both forms of Fn::GetAtt', () => {
    expect(resolve({ Ref: 'Table' })).toBe('items-table');
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('Fn#Arn');
    expect(resolve({ 'Fn::GetAtt': 'Queue.QueueName' })).toBe('Queue#QueueName');
  });

  it('joins resolved parts, as CDK does for state machine definitions', () => {
    const definition = { 'Fn::Join': ['', ['{"Resource":"', { 'Fn::GetAtt': ['Validate', 'Arn'] }, '"}']] };
    expect(JSON.parse(resolve(definition) as string)).toEqual({ Resource: 'Validate#Arn' });
  });

  it('substitutes references, attributes, variables and escapes in Fn::Sub', () => {
    expect(resolve({ 'Fn::Sub': 'arn:${AWS::Region}:${Table}:${Fn.Arn}:${!Literal}' })).toBe(
      'arn:eu-west-2:items-table:Fn#Arn:${Literal}',
    );
    expect(resolve({ 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Table' } }] })).toBe('items-table-x');
  });

  it('supports Select, Split, If with conditions, and AWS::NoValue removal', () => {
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(resolve({ 'Fn::If': ['IsLocal', 'yes', 'no'] })).toBe('yes');
    expect(resolve({ A: { Ref: 'AWS::NoValue' }, B: [1, { Ref: 'AWS::NoValue' }] })).toEqual({ B: [1] });
    expect(resolve({ 'Fn::Equals': [{ Ref: 'Table' }, 'items-table'] })).toBe(true);
  });

  it('leaves ordinary objects with one key alone and names the path of unsupported functions', () => {
    expect(resolve({ Variables: { Ref2: 'x' } })).toEqual({ Variables: { Ref2: 'x' } });
    expect(() => resolveIntrinsics({ Env: { 'Fn::ImportValue': 'Shared' } }, ctx, 'Fn')).toThrow(
      new IntrinsicError('Fn.Env.Fn::ImportValue: Fn::ImportValue is not supported by the local runtime'),
    );
  });
});
