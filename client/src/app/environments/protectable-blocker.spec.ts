import type { Grant } from '@shared/auth/permission';
import {
  protectableBlocker,
  type GuardedAction,
  type OperationRequest,
  type ProtectsLookup,
} from './protectable-blocker';

describe('protectableBlocker', () => {
  const scope = { cluster: 'Checkout', environmentType: 'Prod' };
  const grant = (Action: Grant['Action'], options: Partial<Grant> = {}): Grant => ({
    Action,
    Clusters: ['Checkout'],
    EnvironmentTypes: ['Prod'],
    ...options,
  });
  const request = (action: GuardedAction, needs: string): OperationRequest => ({ action, scope, needs });
  /** A type that protects exactly these actions, once read. */
  const protecting =
    (...actions: GuardedAction[]): ProtectsLookup =>
    (_type, action) =>
      actions.includes(action);
  const unread: ProtectsLookup = () => undefined;

  const cases = [
    { change: 'a resize', action: 'operate-asgs', needs: 'Resizing needs' },
    { change: 'a slice toggle', action: 'toggle-slices', needs: 'Toggling slices needs' },
    { change: 'a lock', action: 'lock-environments', needs: 'Locking and maintenance need' },
  ] as const;

  for (const { change, action, needs } of cases) {
    describe(`for ${change} (${action})`, () => {
      it('allows a holder of the permission where the type does not protect it', () => {
        expect(protectableBlocker([grant(action)], request(action, needs), protecting())).toBeNull();
      });

      it('refuses a holder of the permission alone where the type protects it, saying who may', () => {
        expect(protectableBlocker([grant(action)], request(action, needs), protecting(action))).toBe(
          `Prod protects ${action}: an admin of Checkout and Prod may do this.`,
        );
      });

      it('allows a holder of the permission and admin there where the type protects it', () => {
        const grants = [grant(action), grant('admin')];
        expect(protectableBlocker(grants, request(action, needs), protecting(action))).toBeNull();
      });

      it('refuses without the permission, whatever the type protects, naming the permission', () => {
        for (const protects of [protecting(), protecting(action)]) {
          expect(protectableBlocker([grant('deploy')], request(action, needs), protects)).toBe(
            `${needs} ${action} on Prod environments of Checkout.`,
          );
        }
      });
    });
  }

  it('is not satisfied by admin of another cluster or type where the type protects the action', () => {
    const grants = [
      grant('operate-asgs'),
      grant('admin', { Clusters: ['Payments'] }),
      grant('admin', { EnvironmentTypes: ['Staging'] }),
    ];
    expect(protectableBlocker(grants, request('operate-asgs', 'x'), protecting('operate-asgs'))).toBe(
      'Prod protects operate-asgs: an admin of Checkout and Prod may do this.',
    );
  });

  it('is not moved by protection of another action', () => {
    const grants = [grant('toggle-slices')];
    expect(
      protectableBlocker(
        grants,
        request('toggle-slices', 'x'),
        protecting('operate-asgs', 'lock-environments'),
      ),
    ).toBeNull();
  });

  it('says it is still checking while the type is not read, for a holder of the permission alone', () => {
    expect(protectableBlocker([grant('operate-asgs')], request('operate-asgs', 'x'), unread)).toBe(
      'Checking whether Prod protects operate-asgs…',
    );
  });

  it('asks about the type only when the answer depends on it', () => {
    const lookup = jasmine.createSpy<ProtectsLookup>('protects').and.returnValue(true);
    protectableBlocker([grant('deploy')], request('operate-asgs', 'x'), lookup);
    protectableBlocker([grant('admin')], request('operate-asgs', 'x'), lookup);
    expect(lookup).not.toHaveBeenCalled();

    protectableBlocker([grant('operate-asgs')], request('operate-asgs', 'x'), lookup);
    expect(lookup).toHaveBeenCalledOnceWith('Prod', 'operate-asgs');
  });

  it('lets admin alone stand for the permission, as on the server', () => {
    expect(protectableBlocker([grant('admin')], request('lock-environments', 'x'), unread)).toBeNull();
  });
});
