import {
  ownVersionMark,
  sourceOfOwnVersion,
} from '../../../server/deployments/strategies/own-template-version';

describe('the mark of a launch template version a deployment made', () => {
  it('gives back the source version for the deployment that made it, and nothing for another', () => {
    const description = `web@1.1.0 by alice ${ownVersionMark('01ABC', 7)}`;
    expect(description).toBe('web@1.1.0 by alice [01ABC from version 7]');
    expect(sourceOfOwnVersion(description, '01ABC')).toBe('7');
    expect(sourceOfOwnVersion(description, '01XYZ')).toBeUndefined();
    expect(sourceOfOwnVersion('web@1.1.0 by alice', '01ABC')).toBeUndefined();
    expect(sourceOfOwnVersion(undefined, '01ABC')).toBeUndefined();
    expect(sourceOfOwnVersion(`${ownVersionMark('P1-2', '3')}`, 'P1-2')).toBe('3');
  });
});
