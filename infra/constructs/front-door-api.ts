import { Validations } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DataProtectionKey } from './data-protection-key';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface FrontDoorApiRoute {
  method: HttpMethod;
  path: string;
  handler: IFunction;
  /** Staff-only routes are IAM-authorised until the triage console brings sign-in. */
  staffOnly: boolean;
}

/** Requests per second across the API: far above a front door's peak, low enough to blunt a flood. */
const THROTTLE = { rateLimit: 50, burstLimit: 100 };

/** The HTTP API: one route per handler, staff routes never open to the internet. */
export class FrontDoorApi extends Construct {
  readonly httpApi: HttpApi;

  private readonly iam: IHttpRouteAuthorizer = new HttpIamAuthorizer();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Front Door: Cause for Concern notifications and triage decisions',
      corsPreflight: { allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST], allowOrigins: [] },
      createDefaultStage: false,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_YEAR, encryptionKey: DataProtectionKey.of(this) })),
      },
    });
  }

  /** Routes come after the API so that functions can be told the API's own address. */
  addRoute(route: FrontDoorApiRoute): void {
    const [added] = this.httpApi.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: new HttpLambdaIntegration(`${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, ''), route.handler),
      authorizer: route.staffOnly ? this.iam : undefined,
    });
    if (!route.staffOnly) {
      Validations.of(added!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is for referrers and the public, who have no account: anyone worried about a child must be able to reach the front door. Input is validated in full and the stage is throttled.`,
      });
    }
  }
}
