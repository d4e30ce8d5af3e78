import { deployLockRefusal } from '../../../server/environments/deploy-lock-refusal';

describe('the refusal of a change to a locked environment', () => {
  it('names who locked the environment and why', () => {
    const refusal = deployLockRefusal('int1', {
      DeploymentsLocked: true,
      LockReason: 'Release freeze for the data-centre move',
      LockedBy: 'alice',
      LockedAt: '2026-01-05T09:00:00.000Z',
      InMaintenance: false,
    });
    expect(refusal?.status).toBe(423);
    expect(refusal?.message).toBe('int1 is locked by alice: "Release freeze for the data-centre move"');
  });

  it('refuses nothing while unlocked or never changed', () => {
    expect(deployLockRefusal('int1', { DeploymentsLocked: false, InMaintenance: true })).toBeUndefined();
    expect(deployLockRefusal('int1', undefined)).toBeUndefined();
  });

  it('names who locked it when a script locked it without a reason', () => {
    expect(
      deployLockRefusal('int1', {
        DeploymentsLocked: true,
        LockedBy: 'ci-bot',
        LockedAt: '2026-01-05T09:00:00.000Z',
      })?.message,
    ).toBe('int1 is locked by ci-bot (no reason given)');
  });

  it('still refuses a lock taken before locks were signed, in the old words', () => {
    expect(deployLockRefusal('int1', { DeploymentsLocked: true })?.message).toBe(
      'deployments to int1 are locked',
    );
  });

  it('refuses when the stored state cannot be read, unless it plainly says unlocked', () => {
    expect(deployLockRefusal('int1', { DeploymentsLocked: 'yes' })?.status).toBe(423);
    expect(deployLockRefusal('int1', { DeploymentsLocked: false, LockedAt: 'soon' })).toBeUndefined();
  });
});
