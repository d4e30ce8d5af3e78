import type { InstanceUserData } from '../../fleet/instance-user-data';
import type { StepContext } from '../engine/step';
import { ownVersionMark } from './own-template-version';

/** The launch template version a deployment starts from: its number and what its instances run. */
export interface SourceVersion {
  readonly templateId: string;
  readonly originalTemplateVersion: string;
  readonly originalPayload: InstanceUserData;
}

/**
 * Creates the launch template version that runs the deployment's service version beside every other
 * service of the source version, and answers its number. Idempotent: the deployment's id is the call's
 * client token, so a step retried after a lost answer gets the version it created before.
 */
export async function newServiceVersion(ctx: StepContext<unknown>, source: SourceVersion): Promise<string> {
  const d = ctx.deployment;
  const services = source.originalPayload.services;
  const next = services.some((s) => s.name === d.ServiceName)
    ? services.map((s) => (s.name === d.ServiceName ? { ...s, version: d.ServiceVersion } : s))
    : [...services, { name: d.ServiceName, version: d.ServiceVersion }];
  const version = await ctx.fleet.createTemplateVersion(source.templateId, {
    sourceVersion: Number(source.originalTemplateVersion),
    payload: { ...source.originalPayload, services: next },
    description: `${d.ServiceName}@${d.ServiceVersion} by ${d.User} ${ownVersionMark(ctx.deploymentId, source.originalTemplateVersion)}`,
    clientToken: ctx.deploymentId,
  });
  return String(version);
}
