import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { z } from 'zod';
import type { CallerIdentity } from '../../fleet/accounts';
import { parseReply } from './aws-reply';

const Reply = z.object({ Account: z.string().regex(/^\d{12}$/), Arn: z.string().min(1) });

/** STS GetCallerIdentity with an account's credentials, the reply parsed. */
export class AwsCallerIdentity implements CallerIdentity {
  constructor(private readonly client: STSClient) {}

  async whoAmI(): Promise<{ account: string; arn: string }> {
    const reply = parseReply(
      Reply,
      'GetCallerIdentity',
      await this.client.send(new GetCallerIdentityCommand({})),
    );
    return { account: reply.Account, arn: reply.Arn };
  }
}
