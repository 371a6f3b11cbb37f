import { RouteTable } from '../../infra/local/routes';

const table = (...keys: string[]) => new RouteTable(keys.map((routeKey) => ({ routeKey, target: routeKey })));
const chosen = (routes: RouteTable<string>, method: string, path: string) => routes.match(method, path)?.route.target;

describe('RouteTable', () => {
  const routes = table(
    'GET /api/contacts/{id}',
    'GET /api/contacts/search',
    'POST /api/notifications',
    'ANY /api/notifications',
    'ANY /api/{proxy+}',
    'ANY /{proxy+}',
    '$default',
  );

  it('extracts path parameters, decoded', () => {
    expect(routes.match('GET', '/api/contacts/c%201')).toEqual({
      route: { routeKey: 'GET /api/contacts/{id}', target: 'GET /api/contacts/{id}' },
      pathParameters: { id: 'c 1' },
    });
  });

  it('prefers literal segments, then named methods, then the longest greedy prefix', () => {
    expect(chosen(routes, 'GET', '/api/contacts/search')).toBe('GET /api/contacts/search');
    expect(chosen(routes, 'POST', '/api/notifications')).toBe('POST /api/notifications');
    expect(chosen(routes, 'DELETE', '/api/notifications')).toBe('ANY /api/notifications');
    expect(chosen(routes, 'GET', '/api/other/thing')).toBe('ANY /api/{proxy+}');
    expect(routes.match('GET', '/api/other/thing')?.pathParameters).toEqual({ proxy: 'other/thing' });
    expect(chosen(routes, 'GET', '/elsewhere')).toBe('ANY /{proxy+}');
  });

  it('falls back to $default, or to nothing when there is none', () => {
    expect(chosen(routes, 'GET', '/')).toBe('$default');
    expect(chosen(table('GET /a'), 'GET', '/b')).toBeUndefined();
    expect(chosen(table('GET /a'), 'POST', '/a')).toBeUndefined();
  });

  it('does not let a greedy variable match an empty remainder', () => {
    expect(chosen(table('ANY /api/{proxy+}'), 'GET', '/api')).toBeUndefined();
  });
});
