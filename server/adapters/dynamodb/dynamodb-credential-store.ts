import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Credential, CredentialAudit, CredentialStore } from '../../auth/credential-store';
import { NotFoundError } from '../../errors/domain-errors';
import { auditItem } from './audit-item';
import type { DynamoDb } from './document-client';
import type { TableNames } from './tables';

/** The `ByOwner` partition that holds every feature toggle token (no username can be it: it has a `:`). */
const TOGGLE_TOKENS = 'toggle-tokens:';

/** The count of a failed sign-ins item. */
const Failures = z.number().int().nonnegative();

/** A credential item of the Sessions table (`ExpiresAt` in seconds, as the TTL attribute keeps it). */
const CredentialItem = z.object({
  Kind: z.enum(['session', 'bearer', 'api-token', 'toggle-token']),
  TokenHash: z.string(),
  Username: z.string(),
  ExpiresAt: z.number().optional(),
  Csrf: z.string().optional(),
  TokenId: z.string().optional(),
  Name: z.string().optional(),
  CreatedAt: z.string(),
  LastUsedAt: z.string().optional(),
  // a toggle token's scope
  Service: z.string().optional(),
  Environment: z.string().optional(),
  Team: z.string().optional(),
  EnvironmentType: z.string().optional(),
  CreatedBy: z.string().optional(),
});

function toCredential(item: Record<string, unknown>): Credential {
  const c = CredentialItem.parse(item);
  return {
    kind: c.Kind,
    hash: c.TokenHash,
    username: c.Username,
    expiresAt: c.ExpiresAt === undefined ? null : c.ExpiresAt * 1000,
    csrf: c.Csrf,
    id: c.TokenId,
    name: c.Name,
    createdAt: c.CreatedAt,
    lastUsedAt: c.LastUsedAt,
    toggleToken:
      c.Kind === 'toggle-token'
        ? {
            service: c.Service ?? '',
            environment: c.Environment ?? '',
            team: c.Team ?? '',
            environmentType: c.EnvironmentType ?? '',
            createdBy: c.CreatedBy ?? '',
          }
        : undefined,
  };
}

function ownerKey(c: Credential): string | undefined {
  if (c.kind === 'api-token') return c.username;
  return c.kind === 'toggle-token' ? TOGGLE_TOKENS : undefined;
}

/**
 * The Sessions table as a CredentialStore. Expired items are filtered on read and removed by TTL. An
 * audited change (a toggle token's) is one transaction with its entry in the Audit table.
 */
export class DynamoDbCredentialStore implements CredentialStore {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
    private readonly now: () => number = Date.now,
  ) {}

  async put(c: Credential, audit?: CredentialAudit): Promise<void> {
    const scope = c.toggleToken;
    const put = {
      TableName: this.tables.sessions,
      Item: {
        TokenHash: c.hash,
        Kind: c.kind,
        Username: c.username,
        ExpiresAt: c.expiresAt === null ? undefined : Math.ceil(c.expiresAt / 1000),
        Csrf: c.csrf,
        TokenId: c.id,
        Name: c.name,
        CreatedAt: c.createdAt,
        ApiTokenOwner: ownerKey(c),
        Service: scope?.service,
        Environment: scope?.environment,
        Team: scope?.team,
        EnvironmentType: scope?.environmentType,
        CreatedBy: scope?.createdBy,
      },
      ConditionExpression: 'attribute_not_exists(TokenHash)',
    };
    if (!audit) {
      await this.db.doc.send(new PutCommand(put));
      return;
    }
    const entry = this.audited(c, audit, 'Created');
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, entry] }));
  }

  private audited(c: Credential, audit: CredentialAudit, changeType: 'Created' | 'Deleted') {
    return auditItem(
      this.tables.audit,
      {
        kind: 'FeatureToggleToken',
        key: c.id ?? '',
        version: 1,
        changeType,
        oldValue: changeType === 'Deleted' ? audit.value : null,
        newValue: changeType === 'Created' ? audit.value : null,
      },
      audit.actor,
      this.now(),
    );
  }

  async find(hash: string): Promise<Credential | undefined> {
    const { Item } = await this.db.doc.send(
      new GetCommand({ TableName: this.tables.sessions, Key: { TokenHash: hash } }),
    );
    if (!Item || typeof Item['Username'] !== 'string') return undefined;
    const c = toCredential(Item);
    return c.expiresAt !== null && c.expiresAt <= Date.now() ? undefined : c;
  }

  async remove(hash: string, audit?: CredentialAudit): Promise<void> {
    if (!audit) {
      await this.db.doc.send(
        new DeleteCommand({ TableName: this.tables.sessions, Key: { TokenHash: hash } }),
      );
      return;
    }
    const { Item } = await this.db.doc.send(
      new GetCommand({ TableName: this.tables.sessions, Key: { TokenHash: hash }, ConsistentRead: true }),
    );
    const gone = () => new NotFoundError('the token is revoked already');
    if (!Item) throw gone();
    const entry = this.audited(toCredential(Item), audit, 'Deleted');
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tables.sessions,
                Key: { TokenHash: hash },
                ConditionExpression: 'attribute_exists(TokenHash)',
              },
            },
            entry,
          ],
        }),
      );
    } catch (e) {
      // revoked by someone else between the read and the delete: audited once, by them
      if (e instanceof TransactionCanceledException) throw gone();
      throw e;
    }
  }

  async listApiTokens(username: string): Promise<Credential[]> {
    return (await this.byOwner(username)).filter(
      (c) => c.kind === 'api-token' && (c.expiresAt === null || c.expiresAt > Date.now()),
    );
  }

  async listToggleTokens(service?: string): Promise<Credential[]> {
    return (await this.byOwner(TOGGLE_TOKENS)).filter(
      (c) => c.kind === 'toggle-token' && (service === undefined || c.toggleToken?.service === service),
    );
  }

  /** The items of a `ByOwner` partition, oldest first. */
  private async byOwner(owner: string): Promise<Credential[]> {
    const out: Credential[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.sessions,
          IndexName: 'ByOwner',
          KeyConditionExpression: 'ApiTokenOwner = :o',
          ExpressionAttributeValues: { ':o': owner },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(toCredential(item));
      start = res.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async markUsed(hash: string, at: string): Promise<void> {
    await this.db.doc
      .send(
        new UpdateCommand({
          TableName: this.tables.sessions,
          Key: { TokenHash: hash },
          UpdateExpression: 'SET LastUsedAt = :at',
          ConditionExpression: 'attribute_exists(TokenHash)',
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch(() => undefined); // revoked meanwhile: nothing to mark
  }

  async addFailure(key: string, windowEndsAt: number): Promise<number> {
    const res = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.tables.sessions,
        Key: { TokenHash: `LoginFailures#${key}#${windowEndsAt}` },
        UpdateExpression: 'ADD Failures :one SET ExpiresAt = :exp',
        ExpressionAttributeValues: { ':one': 1, ':exp': Math.ceil(windowEndsAt / 1000) },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Failures.parse(res.Attributes?.['Failures'] ?? 1);
  }

  async failures(key: string, windowEndsAt: number): Promise<number> {
    const { Item } = await this.db.doc.send(
      new GetCommand({
        TableName: this.tables.sessions,
        Key: { TokenHash: `LoginFailures#${key}#${windowEndsAt}` },
      }),
    );
    return Failures.parse(Item?.['Failures'] ?? 0);
  }
}
