import { CorsHttpMethod, HttpApi, HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
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

/** The HTTP API: one route per handler, staff routes never open to the internet. */
export class FrontDoorApi extends Construct {
  readonly httpApi: HttpApi;

  private readonly iam: IHttpRouteAuthorizer = new HttpIamAuthorizer();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Front Door: Cause for Concern notifications and triage decisions',
      corsPreflight: { allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST], allowOrigins: [] },
    });
  }

  /** Routes come after the API so that functions can be told the API's own address. */
  addRoute(route: FrontDoorApiRoute): void {
    this.httpApi.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: new HttpLambdaIntegration(`${route.method}${route.path}`.replace(/[^A-Za-z0-9]/g, ''), route.handler),
      authorizer: route.staffOnly ? this.iam : undefined,
    });
  }
}
