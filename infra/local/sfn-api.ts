/**
 * The slice of the Step Functions API (AWS JSON 1.0) that handlers and tests
 * use, served on loopback so `new SFNClient({})` reaches it through
 * AWS_ENDPOINT_URL_SFN.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen, LOOPBACK } from './net';
import { SfnApiError, type ExecutionRecord, type StepFunctionsEngine } from './step-functions';

/** awsJson timestamps are epoch seconds. */
const epoch = (iso: string | undefined) => (iso ? new Date(iso).getTime() / 1000 : undefined);

type Operation = (engine: StepFunctionsEngine, request: Record<string, unknown>) => unknown;

const operations: Record<string, Operation> = {
  StartExecution: (engine, req) => {
    const record = engine.startExecution(
      String(req.stateMachineArn ?? ''),
      req.name as string | undefined,
      req.input as string | undefined,
    );
    return { executionArn: record.executionArn, startDate: epoch(record.startDate) };
  },
  DescribeExecution: (engine, req) => describe(engine.describe(String(req.executionArn ?? ''))),
  ListExecutions: (engine, req) => {
    const records = engine.list(String(req.stateMachineArn ?? ''), req.statusFilter as string | undefined);
    const max = Number(req.maxResults) || 100;
    const start = Number(req.nextToken ?? 0);
    const page = records.slice(start, start + max);
    return {
      executions: page.map((r) => ({
        executionArn: r.executionArn,
        stateMachineArn: r.stateMachineArn,
        name: r.name,
        status: r.status,
        startDate: epoch(r.startDate),
        stopDate: epoch(r.stopDate),
      })),
      ...(start + max < records.length && { nextToken: String(start + max) }),
    };
  },
  GetExecutionHistory: (engine, req) => {
    const events = engine.describe(String(req.executionArn ?? '')).history.map((event) => ({
      id: event.id,
      previousEventId: event.id - 1,
      timestamp: epoch(event.timestamp),
      type: event.type,
      ...(event.stateName && { stateEnteredEventDetails: { name: event.stateName } }),
      ...(event.error !== undefined && { executionFailedEventDetails: { error: event.error, cause: event.cause } }),
    }));
    return { events: req.reverseOrder ? events.reverse() : events };
  },
  StopExecution: (engine, req) => {
    engine.stopExecution(
      String(req.executionArn ?? ''),
      req.error as string | undefined,
      req.cause as string | undefined,
    );
    return { stopDate: Date.now() / 1000 };
  },
};

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: epoch(record.startDate),
    stopDate: epoch(record.stopDate),
    input: record.input,
    output: record.output,
    error: record.error,
    cause: record.cause,
  };
}

export class SfnApiServer {
  private readonly server: Server;
  url = '';

  constructor(
    private readonly engine: StepFunctionsEngine,
    private readonly log: (line: string) => void,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.log(`! step functions api: ${error.message}`);
        sendError(res, 500, 'InternalFailure', 'Internal failure in the local Step Functions API');
      });
    });
  }

  async listen(port: number): Promise<string> {
    this.url = `http://${LOOPBACK}:${await listen(this.server, port)}`;
    return this.url;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
    if (req.method !== 'POST' || !operation) {
      return sendError(
        res,
        400,
        'UnknownOperationException',
        `Operation ${target || '(none)'} is not emulated locally`,
      );
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'SerializationException', 'Request body is not JSON');
    }
    try {
      const body = JSON.stringify(operation(this.engine, request));
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(body);
    } catch (error) {
      if (!(error instanceof SfnApiError)) throw error;
      sendError(res, 400, error.type, error.message);
    }
  }
}

function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  // The SDK takes the error code from the part of __type after '#'.
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ __type: `com.amazonaws.swf.service.model.v20120125#${type}`, message }));
}
