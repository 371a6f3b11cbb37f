import { Lazy, Validations } from 'aws-cdk-lib';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  type IHttpRouteAuthorizer,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
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
  /** A tighter limit for this route alone, across all callers, than the stage's. */
  throttle?: Required<ThrottleSettings>;
}

/** Requests per second across the API: far above a front door's peak, low enough to blunt a flood. */
const THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * Requests per second, from everyone together, to a route that stores a notification and emails
 * its referrer: a busy county gets about 800 notifications a month, so this is far above any real
 * peak while capping how much mail a flood from many addresses can make the council send.
 */
export const SUBMISSION_THROTTLE = { rateLimit: 10, burstLimit: 20 };

/**
 * The HTTP API: one route per handler, staff routes never open to the internet.
 *
 * An HTTP API (API Gateway v2) cannot be associated with a WAF web ACL, so there is no
 * per-source rate-based rule here: the public routes that send email are throttled per route
 * (all callers together), and each handler limits each source address with counters every
 * instance shares (shared/web/rate-limit.ts). The README says why there is no CloudFront and WAF
 * in front of the API yet, and what that leaves.
 */
export class FrontDoorApi extends Construct {
  readonly httpApi: HttpApi;

  private readonly iam: IHttpRouteAuthorizer = new HttpIamAuthorizer();
  private readonly stage: HttpStage;
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Front Door: Cause for Concern notifications and triage decisions',
      corsPreflight: { allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST], allowOrigins: [] },
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', {
            retention: RetentionDays.ONE_YEAR,
            encryptionKey: DataProtectionKey.of(this),
          }),
        ),
      },
    });
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length ? this.routeSettings : undefined),
    });
  }

  /** Routes come after the API so that functions can be told the API's own address. */
  addRoute(route: FrontDoorApiRoute): void {
    const [added] = this.httpApi.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: new HttpLambdaIntegration(
        `${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, ''),
        route.handler,
      ),
      authorizer: route.staffOnly ? this.iam : undefined,
    });
    if (route.throttle) {
      this.routeSettings[`${route.method} ${route.path}`] = {
        ThrottlingRateLimit: route.throttle.rateLimit,
        ThrottlingBurstLimit: route.throttle.burstLimit,
      };
      // A stage's route settings name routes that must exist first.
      this.stage.node.addDependency(added!);
    }
    if (!route.staffOnly) {
      Validations.of(added!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is for referrers and the public, who have no account: anyone worried about a child must be able to reach the front door. Input is validated in full and the stage is throttled.`,
      });
    }
  }
}
