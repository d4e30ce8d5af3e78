import { z } from 'zod';
import {
  createAccount,
  lifecyclesOf,
  type AccountDeclaration,
  type SharedWorld,
  type SimAccount,
} from './sim-account';

/** The account the sim's base credentials (any access key it did not issue) belong to. */
export const DEFAULT_ACCOUNT: AccountDeclaration = { accountId: '123456789012', name: 'default' };

/** An account id as AWS writes it: 12 digits. */
export const AccountId = z.string().regex(/^\d{12}$/, 'must be an AWS account id (12 digits)');

/** An account to declare (`accounts` option, `EM_AWS_SIM_ACCOUNTS`, `POST /_sim/accounts`). */
export const AccountDeclarationSchema = z.strictObject({
  accountId: AccountId,
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,49}$/, 'must be 1-50 letters, digits, spaces, . _ -'),
});

const SavedAccount = z.object({
  accountId: AccountId,
  name: z.string(),
  modules: z.record(z.string(), z.unknown()),
});

/** The saved accounts: each one's declaration and its services' state. */
export const SavedAccounts = z.array(SavedAccount);

/**
 * The sim's accounts, each with its own cloud: the default one, those declared at start and those added
 * later (started at once). An account is never removed: its resources stay until deleted through AWS.
 */
export class Accounts {
  private readonly byId = new Map<string, SimAccount>();
  private started = false;

  constructor(
    private readonly world: SharedWorld,
    declarations: readonly AccountDeclaration[],
  ) {
    // a declaration of the default account only names it
    const names = new Map([[DEFAULT_ACCOUNT.accountId, DEFAULT_ACCOUNT.name]]);
    for (const d of declarations) names.set(d.accountId, d.name);
    for (const [accountId, name] of names) this.declare({ accountId, name });
  }

  /** The default account (the base credentials'). */
  get default(): SimAccount {
    return this.byId.get(DEFAULT_ACCOUNT.accountId)!;
  }

  /** An account by id, if the sim keeps it. */
  get(accountId: string): SimAccount | undefined {
    return this.byId.get(accountId);
  }

  /** Every account, the default first. */
  all(): SimAccount[] {
    return [...this.byId.values()];
  }

  /** Adds an account (started if the sim runs); an account already kept is answered as it is. */
  async add(declaration: AccountDeclaration): Promise<{ account: SimAccount; created: boolean }> {
    const known = this.byId.get(declaration.accountId);
    if (known) return { account: known, created: false };
    const account = this.declare(declaration);
    if (this.started) for (const [, m] of lifecyclesOf(account)) await m.start();
    this.world.changed();
    return { account, created: true };
  }

  /** Every account's state, as saved data. */
  snapshot(): z.infer<typeof SavedAccounts> {
    return this.all().map((a) => ({
      accountId: a.accountId,
      name: a.name,
      modules: Object.fromEntries(lifecyclesOf(a).map(([k, m]) => [k, m.snapshot()])),
    }));
  }

  /** Restores saved accounts (before start), declaring those saved but not declared at this start. */
  async restore(saved: z.infer<typeof SavedAccounts>): Promise<void> {
    for (const s of saved) {
      const account = this.byId.get(s.accountId) ?? this.declare({ accountId: s.accountId, name: s.name });
      for (const [name, m] of lifecyclesOf(account))
        if (s.modules[name] !== undefined) await m.restore(s.modules[name]);
    }
  }

  /** Starts every account's background work (reconcilers, health checks, the instance threads). */
  async start(): Promise<void> {
    this.started = true;
    for (const a of this.all()) for (const [, m] of lifecyclesOf(a)) await m.start();
  }

  /** Stops every account's servers and timers. */
  async stop(): Promise<void> {
    this.started = false;
    for (const a of this.all()) for (const [, m] of lifecyclesOf(a)) await m.stop();
  }

  private declare(declaration: AccountDeclaration): SimAccount {
    const account = createAccount(declaration, this.world);
    this.byId.set(account.accountId, account);
    return account;
  }
}
