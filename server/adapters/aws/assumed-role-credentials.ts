import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { z } from 'zod';
import { parseReply } from './aws-reply';

const AssumeRoleReply = z.object({
  Credentials: z.object({
    AccessKeyId: z.string().min(1),
    SecretAccessKey: z.string().min(1),
    SessionToken: z.string().min(1),
    Expiration: z.date(),
  }),
});

/** The credentials a role holds at one moment, as `forget` compares them (opaque to callers). */
export type HeldCredentials = object | undefined;

/** A credentials provider the SDK calls on every request (it keeps nothing itself: see `memoized`). */
export type SharedCredentials = AwsCredentialIdentityProvider & { memoized: true };

/**
 * The credentials of a role assumed through STS, kept until `refreshMarginMs` before they expire (five
 * minutes, as the SDK's own providers do), then assumed again; concurrent callers share one AssumeRole.
 * `forget()` drops them at once: a call that AWS refused as expired (a session revoked or cut short) gets
 * new credentials on its retry instead of the ones AWS just refused.
 */
export class AssumedRoleCredentials {
  private current: Promise<AwsCredentialIdentity & { expiration: Date }> | undefined;
  private assumed = 0;

  constructor(
    private readonly sts: STSClient,
    readonly roleArn: string,
    private readonly sessionName: string,
    private readonly options: {
      readonly durationSeconds?: number;
      readonly refreshMarginMs?: number;
      readonly now?: () => number;
    } = {},
  ) {}

  /** How many times the role was assumed (for the diagnostics and the specs). */
  get assumeCount(): number {
    return this.assumed;
  }

  /** The provider to give the SDK clients of the account. */
  provider(): SharedCredentials {
    const provider = (() => this.get()) as SharedCredentials;
    // the SDK memoizes a provider unless it says it does so itself; this one does, and can forget
    provider.memoized = true;
    return provider;
  }

  async get(): Promise<AwsCredentialIdentity> {
    const now = (this.options.now ?? Date.now)();
    const margin = this.options.refreshMarginMs ?? 300_000;
    const current = this.current;
    if (current) {
      // callers waiting on an AssumeRole share its refusal too (a refused one is dropped: see assume)
      const held = await current;
      if (held.expiration.getTime() - margin > now) return held;
      // expiring: the first caller to see it starts the next one
      if (this.current === current) this.current = undefined;
    }
    if (!this.current) {
      const assumed = this.assume();
      this.current = assumed;
      // a refusal is not kept: the next caller asks again
      assumed.catch(() => {
        if (this.current === assumed) this.current = undefined;
      });
    }
    return this.current;
  }

  /**
   * What is held now, as a request about to be sent will be signed with it: give it to `forget` when AWS
   * refuses that request.
   */
  held(): HeldCredentials {
    return this.current;
  }

  /**
   * Drops the credentials; with `refused` (what `held()` answered before a refused request was sent), only
   * if they are still those: requests refused together assume the role again once, and a refusal of
   * credentials already replaced does not throw away the new ones.
   */
  forget(refused?: HeldCredentials): void {
    if (refused === undefined || this.current === refused) this.current = undefined;
  }

  private async assume(): Promise<AwsCredentialIdentity & { expiration: Date }> {
    this.assumed += 1;
    const reply = parseReply(
      AssumeRoleReply,
      'AssumeRole',
      await this.sts.send(
        new AssumeRoleCommand({
          RoleArn: this.roleArn,
          RoleSessionName: this.sessionName,
          DurationSeconds: this.options.durationSeconds ?? 3600,
        }),
      ),
    );
    const c = reply.Credentials;
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  }
}
