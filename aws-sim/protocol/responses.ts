import { AwsError } from './aws-error';
import { element, escapeXml, xmlBody, type XmlValue } from './xml';

/** The wire protocol of a service: awsQuery (Auto Scaling, ELBv2) or EC2's query dialect. */
export type Protocol = 'awsQuery' | 'ec2';

/** A serialized reply. */
export interface WireReply {
  readonly status: number;
  readonly body: string;
}

/** The success document of an action. */
export function successReply(
  protocol: Protocol,
  namespace: string,
  action: string,
  result: XmlValue,
  requestId: string,
): WireReply {
  if (protocol === 'ec2') {
    return {
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><requestId>${requestId}</requestId>${xmlBody(result, 'item')}</${action}Response>`,
    };
  }
  const inner = result === undefined || result === null ? '' : element(`${action}Result`, result, 'member');
  return {
    status: 200,
    body: `<${action}Response xmlns="${namespace}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** The error document AWS sends for a failed action. */
export function errorReply(
  protocol: Protocol,
  namespace: string,
  error: AwsError,
  requestId: string,
): WireReply {
  if (protocol === 'ec2') {
    return {
      status: error.status,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  }
  return {
    status: error.status,
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
