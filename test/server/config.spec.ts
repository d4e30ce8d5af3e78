import { ConfigError, loadConfig } from '../../server/config';

describe('the configuration', () => {
  it('has working defaults for the sandbox', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dynamoDb).toEqual({ mode: 'local' });
    expect(c.tablePrefix).toBe('em-');
    expect(c.region).toBe('eu-west-1');
    expect(Object.isFrozen(c)).toBeTrue();
  });

  it('reads DynamoDB as local, the real AWS one, or an endpoint', () => {
    expect(loadConfig({ EM_DYNAMODB_ENDPOINT: 'aws' }).dynamoDb).toEqual({ mode: 'aws' });
    expect(loadConfig({ EM_DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000' }).dynamoDb).toEqual({
      mode: 'endpoint',
      url: 'http://127.0.0.1:8000',
    });
  });

  it('runs the notification dispatcher by default, and reads its settings', () => {
    expect(loadConfig({}).notifications).toEqual({
      enabled: true,
      pollMs: 1000,
      timeoutMs: 5000,
      maxAttempts: 8,
      backoffMs: 5000,
      allowedHosts: [],
    });
    const c = loadConfig({
      EM_NOTIFY: 'off',
      EM_NOTIFY_POLL_MS: '250',
      EM_NOTIFY_TIMEOUT_MS: '2000',
      EM_NOTIFY_MAX_ATTEMPTS: '3',
      EM_NOTIFY_BACKOFF_MS: '100',
      EM_WEBHOOK_ALLOWED_HOSTS: ' Chat.Internal.example, 10.1.2.3,[::1] ,localhost',
    });
    expect(c.notifications).toEqual({
      enabled: false,
      pollMs: 250,
      timeoutMs: 2000,
      maxAttempts: 3,
      backoffMs: 100,
      allowedHosts: ['chat.internal.example', '10.1.2.3', '[::1]', 'localhost'],
    });
    expect(() => loadConfig({ EM_NOTIFY_TIMEOUT_MS: '0' })).toThrowError(
      ConfigError,
      /EM_NOTIFY_TIMEOUT_MS:/,
    );
    expect(() => loadConfig({ EM_WEBHOOK_ALLOWED_HOSTS: 'chat.example,http://10.0.0.1/' })).toThrowError(
      ConfigError,
      /EM_WEBHOOK_ALLOWED_HOSTS: "http:\/\/10\.0\.0\.1\/" is not a host name or an IP address/,
    );
  });

  it('stops with a message naming each wrong variable', () => {
    const bad = {
      PORT: 'eighty',
      AWS_REGION: 'mars',
      EM_ADMIN_PASSWORD: 'short',
      EM_TABLE_PREFIX: 'a/b',
      EM_DYNAMODB_ENDPOINT: 'nope',
    };
    let message = '';
    try {
      loadConfig(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of Object.keys(bad)) expect(message).toContain(`${name}:`);
  });
});
