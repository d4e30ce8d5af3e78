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
