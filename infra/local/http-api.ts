/**
 * Serves each `AWS::ApiGatewayV2::Api` on loopback, turning requests into
 * payload-format-2.0 events for the integrated handler and mapping results back
 * the way API Gateway does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithRequestContext, APIGatewayProxyResultV2 } from 'aws-lambda';
import { closeServer, listen, LOOPBACK } from './net';
import type { LambdaInvoker, LocalFunction } from './lambda';
import { RouteTable, type Route } from './routes';
import { ACCOUNT_ID, type CfnTemplate, type LocalDeployment } from './template';

export interface RouteTarget {
  fn: LocalFunction;
  iam: boolean;
}

export interface HttpApiDescription {
  logicalId: string;
  routes: Route<RouteTarget>[];
}

export function httpApiIds(template: CfnTemplate): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Api')
    .map(([id]) => id);
}

export function describeHttpApis(
  deployment: LocalDeployment,
  invoker: LambdaInvoker,
  log: (line: string) => void,
): HttpApiDescription[] {
  const integrations = new Map<string, LocalFunction>();
  for (const id of deployment.ofType('AWS::ApiGatewayV2::Integration')) {
    const props = deployment.properties(id) as {
      IntegrationUri?: string;
      PayloadFormatVersion?: string;
      IntegrationType?: string;
    };
    if (props.IntegrationType !== 'AWS_PROXY' || !props.IntegrationUri) continue;
    if (props.PayloadFormatVersion !== '2.0') {
      throw new Error(
        `Integration ${id} uses payload format ${props.PayloadFormatVersion ?? '1.0'}; only 2.0 is emulated`,
      );
    }
    // Either the function ARN itself or the older `...:lambda:path/2015-03-31/functions/<arn>/invocations` form.
    const fnArn = /functions\/(arn:[^/]+)\/invocations$/.exec(props.IntegrationUri)?.[1] ?? props.IntegrationUri;
    const fn = invoker.find(fnArn);
    if (!fn) throw new Error(`Integration ${id} targets ${fnArn}, which has no local entry`);
    integrations.set(deployment.physicalName(id), fn);
  }

  return httpApiIds(deployment.template).map((apiId) => {
    const routes: Route<RouteTarget>[] = [];
    for (const id of deployment.ofType('AWS::ApiGatewayV2::Route')) {
      const props = deployment.properties(id) as {
        ApiId: string;
        RouteKey: string;
        Target?: string;
        AuthorizationType?: string;
      };
      if (props.ApiId !== deployment.physicalName(apiId)) continue;
      const fn = props.Target && integrations.get(props.Target.replace(/^integrations\//, ''));
      if (!fn) {
        log(`! route ${props.RouteKey} has no Lambda proxy integration; it will answer 404`);
        continue;
      }
      const authorization = props.AuthorizationType ?? 'NONE';
      if (!['NONE', 'AWS_IAM'].includes(authorization))
        log(`! route ${props.RouteKey}: ${authorization} authorizer is not enforced locally`);
      routes.push({ routeKey: props.RouteKey, target: { fn, iam: authorization === 'AWS_IAM' } });
    }
    return { logicalId: apiId, routes };
  });
}

/** API Gateway's own limit on a request body. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Lambda's limit on a synchronous invocation's event and result. API Gateway accepts bodies up
 * to 10 MB, but a proxy event over 6 MB (a 4.5 MB body base64-encoded is one) never reaches the
 * function; locally it would, and a handler that works here would fail in AWS.
 */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

export class HttpApiServer {
  private readonly server: Server;
  private routes: RouteTable<RouteTarget> | undefined;
  private invoker: LambdaInvoker | undefined;
  url = '';

