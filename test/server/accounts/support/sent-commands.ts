import type { InitializeMiddleware } from '@smithy/types';
import type { AwsClients } from '../../../../server/adapters/aws/aws-clients';

/**
 * The commands a portal's SDK clients of one account send (each once, however often the SDK retries it):
 * the spec watches the clients the portal signs for an account, to tell which account a call went to.
 */
export class SentCommands {
  private sent: string[] = [];

  /** Records every command the clients send from now on. */
  watch(clients: AwsClients): this {
    const step = { step: 'initialize', name: 'specSentCommands' } as const;
    clients.ec2.middlewareStack.add(this.recorder(), step);
    clients.autoScaling.middlewareStack.add(this.recorder(), step);
    clients.elbv2.middlewareStack.add(this.recorder(), step);
    return this;
  }

  private recorder<I extends object, O extends object>(): InitializeMiddleware<I, O> {
    return (next, context) => (args) => {
      this.sent.push(context.commandName ?? 'unknown');
      return next(args);
    };
  }

  /** The commands sent since the last `clear()`, in order. */
  get commands(): readonly string[] {
    return this.sent;
  }

  clear(): void {
    this.sent = [];
  }
}
