import { AwsError } from './aws-error';

/** The error codes a JSON service refuses bad input with (SQS's by default; EventBridge says ValidationException). */
export interface InputErrorCodes {
  readonly missing: string;
  readonly invalid: string;
}

const SQS_CODES: InputErrorCodes = { missing: 'MissingParameter', invalid: 'InvalidParameterValue' };

/** A required text member of a JSON request (`shown` names it in the message: `Entries.1.Id`). */
export function requiredString(
  input: Record<string, unknown>,
  name: string,
  shown = name,
  codes = SQS_CODES,
): string {
  const v = input[name];
  if (v === undefined || v === null || v === '')
    throw new AwsError(codes.missing, `The request must contain the parameter ${shown}.`);
  if (typeof v !== 'string')
    throw new AwsError(codes.invalid, `Value for parameter ${shown} is invalid: must be a string.`);
  return v;
}

/** An optional text member. */
export function optionalString(
  input: Record<string, unknown>,
  name: string,
  codes = SQS_CODES,
): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new AwsError(codes.invalid, `Value for parameter ${name} is invalid: must be a string.`);
  return v;
}

/** An optional integer member within min..max. */
export function integerIn(
  input: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
  codes = SQS_CODES,
): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw new AwsError(
      codes.invalid,
      `Value ${JSON.stringify(v)} for parameter ${name} is invalid. Must be an integer from ${min} to ${max}.`,
    );
  return v;
}

/** An optional list of text members (none when absent). */
export function listOf(input: Record<string, unknown>, name: string, codes = SQS_CODES): string[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new AwsError(codes.invalid, `Value for parameter ${name} is invalid: must be a list of strings.`);
  return v as string[];
}
