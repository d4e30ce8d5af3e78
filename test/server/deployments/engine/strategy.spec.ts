import { z } from 'zod';
import { step, succeeded } from '../../../../server/deployments/engine/step';
import { defineStrategy } from '../../../../server/deployments/engine/strategy';
import { isTransient } from '../../../../server/deployments/engine/transient';
import { stepNames, strategyFor } from '../../../../server/deployments/strategies/strategy-for';
import { StaleVersionError } from '../../../../server/errors/domain-errors';

describe('strategies', () => {
  const gives = (name: string, keys: string[], needs: string[] = []) =>
    step({
      name,
      timeoutSeconds: 1,
      needs: z.object(Object.fromEntries(needs.map((k) => [k, z.string()]))),
      gives: z.object(Object.fromEntries(keys.map((k) => [k, z.string()]))),
      run: async () => succeeded(Object.fromEntries(keys.map((k) => [k, 'x']))),
    });

  it('refuses a strategy whose step reads a key that no step before it gives', () => {
    expect(() =>
      defineStrategy([gives('a', ['x']), gives('b', [], ['x'])], async () => undefined),
    ).not.toThrow();
    expect(() =>
      defineStrategy([gives('b', [], ['x']), gives('a', ['x'])], async () => undefined),
    ).toThrowError(/step b needs x, which no step before it gives/);
    expect(() => defineStrategy([gives('a', ['x']), gives('a', [])], async () => undefined)).toThrowError(
      /two steps named a/,
    );
  });

  it('builds scale-up patching and every blue/green variant, each step reading only what earlier ones give', () => {
    for (const RequireApproval of [false, true]) {
      expect(() =>
        strategyFor({ DeploymentType: 'overwrite', CanarySteps: [], RequireApproval }),
      ).not.toThrow();
      for (const CanarySteps of [[100], [10, 100], [10, 50, 100], [1, 2, 3, 4, 5, 6, 7, 8, 9, 100]])
        expect(() => strategyFor({ DeploymentType: 'bg', CanarySteps, RequireApproval })).not.toThrow();
    }
  });

  it('derives the outline a dry run shows from the strategy itself', () => {
    expect(stepNames({ DeploymentType: 'overwrite', CanarySteps: [], RequireApproval: true })).toEqual([
      'await-approval',
      'record-capacity',
      'create-launch-template-version',
      'suspend-processes',
      'scale-out',
      'wait-for-new-instances',
      'remove-old-instances',
      'verify-version',
      'restore-capacity',
    ]);
    expect(stepNames({ DeploymentType: 'bg', CanarySteps: [10, 100], RequireApproval: true })).toEqual([
      'prepare-inactive-slice',
      'scale-inactive-slice',
      'wait-for-inactive-slice',
      'shift-traffic-10',
      'bake-10',
      'await-approval',
      'shift-traffic-100',
      'keep-old-slice-warm',
      'scale-down-old-slice',
    ]);
  });
});

describe('which errors are retried', () => {
  const aws = (name: string, status?: number, extra: object = {}) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

  it('retries throttling, 5xx, network failures, malformed replies and stale writes', () => {
    expect(isTransient(aws('Throttling', 400))).toBeTrue();
    expect(isTransient(aws('RequestLimitExceeded', 503))).toBeTrue();
    expect(isTransient(aws('InternalFailure', 500))).toBeTrue();
    expect(isTransient(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeTrue();
    expect(isTransient(Object.assign(new Error('bad reply'), { name: 'AwsReplyError' }))).toBeTrue();
    expect(isTransient(new StaleVersionError('stale'))).toBeTrue();
  });

  it('does not retry a validation error, a refusal or a bug', () => {
    expect(isTransient(aws('ValidationError', 400))).toBeFalse();
    expect(isTransient(aws('AccessDenied', 403))).toBeFalse();
    expect(isTransient(new TypeError('x is undefined'))).toBeFalse();
    expect(isTransient('a string')).toBeFalse();
  });
});