  constructor(
    readonly logicalId: string,
    private readonly log: (line: string) => void,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.log(`! ${this.logicalId}: ${error.message}`);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      });
    });
  }

  /** Listens before routes are known, because handler environments may need the API's URL. */
  async listen(port: number): Promise<string> {
    this.url = `http://${LOOPBACK}:${await listen(this.server, port)}`;
    return this.url;
  }

  setRoutes(routes: Route<RouteTarget>[], invoker: LambdaInvoker): void {
    this.routes = new RouteTable(routes);
    this.invoker = invoker;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  /**
   * Only names of this machine, with this server's port. Loopback alone does not stop DNS
   * rebinding: a web page whose name an attacker re-points at 127.0.0.1 would otherwise read the
   * staff API and the console from the referrer's own browser.
   */
  private allowsHost(host: string | undefined): boolean {
    const port = new URL(this.url).port;
    return !!host && [`${LOOPBACK}:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    if (!this.allowsHost(req.headers.host))
      return sendJson(res, 403, { message: 'Forbidden: this local server answers only to 127.0.0.1 and localhost' });
    if (!this.routes || !this.invoker) return sendJson(res, 503, { message: 'Service Unavailable' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = this.routes.match(req.method ?? 'GET', url.pathname);
    if (!match) return sendJson(res, 404, { message: 'Not Found' });
    const { routeKey, target } = match.route;
    // The server only binds loopback, so a signed request could only come from this machine;
    // SigV4 is not verified locally, but a non-loopback peer (e.g. via a proxy) is still refused.
    if (target.iam && !isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { message: 'Forbidden' });

    const body = await readBody(req);
    if (!body) return sendJson(res, 413, { message: 'Request Entity Too Large' });
    const event = buildEvent(req, url, body, routeKey, match.pathParameters, target.iam, this.logicalId);
    if (Buffer.byteLength(JSON.stringify(event)) > LAMBDA_PAYLOAD_LIMIT_BYTES)
      return sendJson(res, 413, { message: 'Request Entity Too Large' });
    let result: unknown;
    try {
      result = await this.invoker.invoke(target.fn, event, 'request');
    } catch (error) {
      const timedOut = (error as Error).name === 'Sandbox.Timedout';
      sendJson(res, timedOut ? 503 : 500, { message: timedOut ? 'Service Unavailable' : 'Internal Server Error' });
      this.log(`→ ${routeKey} ${res.statusCode} ${Date.now() - started}ms`);
      return;
    }
    // A result over Lambda's limit is an invocation error in AWS, which API Gateway answers with a 500.
    if (Buffer.byteLength(JSON.stringify(result) ?? '') > LAMBDA_PAYLOAD_LIMIT_BYTES) {
      sendJson(res, 500, { message: 'Internal Server Error' });
      this.log(`! ${routeKey}: the function's response is over Lambda's 6 MB payload limit`);
      return;
    }
    const response = toHttpResponse(result as APIGatewayProxyResultV2);
    res.writeHead(response.statusCode, { ...response.headers, 'apigw-requestid': event.requestContext.requestId });
    res.end(response.body);
    this.log(`→ ${routeKey} ${response.statusCode} ${Date.now() - started}ms`);
  }
}

interface LocalRequestContext {
  accountId: string;
  apiId: string;
  domainName: string;
  domainPrefix: string;
  http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  requestId: string;
  routeKey: string;
  stage: string;
  time: string;
  timeEpoch: number;
  authorizer?: { iam: Record<string, string | null> };
}

export type LocalHttpEvent = APIGatewayProxyEventV2WithRequestContext<LocalRequestContext>;

export function buildEvent(
  req: Pick<IncomingMessage, 'method' | 'headersDistinct' | 'httpVersion'> & { socket: { remoteAddress?: string } },
  url: URL,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string>,
  iam: boolean,
  apiId: string,
): LocalHttpEvent {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values) continue;
    // Payload 2.0 moves cookies to their own list and joins repeated headers with commas.
    if (name === 'cookie')
      cookies = values
        .flatMap((v) => v.split(';'))
        .map((c) => c.trim())
        .filter(Boolean);
    else headers[name] = values.join(',');
  }
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const now = new Date();
  const host = headers.host ?? LOOPBACK;
  const isText = isTextual(headers['content-type']);
  const event: LocalHttpEvent = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId,
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? LOOPBACK,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
      ...(iam && {
        authorizer: {
          iam: {
            accessKey: 'local',
            accountId: ACCOUNT_ID,
            callerId: 'local',
            cognitoIdentity: null,
            principalOrgId: null,
            userArn: `arn:aws:iam::${ACCOUNT_ID}:user/local`,
            userId: 'local',
          },
        },
      }),
    },
    isBase64Encoded: body.length > 0 && !isText,
  };
  if (cookies?.length) event.cookies = cookies;
  if (Object.keys(query).length) {
    event.queryStringParameters = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.join(',')]));
  }
  if (Object.keys(pathParameters).length) event.pathParameters = pathParameters;
  if (body.length) event.body = isText ? body.toString('utf8') : body.toString('base64');
  return event;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** API Gateway's payload 2.0 response rules, including its guess for results without a statusCode. */
export function toHttpResponse(result: APIGatewayProxyResultV2 | undefined): HttpResponse {
  if (result === undefined || result === null) return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
  if (typeof result === 'string' || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  const multi =
    (result as { multiValueHeaders?: Record<string, Array<string | number | boolean>> }).multiValueHeaders ?? {};
  for (const [name, values] of Object.entries(multi)) headers[name.toLowerCase()] = values.join(',');
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode ?? 200, headers, body };
}

function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  // Like API Gateway, form posts count as binary and arrive base64-encoded.
  return (
    type.startsWith('text/') ||
    ['application/json', 'application/xml', 'application/javascript', 'application/graphql'].includes(type) ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

function formatRequestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
