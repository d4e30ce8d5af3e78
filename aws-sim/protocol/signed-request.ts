/** What a SigV4-signed request says of itself: the access key id, the credential scope's region and service. */
export interface Signature {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  /** `X-Amz-Security-Token`: present when the credentials are temporary. */
  readonly sessionToken: string | undefined;
}

const CREDENTIAL = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Reads the signature of a request (its Authorization header), or undefined for an unsigned one. */
export function readSignature(headers: {
  readonly authorization?: string;
  readonly 'x-amz-security-token'?: string | string[];
}): Signature | undefined {
  const credential = CREDENTIAL.exec(headers.authorization ?? '');
  if (!credential) return undefined;
  const token = headers['x-amz-security-token'];
  return {
    accessKeyId: credential[1]!,
    region: credential[2]!,
    service: credential[3]!,
    sessionToken: Array.isArray(token) ? token[0] : token,
  };
}
