import type http from 'node:http';
import type { Accounts } from './accounts/accounts';
import type { SimAccount } from './accounts/sim-account';
import { CredentialsRefused, identifyCaller, type Caller } from './accounts/caller';
import type { ServiceName } from './cloud';
import type { Faults } from './faults';
import { AwsError } from './protocol/aws-error';
import { withoutFields } from './protocol/omit-fields';
import type { QueryParams } from './protocol/query-params';
import { errorReply, successReply, type Protocol, type WireReply } from './protocol/responses';
import { readSignature, type Signature } from './protocol/signed-request';
import type { XmlValue } from './protocol/xml';
import type { Sessions } from './sts/sessions';
import type { StsService } from './sts/sts-service';

/** What answers the AWS API: the accounts' services, STS, and the faults every call meets. */
export interface AwsApi {
  readonly accounts: Accounts;
  readonly sessions: Sessions;
  readonly sts: StsService;
  readonly faults: Faults;
}

/** A service's wire identity: how its replies and errors are written. */
interface Wire {
  readonly name: string;
  readonly protocol: Protocol;
  readonly namespace: string;
}

type Handler = (params: QueryParams) => XmlValue | Promise<XmlValue>;

/** Whether the scope names one of the services every account has (not STS). */
function isAccountService(api: AwsApi, service: string): service is ServiceName {
  return Object.hasOwn(api.accounts.default.modules, service);
}

/** The handler of an action for this caller: STS's answers for the caller, the others for its account. */
function handlerFor(
  api: AwsApi,
  service: 'sts' | ServiceName,
  action: string,
  caller: Caller,
): Handler | undefined {
  if (service === 'sts') {
    const handler = api.sts.actions[action];
    return handler && ((params) => handler(params, caller));
  }
  return accountOf(api, caller).modules[service].actions[action];
}

/** The caller's account. A session outlives its account only if the state was edited by hand: its key is then unknown. */
function accountOf(api: AwsApi, caller: Caller): SimAccount {
  const account = api.accounts.get(caller.accountId);
  if (!account) throw new CredentialsRefused('invalid');
  return account;
}

/**
 * What every call goes through before its handler, whatever its protocol: counted (the call budget),
 * its caller identified from its credentials, and refused with the service's own error when a throttling
 * fault says so.
 */
function admit(
  api: AwsApi,
  signature: Signature,
  service: string,
  action: string,
  throttled: () => AwsError,
): Caller {
  api.faults.count(service, action);
  const caller = identifyCaller(signature, api.sessions, api.accounts.default.accountId);
  if (api.faults.shouldThrottle(action)) throw throttled();
  return caller;
}

/**
 * What a handler's throw answers: its AwsError, the refusal of its credentials in the protocol's words,
 * or (a bug of the sim, written to stderr with its stack) an InternalFailure.
 */
function asAwsError(e: unknown, protocol: Protocol, call: string): AwsError {
  if (e instanceof CredentialsRefused) return e.toAwsError(protocol);
  if (e instanceof AwsError) return e;
  process.stderr.write(`aws-sim: ${call} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  return new AwsError('InternalFailure', e instanceof Error ? e.message : String(e), 500, 'Receiver');
}

/**
 * Answers one AWS API request: the service from the SigV4 credential scope, the account from the
 * credentials (STS's temporary ones belong to the role's account, any other key to the default account).
 */
export async function serveAws(
  api: AwsApi,
  headers: http.IncomingHttpHeaders,
  params: QueryParams,
  requestId: string,
): Promise<WireReply> {
  const signature = readSignature(headers);
  if (!signature) {
    const error = new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    return errorReply('awsQuery', 'http://aws-sim/', error, requestId);
  }
  const action = params.action;
  const name = signature.service;
  const known = name === 'sts' || isAccountService(api, name) ? name : undefined;
  if (!known) {
    const error = new AwsError(
      'UnrecognizedClientException',
      `aws-sim does not offer the service ${signature.service}`,
      400,
    );
    return errorReply('awsQuery', 'http://aws-sim/', error, requestId);
  }
  const service: Wire = known === 'sts' ? api.sts : api.accounts.default.modules[known];
  try {
    const caller = admit(api, signature, service.name, action, () =>
      service.protocol === 'ec2'
        ? new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503)
        : new AwsError('Throttling', 'Rate exceeded', 400),
    );
    const handler = handlerFor(api, known, action, caller);
    if (!handler)
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
    const result = await handler(params);
    const omitted = api.faults.fieldsOmittedFrom(action);
    const shown = omitted ? withoutFields(result, omitted) : result;
    return successReply(service.protocol, service.namespace, action, shown, requestId);
  } catch (e) {
    const error = asAwsError(e, service.protocol, `${service.name}:${action}`);
    return errorReply(service.protocol, service.namespace, error, requestId);
  }
}

/** A JSON-protocol reply: its status, body, content type and any header beside them. */
export interface JsonWireReply extends WireReply {
  readonly contentType: string;
  readonly headers?: Record<string, string>;
}

function jsonError(contentType: string, namespace: string, error: AwsError, service: string): JsonWireReply {
  return {
    status: error.status,
    contentType,
    body: JSON.stringify({ __type: `${namespace}${error.code}`, message: error.message }),
    // SQS also names the error as its query protocol did, which SDK clients read first
    ...(service === 'sqs' ? { headers: { 'x-amzn-query-error': `${error.code};${error.type}` } } : {}),
  };
}

/**
 * Answers one request in AWS's JSON protocol (SQS, EventBridge): the service from the SigV4 credential
 * scope, the action from `X-Amz-Target` (`AmazonSQS.ReceiveMessage`), the input the JSON body, the
 * account from the credentials. Calls are counted and throttled as the query services' are.
 */
export async function serveAwsJson(
  api: AwsApi,
  headers: http.IncomingHttpHeaders,
  body: string,
): Promise<JsonWireReply> {
  const target = String(headers['x-amz-target'] ?? '');
  const [prefix = '', action = ''] = target.split('.');
  const signature = readSignature(headers);
  const modules = api.accounts.default.jsonModules;
  const known = Object.values(modules).find((m) => m.name === signature?.service);
  const contentType = `application/x-amz-json-${known?.jsonVersion ?? '1.0'}`;
  if (!signature)
    return jsonError(
      contentType,
      '',
      new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403),
      '',
    );
  if (!known || known.targetPrefix !== prefix)
    return jsonError(
      contentType,
      '',
      new AwsError(
        'UnknownOperationException',
        `aws-sim does not offer ${target} (credential scope ${signature.service})`,
      ),
      '',
    );
  try {
    const caller = admit(
      api,
      signature,
      known.name,
      action,
      () =>
        new AwsError(known.name === 'sqs' ? 'RequestThrottled' : 'ThrottlingException', 'Rate exceeded', 400),
    );
    const handler = accountOf(api, caller).jsonModules[known.name].actions[action];
    if (!handler)
      throw new AwsError(
        'UnknownOperationException',
        `The action ${action} is not valid for this web service.`,
      );
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      throw new AwsError('SerializationException', 'The request body is not JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new AwsError('SerializationException', 'The request body must be a JSON object.');
    const result = await handler(input as Record<string, unknown>, {
      host: String(headers.host ?? 'localhost'),
    });
    return { status: 200, contentType, body: JSON.stringify(result ?? {}) };
  } catch (e) {
    const error = asAwsError(e, 'awsQuery', `${known.name}:${action}`);
    return jsonError(contentType, known.errorNamespace, error, known.name);
  }
}
