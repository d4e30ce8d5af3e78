import { z } from 'zod';
import { Name } from './names';

/** A 12-digit AWS account number (the original took an integer: both are accepted, a string is stored). */
export const AccountNumber = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((v) => String(v).padStart(12, '0'))
  .pipe(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account number'));

/** The editable part of an AWS account association. */
export const AccountValue = z.strictObject({
  AccountName: Name,
  IncludeAMIs: z.boolean().default(false),
  RoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/, 'must be an IAM role ARN')
    .nullable()
    .optional(),
});
export type AccountValue = z.infer<typeof AccountValue>;

/** An AWS account association as the API accepts it on create. */
export const NewAccount = AccountValue.extend({ AccountNumber }).meta({ id: 'NewAccount' });
export type NewAccount = z.infer<typeof NewAccount>;

/** An AWS account association as the API shows it. */
export const Account = AccountValue.extend({
  AccountNumber: z.string(),
  Version: z.number().int().min(1),
}).meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;
