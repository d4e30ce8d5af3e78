import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Credential, CredentialStore } from '../../auth/credential-store';
import type { DynamoDb } from './document-client';
import type { TableNames } from './tables';

/** The count of a failed sign-ins item. */
const Failures = z.number().int().nonnegative();

/** A credential item of the Sessions table (`ExpiresAt` in seconds, as the TTL attribute keeps it). */
const CredentialItem = z.object({
  Kind: z.enum(['session', 'bearer', 'api-token']),
  TokenHash: z.string(),
  Username: z.string(),
  ExpiresAt: z.number().optional(),
  Csrf: z.string().optional(),
  TokenId: z.string().optional(),
  Name: z.string().optional(),
  CreatedAt: z.string(),
  LastUsedAt: z.string().optional(),
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
  };
}

/** The Sessions table as a CredentialStore. Expired items are filtered on read and removed by TTL. */
export class DynamoDbCredentialStore implements CredentialStore {
  constructor(
    private readonly db: DynamoDb,
    private readonly tables: TableNames,
  ) {}

  async put(c: Credential): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
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
          ApiTokenOwner: c.kind === 'api-token' ? c.username : undefined,
        },
        ConditionExpression: 'attribute_not_exists(TokenHash)',
      }),
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

  async remove(hash: string): Promise<void> {
    await this.db.doc.send(new DeleteCommand({ TableName: this.tables.sessions, Key: { TokenHash: hash } }));
  }

  async listApiTokens(username: string): Promise<Credential[]> {
    const out: Credential[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.db.doc.send(
        new QueryCommand({
          TableName: this.tables.sessions,
          IndexName: 'ByOwner',
          KeyConditionExpression: 'ApiTokenOwner = :u',
          ExpressionAttributeValues: { ':u': username },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of res.Items ?? []) out.push(toCredential(item));
      start = res.LastEvaluatedKey;
    } while (start);
    return out.filter((c) => c.expiresAt === null || c.expiresAt > Date.now());
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
