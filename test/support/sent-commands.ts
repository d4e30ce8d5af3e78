import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import type { AwsClients } from '../../server/adapters/aws/aws-clients';

/** An SDK v3 client, as far as watching what it sends goes. */
interface WatchedClient {
  // the stack's input and output types differ per client: any one of them is watched the same way
  readonly middlewareStack: MiddlewareStack<any, any>;
}

let watchers = 0;

/**
 * The commands SDK clients send (each once, however often the SDK retries it): a spec watches the clients
 * the portal signs for an account, to tell which account a call went to, or a DynamoDB client, to count
 * the requests a read costs. `stop` takes the watch off clients that outlive the spec's check.
 */
export class SentCommands {
  private sent: { command: string; input: unknown }[] = [];
  private readonly name = `specSentCommands${++watchers}`;
  private readonly watched: WatchedClient[] = [];

  /** Records every command an account's clients send from now on. */
  watch(clients: AwsClients): this {
    return this.watchClient(clients.ec2).watchClient(clients.autoScaling).watchClient(clients.elbv2);
  }

  /** Records every command `client` sends from now on. */
  watchClient(client: WatchedClient): this {
    client.middlewareStack.add(this.recorder(), { step: 'initialize', name: this.name });
    this.watched.push(client);
    return this;
  }

  /** Stops recording (what was recorded stays). */
  stop(): void {
    for (const client of this.watched.splice(0)) client.middlewareStack.remove(this.name);
  }

  private recorder<I extends object, O extends object>(): InitializeMiddleware<I, O> {
    return (next, context) => (args) => {
      this.sent.push({ command: context.commandName ?? 'unknown', input: args.input });
      return next(args);
    };
  }

  /** The commands sent since the last `clear()`, in order. */
  get commands(): readonly string[] {
    return this.sent.map((c) => c.command);
  }

  /** Those of the commands whose input names `table` (a DynamoDB client's, one table or a batch's). */
  commandsOn(table: string): readonly string[] {
    return this.sent.filter((c) => JSON.stringify(c.input).includes(`"${table}"`)).map((c) => c.command);
  }

  clear(): void {
    this.sent = [];
  }
}
