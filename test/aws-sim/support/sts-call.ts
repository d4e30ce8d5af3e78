import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';

/** Credentials as STS hands them out (a session token for temporary ones). */
export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** STS's reply: its status, its XML and the text of an element by name. */
export interface StsReply {
  readonly status: number;
  readonly xml: string;
  text(element: string): string | undefined;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function unescape(text: string | undefined): string | undefined {
  return text?.replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ENTITIES[name]!);
}

/**
 * Calls STS on aws-sim over its query protocol, as the SDK would: a form body and a SigV4-shaped
 * Authorization header whose credential scope names `sts` (the project has no STS client; aws-sim reads
 * the access key and scope, not the signature, which the AWS CLI spec signs for real).
 */
export async function stsCall(
  endpoint: string,
  action: string,
  params: Record<string, string>,
  credentials: TestCredentials,
): Promise<StsReply> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20261201/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`,
    'x-amz-date': '20261201T000000Z',
  };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const res = await fetch(endpoint, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ Action: action, Version: '2011-06-15', ...params }).toString(),
  });
  const xml = await res.text();
  return {
    status: res.status,
    xml,
    text: (element) => unescape(new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1]),
  };
}

/** Assumes a role and answers its credentials (failing the spec if STS refuses). */
export async function assumeRole(
  endpoint: string,
  roleArn: string,
  base: TestCredentials,
  durationSeconds = 900,
): Promise<TestCredentials & { readonly expiration: string }> {
  const reply = await stsCall(
    endpoint,
    'AssumeRole',
    { RoleArn: roleArn, RoleSessionName: 'spec', DurationSeconds: String(durationSeconds) },
    base,
  );
  if (reply.status !== 200) throw new Error(`AssumeRole answered ${reply.status}: ${reply.xml}`);
  return {
    accessKeyId: reply.text('AccessKeyId')!,
    secretAccessKey: reply.text('SecretAccessKey')!,
    sessionToken: reply.text('SessionToken')!,
    expiration: reply.text('Expiration')!,
  };
}

/** SDK clients signing with these credentials. */
export function clientsWith(
  endpoint: string,
  credentials: TestCredentials,
): { ec2: EC2Client; autoScaling: AutoScalingClient; destroy(): void } {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  const config = {
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(config);
  const autoScaling = new AutoScalingClient(config);
  return {
    ec2,
    autoScaling,
    destroy() {
      ec2.destroy();
      autoScaling.destroy();
    },
  };
}
