/**
 * A read-only "deployment" of a synthesised CloudFormation template onto local
 * emulators: which physical names, URLs and ARNs each resource would have, and
 * the resolved properties the emulators need. Pure (no I/O) so that the
 * long-running system, `invoke.ts` and unit tests all derive identical values.
 */
import { readFileSync } from 'node:fs';
import { IntrinsicError, resolveIntrinsics, type IntrinsicContext } from './intrinsics';

export const REGION = 'eu-west-2';
export const ACCOUNT_ID = '000000000000';
export const LOCAL_STACK_NAME = 'FrontDoorLocal';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, { Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** Addresses of the emulators that resource URLs point at. */
export interface ServiceEndpoints {
  sqs: string;
  /** Base URL of each HTTP API, by the Api's logical id. */
  apis: Record<string, string>;
}

export const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

export function loadTemplate(file: string): CfnTemplate {
  const template = JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  if (!template || typeof template.Resources !== 'object') throw new Error(`${file} is not a CloudFormation template`);
  return template;
}

export class LocalDeployment {
  readonly resources: ReadonlyMap<string, CfnResource>;
  private readonly names = new Map<string, string>();
  private readonly conditions = new Map<string, boolean>();
  private readonly ctx: IntrinsicContext;

  constructor(
    readonly template: CfnTemplate,
    private readonly endpoints: ServiceEndpoints,
  ) {
    this.ctx = {
      ref: (name) => this.ref(name),
      getAtt: (logicalId, attribute) => this.getAtt(logicalId, attribute),
      condition: (name) => this.condition(name),
    };
    this.resources = new Map(
      Object.entries(template.Resources).filter(([, r]) => r.Condition === undefined || this.condition(r.Condition)),
    );
  }

  resolve<T = unknown>(value: unknown, path = '$'): T {
    return resolveIntrinsics(value, this.ctx, path) as T;
  }

  /** Resolved properties of a resource; the path in errors names the resource. */
  properties(logicalId: string): Record<string, unknown> {
    return this.resolve(this.resource(logicalId).Properties ?? {}, logicalId);
  }

  ofType(...types: string[]): string[] {
    return [...this.resources].filter(([, r]) => types.includes(r.Type)).map(([id]) => id);
  }

  resource(logicalId: string): CfnResource {
    const resource = this.resources.get(logicalId);
    if (!resource) throw new IntrinsicError(`Resource ${logicalId} is not in the template`);
    return resource;
  }

  /** The name AWS would give the resource: its explicit name property, else the logical id. */
  physicalName(logicalId: string): string {
    const cached = this.names.get(logicalId);
    if (cached) return cached;
    const { Type, Properties = {} } = this.resource(logicalId);
    const nameProperty = NAME_PROPERTIES[Type];
    const explicit = nameProperty ? Properties[nameProperty] : undefined;
    let name = explicit === undefined ? logicalId : String(this.resolve(explicit, `${logicalId}.${nameProperty}`));
    // Bucket names must be lower case; CloudFormation's generated ones are too.
    if (Type === 'AWS::S3::Bucket' && explicit === undefined) name = name.toLowerCase();
    if (Type === 'AWS::SQS::Queue' && Properties.FifoQueue === true && !name.endsWith('.fifo')) name += '.fifo';
    this.names.set(logicalId, name);
    return name;
  }

  arn(logicalId: string): string {
    const { Type } = this.resource(logicalId);
    const name = this.physicalName(logicalId);
    switch (Type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        return `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/${name}`;
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${name}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
      default:
        return `arn:aws:local:${REGION}:${ACCOUNT_ID}:${Type.split('::').slice(1).join('-').toLowerCase()}/${name}`;
    }
  }

  queueUrl(logicalId: string): string {
    return `${this.endpoints.sqs}/${ACCOUNT_ID}/${this.physicalName(logicalId)}`;
  }

  /** Finds the resource of one of the given types whose ARN (or name) is `arnOrName`. */
  findByArn(arnOrName: string, ...types: string[]): string | undefined {
    // Lambda ARNs may carry a qualifier (`:$LATEST`, an alias or version) that still names the same function.
    const unqualified = arnOrName.replace(/^(arn:aws:lambda:[^:]*:[^:]*:function:[^:]+):.*$/, '$1');
    return this.ofType(...types).find(
      (id) => this.arn(id) === unqualified || this.physicalName(id) === unqualified || id === unqualified,
    );
  }

  private ref(name: string): unknown {
    const pseudo = PSEUDO_PARAMETERS[name];
    if (pseudo !== undefined || name === 'AWS::NoValue') return pseudo;
    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined) throw new IntrinsicError(`Parameter ${name} has no Default to use locally`);
      return parameter.Default;
    }
    const { Type } = this.resource(name);
    switch (Type) {
      case 'AWS::SQS::Queue':
        return this.queueUrl(name);
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SNS::Topic':
        return this.arn(name);
      default:
        return this.physicalName(name);
    }
  }

  private getAtt(logicalId: string, attribute: string): unknown {
    const { Type } = this.resource(logicalId);
    if (attribute === 'Arn') return this.arn(logicalId);
    switch (`${Type}.${attribute}`) {
      case 'AWS::SQS::Queue.QueueName':
      case 'AWS::StepFunctions::StateMachine.Name':
      case 'AWS::SNS::Topic.TopicName':
        return this.physicalName(logicalId);
      case 'AWS::SQS::Queue.QueueUrl':
        return this.queueUrl(logicalId);
      case 'AWS::DynamoDB::Table.StreamArn':
      case 'AWS::DynamoDB::GlobalTable.StreamArn':
        return `${this.arn(logicalId)}/stream/1970-01-01T00:00:00.000`;
      case 'AWS::ApiGatewayV2::Api.ApiEndpoint': {
        const url = this.endpoints.apis[logicalId];
        if (!url) throw new IntrinsicError(`No local endpoint for API ${logicalId}`);
        return url;
      }
      case 'AWS::ApiGatewayV2::Api.ApiId':
        return this.physicalName(logicalId);
      case 'AWS::S3::Bucket.DomainName':
      case 'AWS::S3::Bucket.RegionalDomainName':
        return `${this.physicalName(logicalId)}.s3.${REGION}.amazonaws.com`;
      default:
        // Attributes nothing local depends on (role ids, log group names...) only need to be stable strings.
        return `${this.physicalName(logicalId)}.${attribute}`;
    }
  }

  private condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const expression = this.template.Conditions?.[name];
    if (expression === undefined) throw new IntrinsicError(`Condition ${name} is not in the template`);
    const value = Boolean(this.resolve(expression, `Conditions.${name}`));
    this.conditions.set(name, value);
    return value;
  }
}

const NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
};

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT_ID,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': LOCAL_STACK_NAME,
  'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT_ID}:stack/${LOCAL_STACK_NAME}/local`,
};
